// The feedback kind on screen: its board view, the new-board dialog, its snapshot reader and
// how search finds an item. The registry (../kinds.ts) is the only importer.
import { createFeedbackReader } from '../../../../shared/model/feedback/read';
import type { BoardFeature } from '../board-feature';
import { feedbackReviewLabels } from './review-labels';
import { FeedbackBoard } from './components/FeedbackBoard';
import { NewBoardDialog } from './components/NewBoardDialog';
import { itemMatchesText } from './filtering';
import { feedbackIntake } from './intake';
import { feedbackCompletion } from './completion';

export const feedbackFeature: BoardFeature<'feedbackBoards'> = {
  icon: '▤',
  View: FeedbackBoard,
  newBoard: { labelKey: 'feedback.newBoard', Dialog: NewBoardDialog },
  slice: 'feedbackBoards',
  createReader: (doc) => createFeedbackReader(doc),
  entityOf: (board, id) => board.items.get(id),
  facts: (board, boardId) => ({
    feedback: [...board.items.values()].filter((item) => item.mergedInto === null).map((item) => ({ boardId, id: item.id, title: item.title, votes: item.voteCount, createdAt: item.createdAt })),
  }),
  intake: feedbackIntake,
  completion: feedbackCompletion,
  reviewLabels: feedbackReviewLabels,
  search: {
    className: 'feedback',
    labelKey: 'search.feedback',
    *hits(board, words) {
      for (const item of board.items.values()) {
        // A merged item lives on in the one it was merged into.
        if (item.mergedInto === null && itemMatchesText(item, words)) yield { id: item.id, title: item.title };
      }
    },
    select: (id) => ({ selectedItemId: id }),
  },
};
