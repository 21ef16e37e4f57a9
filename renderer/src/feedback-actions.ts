// The feedback boards' actions: each goes through the shared mutations on the board on
// screen (or the workspace doc, for the board index), is one undo step of its own, and
// returns an ActionResult the calling control can show.
import type * as Y from 'yjs';
import { archiveBoard, renameBoard, restoreBoard } from '../../shared/model/boards';
import { newId } from '../../shared/model/ids';
import { addStatus, initFeedbackBoard, renameStatus } from '../../shared/model/feedback-board';
import { addComment, deleteComment, editComment } from '../../shared/model/feedback-comments';
import { importItems, type ImportResult, type ImportRow } from '../../shared/model/feedback-import';
import { createFeedbackItem, linkGoal, moveFeedbackItem, unlinkGoal, updateFeedbackItem, type CreateFeedbackItemInput, type UpdateFeedbackItemInput } from '../../shared/model/feedback-items';
import { mergeItems, unmergeItem } from '../../shared/model/feedback-merge';
import type { FeedbackSource } from '../../shared/model/feedback-schema';
import { addCustomerVote, removeCustomerVote, toggleVote } from '../../shared/model/feedback-votes';
import { addBoard } from '../../shared/model/workspace';
import { attempt, type ActionResult, type Runtime } from './runtime';

export interface FeedbackActions {
  createBoard(name: string, source: FeedbackSource): Promise<ActionResult<string>>;
  renameBoard(boardId: string, name: string): ActionResult;
  archiveBoard(boardId: string): ActionResult;
  restoreBoard(boardId: string): ActionResult;
  create(input: Omit<CreateFeedbackItemInput, 'createdBy'>): ActionResult<string>;
  update(input: UpdateFeedbackItemInput): ActionResult;
  move(itemId: string, statusId: string, toIndex: number): ActionResult;
  toggleVote(itemId: string): ActionResult<boolean>;
  addCustomerVote(itemId: string, customer: string): ActionResult<boolean>;
  removeCustomerVote(itemId: string, customer: string): ActionResult;
  comment(itemId: string, body: string, parentId?: string | null): ActionResult<string>;
  editComment(commentId: string, body: string): ActionResult;
  deleteComment(commentId: string): ActionResult;
  merge(sourceId: string, targetId: string): ActionResult;
  unmerge(itemId: string): ActionResult;
  link(itemId: string, boardId: string, goalId: string): ActionResult;
  unlink(itemId: string, boardId: string, goalId: string): ActionResult;
  importRows(rows: readonly ImportRow[], firstRowNumber: number): ActionResult<ImportResult>;
  addStatus(name: string): ActionResult<string>;
  renameStatus(statusId: string, name: string): ActionResult;
}

export function createFeedbackActions(runtime: Runtime): FeedbackActions {
  const me = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const members = () => (runtime.store.getState().workspace?.members ?? []).map((m) => ({ id: m.id, name: m.name }));
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> =>
    attempt(() => {
      const board = runtime.requireBoard();
      board.undo.stopCapturing();
      const value = fn(board.doc);
      board.undo.stopCapturing();
      return value;
    });
  const onWorkspace = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> =>
    attempt(() => {
      const doc = runtime.workspace;
      if (!doc) throw new Error('workspace not open');
      return fn(doc);
    });

  return {
    async createBoard(name, source) {
      const boardId = newId('b');
      const added = onWorkspace((doc) => addBoard(doc, { id: boardId, kind: 'feedback', name }));
      if (!added.ok) return added;
      const board = await runtime.boards.ensure({ id: boardId, kind: 'feedback' });
      initFeedbackBoard(board.doc, { source });
      await runtime.openBoard(boardId);
      return { ok: true, value: boardId };
    },
    renameBoard: (boardId, name) => onWorkspace((doc) => renameBoard(doc, { id: boardId, name })),
    archiveBoard: (boardId) => onWorkspace((doc) => archiveBoard(doc, { id: boardId })),
    restoreBoard: (boardId) => onWorkspace((doc) => restoreBoard(doc, { id: boardId })),
    create: (input) =>
      onBoard((doc) => {
        const id = createFeedbackItem(doc, { ...input, createdBy: me() });
        runtime.store.setState({ selectedItemId: id });
        return id;
      }),
    update: (input) => onBoard((doc) => updateFeedbackItem(doc, input)),
    move: (itemId, statusId, toIndex) => onBoard((doc) => moveFeedbackItem(doc, { id: itemId, statusId, toIndex, actorId: me() })),
    toggleVote: (itemId) => onBoard((doc) => toggleVote(doc, { itemId, memberId: me() })),
    addCustomerVote: (itemId, customer) => onBoard((doc) => addCustomerVote(doc, { itemId, customer, recordedBy: me() })),
    removeCustomerVote: (itemId, customer) => onBoard((doc) => removeCustomerVote(doc, { itemId, customer })),
    comment: (itemId, body, parentId = null) => onBoard((doc) => addComment(doc, { itemId, parentId, authorId: me(), body, members: members() })),
    editComment: (commentId, body) => onBoard((doc) => editComment(doc, { id: commentId, authorId: me(), body, members: members() })),
    deleteComment: (commentId) => onBoard((doc) => deleteComment(doc, { id: commentId, authorId: me() })),
    merge: (sourceId, targetId) =>
      onBoard((doc) => {
        mergeItems(doc, { sourceId, targetId, actorId: me() });
        runtime.store.setState({ selectedItemId: targetId, toast: { id: Date.now(), messageKey: 'feedback.merged', params: {}, undoable: true } });
      }),
    unmerge: (itemId) => onBoard((doc) => unmergeItem(doc, { id: itemId, actorId: me() })),
    link: (itemId, boardId, goalId) => onBoard((doc) => linkGoal(doc, { itemId, boardId, goalId, actorId: me() })),
    unlink: (itemId, boardId, goalId) => onBoard((doc) => unlinkGoal(doc, { itemId, boardId, goalId, actorId: me() })),
    importRows: (rows, firstRowNumber) => onBoard((doc) => importItems(doc, { rows: [...rows], actorId: me(), firstRowNumber })),
    addStatus: (name) => onBoard((doc) => addStatus(doc, { name })),
    renameStatus: (statusId, name) => onBoard((doc) => renameStatus(doc, { id: statusId, name })),
  };
}
