// The meetings kind on screen: its board view, the new-board dialog, its snapshot reader, how
// search finds a meeting, decision or action item, and the decision markers it puts on goals'
// trend charts. The registry (../kinds.ts) is the only importer.
import { createMeetingsReader } from '../../../../shared/model/meetings/read';
import type { BoardFeature } from '../board-feature';
import { formatDate } from '../../i18n/i18n';
import { MeetingsBoard } from './components/MeetingsBoard';
import { NewBoardDialog } from './components/NewBoardDialog';

export const meetingsFeature: BoardFeature<'meetingsBoards'> = {
  icon: '◷',
  View: MeetingsBoard,
  newBoard: { labelKey: 'meetings.newBoard', Dialog: NewBoardDialog },
  slice: 'meetingsBoards',
  createReader: (doc) => createMeetingsReader(doc),
  entityOf: (board, id) => board.meetings.find((m) => m.id === id),
  chartMarkers: (board, boardId, t, locale) =>
    board.meetings.flatMap((meeting) =>
      meeting.decisions.flatMap((d) =>
        d.links.filter((l) => l.kind === 'goal').map((l) => ({
          key: `${boardId}:${d.id}:${l.boardId}:${l.entityId}`,
          goalKey: `${l.boardId}:${l.entityId}`,
          date: meeting.date,
          label: t('meetings.markerLabel', { text: d.text }),
          detail: t('meetings.markerDetail', { meeting: meeting.title, date: formatDate(meeting.date, locale) }),
        })),
      ),
    ),
  // Meetings keep no conflict-tracked fields; their away lines (decisions, action items given to me) name no value.
  reviewLabels: { conflictSubject: () => null, conflictValue: () => undefined, awayValue: () => undefined },
  search: {
    className: 'meeting',
    labelKey: 'meetings.search',
    *hits(board, words) {
      const matches = (text: string) => words.every((w) => text.toLocaleLowerCase().includes(w));
      for (const m of board.meetings) {
        if (matches(`${m.title}\n${m.notes}\n${m.agenda.map((a) => a.title).join('\n')}`)) yield { id: m.id, title: `${m.title} · ${m.date}` };
        // A decision or action item opens its meeting: the id after '#' only keeps results apart.
        for (const d of m.decisions) if (matches(d.text)) yield { id: `${m.id}#${d.id}`, title: `${d.text} · ${m.title}` };
        for (const a of m.actionItems) if (matches(a.title)) yield { id: `${m.id}#${a.id}`, title: `${a.title} · ${m.title}` };
      }
    },
    select: (id) => ({ selectedItemId: id.split('#')[0] ?? id }),
  },
};
