// The plans kind on screen: its board view, the new-board dialog, its snapshot reader, how
// search finds a plan item, the facts it shares (launches, slips, flags), the launch markers
// it puts on goals' trend charts, and what it lists in "My work". The registry is the only importer.
import { createPlansReader, planFactsOf } from '../../../../shared/model/plans/read';
import type { BoardFeature } from '../board-feature';
import { formatDate } from '../../i18n/i18n';
import { MyPlanWork } from './components/MyPlanWork';
import { NewBoardDialog } from './components/NewBoardDialog';
import { PlansBoard } from './components/PlansBoard';
import { plansReviewLabels } from './review-labels';

export const plansFeature: BoardFeature<'plansBoards'> = {
  icon: '▦',
  View: PlansBoard,
  newBoard: { labelKey: 'plans.newBoard', Dialog: NewBoardDialog },
  slice: 'plansBoards',
  createReader: (doc) => createPlansReader(doc),
  entityOf: (board, id) => board.items.find((i) => i.id === id),
  facts: (board, boardId) => ({ plans: planFactsOf(board, boardId) }),
  chartMarkers: (board, boardId, t, locale) =>
    board.items.flatMap((item) =>
      item.launchedOn === null
        ? []
        : item.goals.map((g) => ({
            key: `${boardId}:${item.id}:${g.boardId}:${g.entityId}`,
            goalKey: `${g.boardId}:${g.entityId}`,
            date: item.launchedOn as string,
            label: t('plans.markerLabel', { title: item.title }),
            detail: t('plans.markerDetail', { kind: t(`plans.kinds.${item.kind}`), date: formatDate(item.launchedOn as string, locale) }),
            compare: true,
          })),
    ),
  MyWork: MyPlanWork,
  reviewLabels: plansReviewLabels,
  search: {
    className: 'plan',
    labelKey: 'plans.search',
    *hits(board, words) {
      for (const item of board.items) {
        const text = `${item.title}\n${item.notes}\n${item.milestones.map((m) => m.title).join('\n')}`.toLocaleLowerCase();
        if (words.every((w) => text.includes(w))) yield { id: item.id, title: item.title };
      }
    },
    select: (id) => ({ selectedItemId: id }),
  },
};
