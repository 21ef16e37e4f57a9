// "My action items": what is assigned to me in every open meetings board, each item once (at
// its latest meeting), open ones first by due date, overdue ones marked.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItemSnapshot, MeetingSnapshot } from '../../../../../shared/model/meetings/read';
import { useApp, useRuntime } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { useMeetingActions } from '../actions';
import { boardFeatures } from '../../kinds';

interface MyItem {
  readonly boardId: string;
  readonly item: ActionItemSnapshot;
  readonly meeting: MeetingSnapshot;
}

export function MyActionItems() {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const actions = useMeetingActions();
  const boards = useApp((s) => s.meetingsBoards);
  const me = useApp((s) => s.identity?.memberId);
  const today = useApp((s) => s.today);
  const locale = useApp((s) => s.locale);
  const items = useMemo(() => {
    const latest = new Map<string, MyItem>();
    for (const [boardId, board] of Object.entries(boards)) {
      // Meetings are oldest first, so a later occurrence of an item replaces an earlier one.
      for (const meeting of board.meetings) for (const item of meeting.actionItems) if (item.ownerId === me) latest.set(`${boardId}:${item.originId}`, { boardId, item, meeting });
    }
    return [...latest.values()].sort((a, b) => Number(a.item.done) - Number(b.item.done) || (a.item.due ?? '9999') .localeCompare(b.item.due ?? '9999'));
  }, [boards, me]);
  return (
    <section aria-labelledby="my-action-items-heading" data-testid="my-action-items">
      <h2 id="my-action-items-heading">{t('meetings.myActionItems')}</h2>
      {items.length === 0 && <p className="muted">{t('meetings.myActionItemsEmpty')}</p>}
      <ul className="action-items">
        {items.map(({ boardId, item, meeting }) => {
          const overdue = !item.done && item.due !== null && item.due < today;
          return (
            <li key={`${boardId}:${item.originId}`} className={item.done ? 'done' : overdue ? 'overdue' : undefined} data-testid="my-action-item">
              <label className="checkbox">
                <input type="checkbox" checked={item.done} aria-label={t('meetings.markDone', { title: item.title })} onChange={(e) => {
                  const done = e.target.checked;
                  void runtime.onBoard(boardId, () => actions.setDoneOn(boardId, item.id, done));
                }} />
                <span className="action-title">{item.title}</span>
              </label>
              <span className="muted small"> · {item.due ? formatDate(item.due, locale) : t('meetings.noDue')}</span>
              {overdue && <span className="badge danger"> {t('meetings.overdue')}</span>}
              <button className="link-button small" onClick={() => void runtime.openBoard(boardId).then(() => actions.select(meeting.id))}>
                {t('meetings.inMeeting', { title: meeting.title, date: formatDate(meeting.date, locale) })}
              </button>
            </li>
          );
        })}
      </ul>
      {/* Other kinds' "My work" (plan items waiting on something that moved), through the registry. */}
      {boardFeatures().map(([kind, feature]) => feature.MyWork && <feature.MyWork key={kind} />)}
    </section>
  );
}
