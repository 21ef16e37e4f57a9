// Entries other kinds hand to a feedback board (a workshop's cluster, say): each becomes a
// feedback item in the board's first open column, as one undo step of that board, which the
// handing kind may take back for as long as it is still my latest step there.
import type * as Y from 'yjs';
import { ModelError } from '../../../../shared/model/errors';
import { createFeedbackItem } from '../../../../shared/model/feedback/items';
import { attempt } from '../../runtime';
import type { BoardIntake } from '../board-feature';

/** The undo step each handed-over item was added in, by item id, per board doc. */
const addSteps = new WeakMap<Y.Doc, Map<string, unknown>>();

export const feedbackIntake: BoardIntake = {
  async add(runtime, boardId, entry) {
    const board = await runtime.boards.ensure({ id: boardId, kind: 'feedback' });
    return attempt(() => {
      const createdBy = runtime.store.getState().identity?.memberId ?? 'unknown';
      board.undo.stopCapturing();
      const id = createFeedbackItem(board.doc, { title: entry.title, description: entry.description, createdBy });
      board.undo.stopCapturing();
      const steps = addSteps.get(board.doc) ?? new Map<string, unknown>();
      steps.set(id, board.undo.undoStack.at(-1));
      addSteps.set(board.doc, steps);
      return id;
    });
  },
  undoAdd(runtime, boardId, itemId) {
    return attempt(() => {
      const board = runtime.boards.get(boardId);
      const step = board && addSteps.get(board.doc)?.get(itemId);
      if (!board || step === undefined) throw new ModelError('not-found', 'errors.notFound', 'itemId', { id: itemId });
      // Undo only ever takes back my latest step: with later edits of mine on top, it would undo those.
      if (board.undo.undoStack.at(-1) !== step) throw new ModelError('invalid-input', 'errors.undoNotLatest', 'itemId');
      board.undo.undo();
      addSteps.get(board.doc)?.delete(itemId);
    });
  },
};
