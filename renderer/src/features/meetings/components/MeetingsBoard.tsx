// The meetings board: meetings upcoming and past, grouped by series, beside the meeting on
// screen (or "My action items"); an empty board offers planning the first meeting.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot, MeetingsBoardSnapshot } from '../../../../../shared/model/meetings/read';
import { useApp } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { useMeetingActions } from '../actions';
import { MEETINGS_CSS } from '../meetings-css';
import { MeetingPage } from './MeetingPage';
import { MyActionItems } from './MyActionItems';
import { NewMeetingDialog } from './NewMeetingDialog';

const EMPTY: MeetingsBoardSnapshot = { meetings: [], series: [] };

function MeetingGroups({ meetings, board, selectedId, onOpen }: { meetings: readonly MeetingSnapshot[]; board: MeetingsBoardSnapshot; selectedId: string | null; onOpen(): void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const actions = useMeetingActions();
  const groups = new Map<string, MeetingSnapshot[]>();
  for (const m of meetings) groups.set(m.seriesId ?? '', [...(groups.get(m.seriesId ?? '') ?? []), m]);
  return (
    <>
      {[...groups].map(([seriesId, list]) => (
        <div key={seriesId} className="meeting-group">
          <h4 className="muted small">{board.series.find((s) => s.id === seriesId)?.title ?? t('meetings.oneOff')}</h4>
          <ul>
            {list.map((m) => (
              <li key={m.id}>
                <button className={m.id === selectedId ? 'board-link active' : 'board-link'} aria-current={m.id === selectedId ? 'true' : undefined} onClick={() => { actions.select(m.id); onOpen(); }} data-testid="meeting-link">
                  {m.title} <span className="muted small">{t('meetings.when', { date: formatDate(m.date, locale), time: m.time })}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

export function MeetingsBoard() {
  const { t } = useTranslation();
  const board = useApp((s) => (s.activeBoardId && s.meetingsBoards[s.activeBoardId]) || EMPTY);
  const selectedId = useApp((s) => s.selectedItemId);
  const today = useApp((s) => s.today);
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const boardName = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId)?.name);
  const [planning, setPlanning] = useState(false);
  const [mine, setMine] = useState(false);
  const selected = board.meetings.find((m) => m.id === selectedId);
  const upcoming = board.meetings.filter((m) => m.date >= today);
  const past = board.meetings.filter((m) => m.date < today).reverse();
  const newButton = !readOnly && <button className="primary" onClick={() => setPlanning(true)}>+ {t('meetings.newMeeting')}</button>;
  return (
    <div data-testid="meetings-board">
      <style>{MEETINGS_CSS}</style>
      <div className="board-header">
        <h1>{boardName ?? t('meetings.title')}</h1>
        {newButton}
      </div>
      <div className="meetings-board">
        <nav className="meeting-list card" aria-label={t('meetings.title')}>
          <button className={mine ? 'board-link active' : 'board-link'} onClick={() => setMine(!mine)} aria-pressed={mine}>{t('meetings.myActionItems')}</button>
          {upcoming.length > 0 && <h3>{t('meetings.upcoming')}</h3>}
          <MeetingGroups meetings={upcoming} board={board} selectedId={selectedId} onOpen={() => setMine(false)} />
          {past.length > 0 && <h3>{t('meetings.past')}</h3>}
          <MeetingGroups meetings={past} board={board} selectedId={selectedId} onOpen={() => setMine(false)} />
        </nav>
        <div className="meeting-main">
          {mine ? (
            <MyActionItems />
          ) : selected ? (
            <MeetingPage meeting={selected} series={board.series.find((s) => s.id === selected.seriesId)} readOnly={readOnly} />
          ) : board.meetings.length === 0 ? (
            <div className="empty-state card">
              <p>{t('meetings.empty')}</p>
              {newButton}
            </div>
          ) : (
            <p className="muted">{t('meetings.noneSelected')}</p>
          )}
        </div>
      </div>
      {planning && <NewMeetingDialog onClose={() => setPlanning(false)} />}
    </div>
  );
}
