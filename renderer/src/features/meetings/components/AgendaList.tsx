// A meeting's agenda: topics in order with owner and time box, the total time, adding a topic,
// and reordering with Alt+↑ / Alt+↓ on a topic's title, like the other boards' cards.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemSnapshot } from '../../../../../shared/model/meetings/read';
import { DraftField } from '../../../components/DraftField';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { useMeetingActions } from '../actions';

export function AgendaList({ meetingId, agenda, readOnly }: { meetingId: string; agenda: readonly AgendaItemSnapshot[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const actions = useMeetingActions();
  const members = useApp((s) => s.workspace?.members);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [error, setError] = useState<ShownError | null>(null);
  const show = (result: { ok: boolean; error?: ShownError }) => setError(result.ok ? null : (result.error ?? null));
  const total = agenda.reduce((n, a) => n + a.minutes, 0);
  const onKeyDown = (e: KeyboardEvent, index: number, id: string) => {
    if (!e.altKey || readOnly || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = index + (e.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= agenda.length) return;
    show(actions.moveTopic(id, to));
    const target = e.currentTarget as HTMLElement;
    requestAnimationFrame(() => target.focus());
  };
  function add(e: FormEvent) {
    e.preventDefault();
    const result = actions.addTopic(meetingId, { title, minutes: minutes.trim() === '' ? Number.NaN : Number(minutes) });
    show(result);
    if (result.ok) setTitle('');
  }
  return (
    <section className="detail-section" aria-labelledby="agenda-heading">
      <h3 id="agenda-heading">
        {t('meetings.agenda')} <span className="muted small">{t('meetings.agendaTotal', { minutes: total })}</span>
      </h3>
      {agenda.length === 0 && <p className="muted">{t('meetings.agendaEmpty')}</p>}
      <p id="agenda-move-hint" className="sr-only">{t('meetings.moveHint')}</p>
      <ol className="agenda-list" data-testid="agenda">
        {agenda.map((item, index) => (
          <li key={item.id} data-testid="agenda-item">
            <DraftField className="agenda-topic" value={item.title} disabled={readOnly} aria-label={t('meetings.topic')} aria-describedby="agenda-move-hint" onKeyDown={(e) => onKeyDown(e, index, item.id)} onCommit={(v) => show(actions.updateTopic(item.id, { title: v }))} />
            <select value={item.ownerId ?? ''} disabled={readOnly} aria-label={t('meetings.owner')} onChange={(e) => show(actions.updateTopic(item.id, { ownerId: e.target.value || null }))}>
              <option value="">{t('meetings.noOwner')}</option>
              {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
            <DraftField className="time-box" value={String(item.minutes)} disabled={readOnly} aria-label={t('meetings.minutes')} onCommit={(v) => show(actions.updateTopic(item.id, { minutes: v.trim() === '' ? Number.NaN : Number(v) }))} />
            {!readOnly && <button className="link-button small danger" aria-label={t('meetings.removeTopic', { title: item.title })} onClick={() => show(actions.removeTopic(item.id))}>{t('meetings.remove')}</button>}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <form className="inline-form" onSubmit={add} noValidate>
          <input value={title} aria-label={t('meetings.topic')} placeholder={t('meetings.topic')} onChange={(e) => setTitle(e.target.value)} />
          <input className="time-box" value={minutes} aria-label={t('meetings.minutes')} onChange={(e) => setMinutes(e.target.value)} />
          <button type="submit">+ {t('meetings.addTopic')}</button>
        </form>
      )}
      <FieldError error={error} />
    </section>
  );
}
