// A meeting's decisions: what was decided, by whom, and the goals or feedback items it
// concerns (a decision linked to a goal shows as a marker on that goal's trend chart).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionSnapshot } from '../../../../../shared/model/meetings/read';
import type { LinkInput } from '../../../../../shared/model/meetings/schema';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { useMeetingActions } from '../actions';
import { useMeetingLinkTargets } from './link-targets';
import { LinkPicker } from './LinkPicker';

export function DecisionList({ meetingId, decisions, readOnly }: { meetingId: string; decisions: readonly DecisionSnapshot[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const actions = useMeetingActions();
  const me = useApp((s) => s.identity?.memberId ?? '');
  const members = useApp((s) => s.workspace?.members);
  const { byKey } = useMeetingLinkTargets();
  const [text, setText] = useState('');
  const [by, setBy] = useState(me);
  const [links, setLinks] = useState<LinkInput[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const show = (result: { ok: boolean; error?: ShownError }) => setError(result.ok ? null : (result.error ?? null));
  const titleOf = (l: LinkInput) => byKey.get(`${l.boardId}:${l.entityId}`)?.title ?? t('meetings.unknownLink');
  function add(e: FormEvent) {
    e.preventDefault();
    const result = actions.decide(meetingId, text, by || me, links);
    show(result);
    if (result.ok) {
      setText('');
      setLinks([]);
    }
  }
  return (
    <section className="detail-section" aria-labelledby="decisions-heading">
      <h3 id="decisions-heading">{t('meetings.decisions')}</h3>
      {decisions.length === 0 && <p className="muted">{t('meetings.decisionsEmpty')}</p>}
      <ul className="decision-list">
        {decisions.map((d) => (
          <li key={d.id} data-testid="decision">
            <strong>{d.text}</strong> <span className="muted small">— {members?.find((m) => m.id === d.by)?.name ?? '?'}</span>
            {d.links.map((l) => (
              <span key={`${l.boardId}:${l.entityId}`} className="chip">
                {l.kind === 'goal' ? '◎' : '▤'} {titleOf(l)}
                {!readOnly && <button className="link-button small" aria-label={`${t('meetings.unlink')} ${titleOf(l)}`} onClick={() => show(actions.unlink(d.id, l))}>✕</button>}
              </span>
            ))}
            {!readOnly && <LinkPicker label={t('meetings.linkTo')} exclude={new Set(d.links.map((l) => `${l.boardId}:${l.entityId}`))} onPick={(l) => l && show(actions.link(d.id, l))} />}
            {!readOnly && <button className="link-button small danger" onClick={() => show(actions.removeDecision(d.id))}>{t('meetings.remove')}</button>}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form className="inline-form" onSubmit={add} noValidate aria-label={t('meetings.addDecision')}>
          <input value={text} aria-label={t('meetings.decision')} placeholder={t('meetings.decision')} onChange={(e) => setText(e.target.value)} />
          <select value={by} aria-label={t('meetings.decidedBy')} onChange={(e) => setBy(e.target.value)}>
            {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <LinkPicker label={t('meetings.linkTo')} exclude={new Set(links.map((l) => `${l.boardId}:${l.entityId}`))} onPick={(l) => l && setLinks([...links, l])} />
          {links.map((l) => <span key={`${l.boardId}:${l.entityId}`} className="chip">{titleOf(l)}</span>)}
          <button type="submit">{t('meetings.addDecision')}</button>
        </form>
      )}
      <FieldError error={error} />
    </section>
  );
}
