// The feedback boards' actions: each goes through the shared mutations on the board on
// screen (or the workspace doc, for the board index), is one undo step of its own, and
// returns an ActionResult the calling control can show.
import type * as Y from 'yjs';
import { archiveBoard, renameBoard, restoreBoard } from '../../../../shared/model/boards';
import { addChannel, addStatus, initFeedbackBoard, moveChannel, moveStatus, removeChannel, removeStatus, renameChannel, renameStatus } from '../../../../shared/model/feedback/board';
import { addComment, deleteComment, editComment } from '../../../../shared/model/feedback/comments';
import { importItems, type ImportResult, type ImportRow } from '../../../../shared/model/feedback/import';
import { createFeedbackItem, linkGoal, moveFeedbackItem, unlinkGoal, updateFeedbackItem, type CreateFeedbackItemInput, type UpdateFeedbackItemInput } from '../../../../shared/model/feedback/items';
import { mergeItems, unmergeItem } from '../../../../shared/model/feedback/merge';
import type { FeedbackSource } from '../../../../shared/model/feedback/schema';
import { addCustomerVote, removeCustomerVote, toggleVote } from '../../../../shared/model/feedback/votes';
import { deleteView, saveView, type SavedViewSnapshot } from '../../../../shared/model/feedback/views';
import { attempt, type ActionResult, type Runtime } from '../../runtime';

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
  saveView(name: string): ActionResult<string>;
  applyView(view: SavedViewSnapshot): void;
  deleteView(viewId: string): ActionResult;
  addStatus(name: string): ActionResult<string>;
  renameStatus(statusId: string, name: string): ActionResult;
  moveStatus(statusId: string, toIndex: number): ActionResult;
  removeStatus(statusId: string): ActionResult;
  addChannel(name: string): ActionResult<string>;
  renameChannel(channelId: string, name: string): ActionResult;
  moveChannel(channelId: string, toIndex: number): ActionResult;
  removeChannel(channelId: string): ActionResult;
}

export function createFeedbackActions(runtime: Runtime): FeedbackActions {
  const me = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const members = () => (runtime.store.getState().workspace?.members ?? []).map((m) => ({ id: m.id, name: m.name }));
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> => runtime.editBoard(fn);
  const onWorkspace = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> =>
    attempt(() => {
      const doc = runtime.workspace;
      if (!doc) throw new Error('workspace not open');
      return fn(doc);
    });

  return {
    createBoard: (name, source) => runtime.createBoard('feedback', name, (doc) => initFeedbackBoard(doc, { source })),
    renameBoard: (boardId, name) => onWorkspace((doc) => renameBoard(doc, { id: boardId, name })),
    archiveBoard: (boardId) => onWorkspace((doc) => archiveBoard(doc, { id: boardId })),
    restoreBoard: (boardId) => onWorkspace((doc) => restoreBoard(doc, { id: boardId })),
    create: (input) =>
      onBoard((doc) => {
        const id = createFeedbackItem(doc, { ...input, createdBy: me() });
        runtime.store.setState({ selectedItemId: id });
        return id;
      }),
    update: (input) => onBoard((doc) => updateFeedbackItem(doc, { ...input, actorId: me() })),
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
    // Views are not board edits: they bypass the undo manager (its scope excludes them).
    saveView: (name) =>
      attempt(() => {
        const s = runtime.store.getState();
        return saveView(runtime.requireBoard().doc, { ownerId: me(), name, view: s.feedbackView, sort: s.feedbackSort, filters: s.feedbackFilters });
      }),
    applyView: (view) => runtime.store.setState({ feedbackView: view.view, feedbackSort: view.sort, feedbackFilters: view.filters }),
    deleteView: (viewId) => attempt(() => deleteView(runtime.requireBoard().doc, { id: viewId, ownerId: me() })),
    addStatus: (name) => onBoard((doc) => addStatus(doc, { name })),
    renameStatus: (statusId, name) => onBoard((doc) => renameStatus(doc, { id: statusId, name })),
    moveStatus: (statusId, toIndex) => onBoard((doc) => moveStatus(doc, { id: statusId, toIndex })),
    removeStatus: (statusId) => onBoard((doc) => removeStatus(doc, { id: statusId })),
    addChannel: (name) => onBoard((doc) => addChannel(doc, { name })),
    renameChannel: (channelId, name) => onBoard((doc) => renameChannel(doc, { id: channelId, name })),
    moveChannel: (channelId, toIndex) => onBoard((doc) => moveChannel(doc, { id: channelId, toIndex })),
    removeChannel: (channelId) => onBoard((doc) => removeChannel(doc, { id: channelId })),
  };
}
