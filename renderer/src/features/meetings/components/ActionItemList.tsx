// A meeting's action items: title, owner, due date (overdue ones marked), done checkbox, the
// goal or feedback item it serves, and whether it was rolled over from an earlier meeting.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItemSnapshot } from '../../../../../shared/model/meetings/read';
import type { LinkInput } from '../../../../../shared/model/meetings/schema';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { useMeetingActions } from '../actions';
import { useMeetingLinkTargets } from './link-targets';
import { LinkPicker } from './LinkPicker';

export function ActionItemList({ meetingId, items, readOnly }: { meetingId: string; items: readonly ActionItemSnapshot[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const actions = useMeetingActions();
  const members = useApp((s) => s.workspace?.members);
  const today = useApp((s) => s.today);
  const locale = useApp((s) => s.locale);
  const me = useApp((s) => s.identity?.memberId ?? null);
  const { byKey } = useMeetingLinkTargets();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(me);
  const [due, setDue] = useState('');
  const [link, setLink] = useState<LinkInput | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const show = (result: { ok: boolean; error?: ShownError }) => setError(result.ok ? null : (result.error ?? null));
  function add(e: FormEvent) {
    e.preventDefault();
    const result = actions.addActionItem(meetingId, { title, ownerId, due: due.trim() || null, link });
    show(result);
    if (result.ok) {
      setTitle('');
      setDue('');
      setLink(null);
    }
  }
  return (
    <section className="detail-section" aria-labelledby="action-items-heading">
      <h3 id="action-items-heading">{t('meetings.actionItems')}</h3>
      {items.length === 0 && <p className="muted">{t('meetings.actionItemsEmpty')}</p>}
      <ul className="action-items">
        {items.map((item) => {
          const overdue = !item.done && item.due !== null && item.due < today;
          return (
            <li key={item.id} data-testid="action-item" className={item.done ? 'done' : overdue ? 'overdue' : undefined}>
              <label className="checkbox">
                <input type="checkbox" checked={item.done} disabled={readOnly} aria-label={t('meetings.markDone', { title: item.title })} onChange={(e) => show(actions.setDone(item.id, e.target.checked))} />
                <span className="action-title">{item.title}</span>
              </label>
              <span className="muted small"> {members?.find((m) => m.id === item.ownerId)?.name ?? t('meetings.noOwner')}</span>
              <span className="muted small"> · {item.due ? formatDate(item.due, locale) : t('meetings.noDue')}</span>
              {overdue && <span className="badge danger"> {t('meetings.overdue')}</span>}
              {item.rolled && <span className="badge"> {t('meetings.rolled')}</span>}
              {item.link && <span className="chip">{byKey.get(`${item.link.boardId}:${item.link.entityId}`)?.title ?? t('meetings.unknownLink')}</span>}
              {!readOnly && <button className="link-button small danger" onClick={() => show(actions.removeActionItem(item.id))}>{t('meetings.remove')}</button>}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <form className="inline-form" onSubmit={add} noValidate aria-label={t('meetings.addActionItem')}>
          <input value={title} aria-label={t('meetings.actionItem')} placeholder={t('meetings.actionItem')} onChange={(e) => setTitle(e.target.value)} />
          <select value={ownerId ?? ''} aria-label={t('meetings.owner')} onChange={(e) => setOwnerId(e.target.value || null)}>
            <option value="">{t('meetings.noOwner')}</option>
            {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <input value={due} aria-label={t('meetings.due')} placeholder="YYYY-MM-DD" onChange={(e) => setDue(e.target.value)} />
          <LinkPicker label={t('meetings.linkTo')} onPick={setLink} />
          {link && <span className="chip">{byKey.get(`${link.boardId}:${link.entityId}`)?.title}</span>}
          <button type="submit">{t('meetings.addActionItem')}</button>
        </form>
      )}
      <FieldError error={error} />
    </section>
  );
}
