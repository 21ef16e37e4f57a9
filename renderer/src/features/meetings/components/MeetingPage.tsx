// One meeting: its type, date and time, attendees, agenda (drafted for a KPI review), notes,
// decisions and action items, with "Start next meeting" for a series and the minutes export.
import { useTranslation } from 'react-i18next';
import { MEETING_TYPES, type MeetingType } from '../../../../../shared/model/meetings/schema';
import type { MeetingSnapshot, SeriesSnapshot } from '../../../../../shared/model/meetings/read';
import { DraftField } from '../../../components/DraftField';
import { useApp, useRuntime } from '../../../context';
import { downloadFile } from '../../../components/BackupDialog';
import { useMeetingActions } from '../actions';
import { meetingToMarkdown, minutesFileName } from '../minutes';
import { useMinutesContext } from '../minutes-context';
import { ActionItemList } from './ActionItemList';
import { AgendaList } from './AgendaList';
import { DecisionList } from './DecisionList';
import { DraftAgenda } from './DraftAgenda';
import { MinutesPrint } from './MinutesPrint';
import { NotesField } from './NotesField';

export function MeetingPage({ meeting, series, readOnly }: { meeting: MeetingSnapshot; series: SeriesSnapshot | undefined; readOnly: boolean }) {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const actions = useMeetingActions();
  const members = useApp((s) => s.workspace?.members);
  const minutes = useMinutesContext();
  const notify = (result: { ok: boolean; error?: { messageKey: string; params: Record<string, string | number> } }) => {
    if (!result.ok && result.error) runtime.store.setState({ toast: { id: Date.now(), messageKey: result.error.messageKey, params: result.error.params, undoable: false } });
  };
  const isLatest = series?.meetingIds.at(-1) === meeting.id;
  return (
    <article className="meeting-page card" aria-labelledby="meeting-title" data-testid="meeting-page">
      <div className="detail-head">
        <h2 id="meeting-title" tabIndex={-1}>{meeting.title}</h2>
        <button className="link-button small" onClick={() => actions.select(null)}>{t('meetings.back')}</button>
      </div>
      <div className="detail-meta">
        <label>
          {t('meetings.type')}
          <select value={meeting.type} disabled={readOnly} onChange={(e) => notify(actions.update({ id: meeting.id, type: e.target.value as MeetingType }))}>
            {MEETING_TYPES.map((k) => <option key={k} value={k}>{t(`meetings.types.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('meetings.date')}
          <DraftField value={meeting.date} disabled={readOnly} onCommit={(date) => notify(actions.update({ id: meeting.id, date }))} />
        </label>
        <label>
          {t('meetings.time')}
          <DraftField value={meeting.time} disabled={readOnly} onCommit={(time) => notify(actions.update({ id: meeting.id, time }))} />
        </label>
        {series && <span className="muted small">{t('meetings.series', { cadence: t(`meetings.cadences.${series.cadence}`) })}</span>}
      </div>
      <fieldset className="attendees">
        <legend>{t('meetings.attendees')}</legend>
        {members?.map((m) => (
          <label key={m.id} className="checkbox">
            <input type="checkbox" checked={meeting.attendees.includes(m.id)} disabled={readOnly} onChange={(e) => notify(actions.setAttendee(meeting.id, m.id, e.target.checked))} />
            {m.name}
          </label>
        ))}
      </fieldset>
      <div className="actions left">
        {!readOnly && meeting.type === 'kpi-review' && <DraftAgenda meeting={meeting} />}
        {!readOnly && series && isLatest && (
          <button onClick={() => notify(actions.startNext(series.id))} title={t('meetings.startNextHint')} data-testid="start-next">{t('meetings.startNext')}</button>
        )}
        {!readOnly && series && meeting.agenda.length > 0 && (
          <button onClick={() => { const r = actions.saveTemplate(meeting.id); notify(r); if (r.ok) runtime.store.setState({ toast: { id: Date.now(), messageKey: 'meetings.templateSaved', params: {}, undoable: true } }); }}>{t('meetings.saveTemplate')}</button>
        )}
        <button onClick={() => downloadFile(new TextEncoder().encode(meetingToMarkdown(meeting, minutes)), minutesFileName(meeting))} data-testid="export-minutes">{t('meetings.exportMarkdown')}</button>
        <button onClick={() => window.print()}>{t('meetings.print')}</button>
        {!readOnly && <button className="danger" onClick={() => notify(actions.remove(meeting.id, meeting.title))}>{t('meetings.deleteMeeting')}</button>}
      </div>
      <AgendaList meetingId={meeting.id} agenda={meeting.agenda} readOnly={readOnly} />
      <NotesField key={meeting.id} meetingId={meeting.id} notes={meeting.notes} readOnly={readOnly} />
      <DecisionList meetingId={meeting.id} decisions={meeting.decisions} readOnly={readOnly} />
      <ActionItemList meetingId={meeting.id} items={meeting.actionItems} readOnly={readOnly} />
      <MinutesPrint meeting={meeting} context={minutes} />
    </article>
  );
}
