// Planning a meeting: title, type, date and time, and whether it repeats (weekly, every two
// weeks, monthly), which makes it the first of a series. Every member is invited at first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CADENCES, MEETING_TYPES, type Cadence, type MeetingType } from '../../../../../shared/model/meetings/schema';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { useMeetingActions } from '../actions';
import { Dialog } from '../../../components/dialog/Dialog';

export function NewMeetingDialog({ onClose }: { onClose(): void }) {
  const actions = useMeetingActions();
  const { t } = useTranslation();
  const today = useApp((s) => s.today);
  const members = useApp((s) => s.workspace?.members);
  const [title, setTitle] = useState(() => t('meetings.defaultTitle'));
  const [type, setType] = useState<MeetingType>('regular-sync');
  const [date, setDate] = useState(today);
  const [time, setTime] = useState('10:00');
  const [repeat, setRepeat] = useState<Cadence | 'none'>('weekly');
  const [error, setError] = useState<ShownError | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = actions.create({ title, type, date, time, repeat: repeat === 'none' ? null : repeat, attendees: members?.map((m) => m.id) });
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={t('meetings.newMeetingTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label>
          {t('meetings.meetingTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('meetings.type')}
          <select value={type} onChange={(e) => setType(e.target.value as MeetingType)}>
            {MEETING_TYPES.map((k) => <option key={k} value={k}>{t(`meetings.types.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('meetings.date')}
          <input value={date} placeholder="YYYY-MM-DD" onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('meetings.time')}
          <input value={time} placeholder="HH:MM" onChange={(e) => setTime(e.target.value)} />
        </label>
        <label>
          {t('meetings.repeat')}
          <select value={repeat} onChange={(e) => setRepeat(e.target.value as Cadence | 'none')}>
            {(['none', ...CADENCES] as const).map((k) => <option key={k} value={k}>{t(`meetings.cadences.${k}`)}</option>)}
          </select>
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>{t('meetings.cancel')}</button>
          <button type="submit" className="primary">{t('meetings.newMeeting')}</button>
        </div>
      </form>
    </Dialog>
  );
}
