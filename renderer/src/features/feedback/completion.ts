// Other kinds marking feedback items done (a release's addressed feedback): every item moves to
// the board's first Done column in one transaction, so it is one undo step of that board, which
// the marking kind may take back for as long as it is still my latest step there.
import type * as Y from 'yjs';
import { transactLocal } from '../../../../shared/model/doc';
import { ModelError } from '../../../../shared/model/errors';
import type { FeedbackBoardSnapshot } from '../../../../shared/model/feedback/snapshots';
import { moveFeedbackItem } from '../../../../shared/model/feedback/items';
import { columnOfItem, readLayout } from '../../../../shared/model/feedback/columns';
import { attempt } from '../../runtime';
import type { BoardCompletion } from '../board-feature';

/** The undo step of the latest marking, per board doc. */
const markSteps = new WeakMap<Y.Doc, unknown>();

export const feedbackCompletion: BoardCompletion = {
  markDone(runtime, boardId, ids) {
    return attempt(() => {
      const board = runtime.boards.get(boardId);
      if (!board) throw new ModelError('not-found', 'errors.notFound', 'boardId', { id: boardId });
      const done = readLayout(board.doc).statuses.find((s) => s.kind === 'done');
      if (!done) throw new ModelError('not-found', 'errors.notFound', 'statusId', { id: 'done' });
      const actorId = runtime.store.getState().identity?.memberId ?? 'unknown';
      const layout = readLayout(board.doc);
      const moving = ids.filter((id) => layout.merges.items.has(id) && layout.merges.targetOf(id) === null && layout.index.kinds.get(columnOfItem(layout, id)) !== 'done');
      if (moving.length === 0) return 0;
      board.undo.stopCapturing();
      transactLocal(board.doc, () => {
        for (const id of moving) moveFeedbackItem(board.doc, { id, statusId: done.id, toIndex: Number.MAX_SAFE_INTEGER, actorId });
      });
      board.undo.stopCapturing();
      markSteps.set(board.doc, board.undo.undoStack.at(-1));
      return moving.length;
    });
  },
  undoMarkDone(runtime, boardId) {
    return attempt(() => {
      const board = runtime.boards.get(boardId);
      const step = board && markSteps.get(board.doc);
      if (!board || step === undefined) throw new ModelError('not-found', 'errors.notFound', 'boardId', { id: boardId });
      if (board.undo.undoStack.at(-1) !== step) throw new ModelError('invalid-input', 'errors.undoNotLatest', 'boardId');
      board.undo.undo();
      markSteps.delete(board.doc);
    });
  },
  isDone(board, id) {
    const snapshot = board as FeedbackBoardSnapshot;
    const item = snapshot.items.get(id);
    return item !== undefined && snapshot.statuses.find((s) => s.id === item.columnId)?.kind === 'done';
  },
};
