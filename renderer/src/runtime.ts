// The renderer's runtime: it owns the link to the local peer, the live docs, the undo
// manager of the open board and the snapshot readers, and turns them into store state.
// Components call its actions; they never touch Yjs.
import type * as Y from 'yjs';
import type { Locale, TandemBridge } from '../../shared/api/bridge';
import type { CreateWorkspaceArgs, Hello, StoreWrites, WorkspaceIdentity } from '../../shared/api/link';
import { isModelError, ModelError } from '../../shared/model/errors';
import { readSavedViews } from '../../shared/model/feedback/views';
import { BOARD_KIND_IDS, BOARD_KINDS, type BoardKind, type BoardKindModel } from '../../shared/model/kinds';
import { addBoard, readWorkspace, isWorkspaceInitialised } from '../../shared/model/workspace';
import { newId } from '../../shared/model/ids';
import { BoardSet, structCount, type BoardKindAdapter, type OpenBoard } from './boards/board-set';
import { readParkingPolicy, shouldPark, type ParkingPolicy } from './boards/parking';
import { StreamPacer } from './boards/stream-pacer';
import { DocRegistry, type OpenedDoc } from './docs/doc-registry';
import { LinkClient, LinkRequestError } from './link/link-client';
import type { TransportFactory } from './link/transports';
import { createAppStore, localToday, type AppState, type AppStore, type SaveState } from './state/store';
import type { SnapshotSlice } from './features/board-feature';
import { BOARD_FEATURES } from './features/kinds';
import { createGoalActions, type GoalActions } from './features/goals/actions';
import { createFeedbackActions, type FeedbackActions } from './features/feedback/actions';
import { NO_FEEDBACK_FILTERS } from './features/feedback/filtering';
import { createBackupActions, type BackupActions } from './backup-actions';
import { createNetworkActions, type NetworkActions } from './network-actions';
import { createUnsyncedActions, type UnsyncedActions } from './unsynced-actions';
import { createSampleActions, type SampleActions } from './sample-actions';
import { UnsyncedEdits } from './docs/unsynced-edits';
import { AwayTracker } from './conflicts/away-tracker';
import { ConflictTracker } from './conflicts/conflict-tracker';
import { Presence } from './presence/presence';
import { trackEditingField } from './presence/focus-tracker';

/** What an action returns: the value, or a translated-ready error for the form that called it. */
export type ActionResult<T = void> = { ok: true; value: T } | { ok: false; error: { messageKey: string; field?: string; params: Record<string, string | number> } };

export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (isModelError(error)) return { ok: false, error: { messageKey: error.messageKey, field: error.field, params: error.params } };
  if (error instanceof LinkRequestError) return { ok: false, error: { messageKey: error.messageKey, field: error.field, params: error.params } };
  console.error('Tandem: unexpected error', error);
  return { ok: false, error: { messageKey: 'errors.internal', params: {} } };
}

export function attempt<T>(fn: () => T): ActionResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return toActionError(error);
  }
}

const IDENTITY_KEY = 'tandem.identity';
const BOARD_KEY = 'tandem.activeBoard';

export class Runtime {
  readonly store: AppStore;
  readonly link: LinkClient;
  readonly docs: DocRegistry;
  readonly goals: GoalActions;
  readonly feedback: FeedbackActions;
  readonly backup: BackupActions;
  readonly network: NetworkActions;
  readonly unsynced: UnsyncedEdits;
  readonly unsyncedActions: UnsyncedActions;
  readonly sample: SampleActions;
  readonly conflicts: ConflictTracker;
  readonly away: AwayTracker;
  readonly presence: Presence;
  readonly boards: BoardSet;
  private workspaceDoc: Y.Doc | null = null;
  private readonly dirtyBoards = new Set<string>();
  /** The workspace doc changed since it was last read. */
  private workspaceDirty = true;
  private refreshQueued = false;
  /** A refresh ran since the last frame: further local edits wait for the next one. */
  private refreshedThisFrame = false;
  private readonly pacer = new StreamPacer();
  private unsyncedQueued = false;
  private saveQueued = false;
  /** What the peer last said of its writes to disk (in its hello, re-sent when it changes). */
  private storeWrites: StoreWrites = 'ok';
  private everOnline = false;
  /** When each open board was last on screen (or first open here), for setting big idle ones aside. */
  private readonly seenAt = new Map<string, number>();
  private readonly parking: ParkingPolicy;

  constructor(transport: TransportFactory, locale: Locale, readonly bridge: TandemBridge | null, private readonly storage: Storage = window.localStorage) {
    this.store = createAppStore(locale);
    // Counted once per task: a burst of edits in one task is one store update, not one per edit.
    this.unsynced = new UnsyncedEdits(storage, () => {
      if (this.unsyncedQueued) return;
      this.unsyncedQueued = true;
      queueMicrotask(() => {
        this.unsyncedQueued = false;
        const unsynced = this.unsynced.count;
        if (this.store.getState().unsynced !== unsynced) this.store.setState({ unsynced });
      });
    });
    this.store.setState({ unsynced: this.unsynced.count });
    this.link = new LinkClient(transport, {
      onDidChangeStatus: (status) => {
        if (status === 'online') this.everOnline = true;
        this.store.setState({ link: status });
        this.updateSave();
        if (status === 'online') this.presence.onDidConnect();
        else this.presence.onDidDisconnect();
      },
      onDidHello: (hello) => void this.onHello(hello),
      onDidNotice: (notice) => {
        this.store.setState((s) => ({ notices: [...s.notices.filter((n) => n.at !== notice.at), notice] }));
        this.updateSave();
      },
      onDidSave: (docId) => {
        const saved = this.link.savedStateVector(docId);
        if (saved) this.unsynced.acknowledge(docId, saved);
        this.updateSave();
      },
      onDidNetworkStatus: (network) => this.store.setState({ network }),
      onDidPresence: (update) => this.presence.receive(update),
      onDidQueryPresence: () => this.presence.answerQuery(),
      onDidMissUpdate: (docId) => this.boards.markBehind(docId),
    });
    this.presence = new Presence(this.store, this.link, undefined, () => Date.now());
    this.docs = new DocRegistry(this.link, {
      onDidChangeCache: () => this.updateSave(),
      onDidRecoverCache: () => this.store.setState({ cacheRecovered: true }),
      onDidCreateDoc: (docId, doc) => this.unsynced.watch(docId, doc),
    });
    this.boards = new BoardSet(
      this.docs,
      Object.fromEntries(BOARD_KIND_IDS.map((kind): [BoardKind, BoardKindAdapter<unknown>] => [
        kind,
        { trackedTypes: BOARD_KINDS[kind].undoScope, entityTypes: (BOARD_KINDS[kind] as BoardKindModel).undoEntityTypes, createReader: (doc) => BOARD_FEATURES[kind].createReader(doc, () => this.store.getState().today) },
      ])) as { readonly [K in BoardKind]: BoardKindAdapter<unknown> },
      {
        onDidChangeBoard: (boardId) => {
          this.dirtyBoards.add(boardId);
          this.scheduleRefresh();
          this.conflicts.onDidChangeBoard(boardId);
          this.away.onDidChangeBoard();
        },
        onDidChangeUndo: (boardId) => {
          if (boardId === this.store.getState().activeBoardId) this.syncUndoState();
        },
        onDidParkBoard: (boardId) => {
          this.seenAt.delete(boardId);
          this.conflicts.forget(boardId);
          this.updateSave();
        },
      },
    );
    this.parking = readParkingPolicy(storage);
    this.goals = createGoalActions(this);
    this.feedback = createFeedbackActions(this);
    this.backup = createBackupActions(this, (identity) => this.enterWorkspace(identity));
    this.network = createNetworkActions(this, (identity) => this.enterWorkspace(identity));
    this.unsyncedActions = createUnsyncedActions(this);
    this.sample = createSampleActions(this);
    this.conflicts = new ConflictTracker(this);
    this.away = new AwayTracker(this, storage);
  }

  start(): void {
    const cached = this.readCachedIdentity();
    if (cached) void this.enterWorkspace(cached);
    this.link.start();
    trackEditingField(document, (editing) => this.presence.setEditing(editing));
    // Teammates see this window go at once, rather than after the awareness timeout.
    window.addEventListener('pagehide', () => {
      this.presence.leave();
      this.docs.flushCachesNow();
      this.unsynced.save();
    });
    setInterval(() => this.parkIdleBoards(), Math.max(50, Math.min(5_000, this.parking.idleMs / 2)));
    setInterval(() => {
      const today = localToday();
      if (today !== this.store.getState().today) {
        this.store.setState({ today });
        this.scheduleRefresh();
      }
    }, 60_000);
  }

  async createWorkspace(args: CreateWorkspaceArgs): Promise<ActionResult> {
    try {
      const value = await this.link.request<{ workspace: WorkspaceIdentity }>('create-workspace', args);
      await this.enterWorkspace(value.workspace);
      return { ok: true, value: undefined };
    } catch (error) {
      return toActionError(error);
    }
  }

  /** A new board of `kind`: listed in the workspace, its doc made by `init`, then opened. Every kind's "new board" comes here. */
  async createBoard(kind: BoardKind, name: string, init: (doc: Y.Doc) => void): Promise<ActionResult<string>> {
    const boardId = newId('b');
    const added = attempt(() => {
      const doc = this.workspace;
      if (!doc) throw new Error('workspace not open');
      addBoard(doc, { id: boardId, kind, name });
    });
    if (!added.ok) return added;
    const board = await this.boards.ensure({ id: boardId, kind });
    init(board.doc);
    await this.openBoard(boardId);
    return { ok: true, value: boardId };
  }

  async openBoard(boardId: string): Promise<void> {
    if (this.store.getState().mainView !== 'board') this.store.setState({ mainView: 'board' });
    if (this.store.getState().activeBoardId === boardId) return;
    this.store.setState({ activeBoardId: boardId, selectedGoalId: null, goalForm: null, selectedItemId: null, feedbackFilters: NO_FEEDBACK_FILTERS, feedbackDialog: null, canUndo: false, canRedo: false });
    this.storage.setItem(BOARD_KEY, boardId);
    const ref = this.store.getState().workspace?.boards.find((b) => b.id === boardId);
    this.seenAt.set(boardId, performance.now());
    if (ref) await this.boards.ensure(ref);
    this.syncUndoState();
  }

  /**
   * Runs an edit of a board that may be off screen, opening it first if it was set aside (a
   * release marking feedback done, ticking an action item from "My action items").
   */
  async onBoard<T>(boardId: string, edit: () => ActionResult<T>): Promise<ActionResult<T>> {
    const ref = this.store.getState().workspace?.boards.find((b) => b.id === boardId);
    // Set aside, or still opening again after a first click: wait for the same open.
    if (ref && !this.boards.get(boardId)) {
      this.seenAt.set(boardId, performance.now());
      await this.boards.ensure(ref);
    }
    return edit();
  }

  /**
   * Sets aside big boards that have been off screen a while (BoardSet.park, boards/parking.ts),
   * never one with edits of mine the peer has not saved, undo history, or conflicts listed,
   * and none while the away summary (which reads every board's doc) is up.
   */
  private parkIdleBoards(): void {
    const state = this.store.getState();
    const now = performance.now();
    if (state.activeBoardId) this.seenAt.set(state.activeBoardId, now);
    if (state.awayChanges !== null) return;
    const unsynced = new Set(this.unsynced.docIds());
    for (const board of this.boards.all()) {
      const seenAt = this.seenAt.get(board.boardId);
      if (seenAt === undefined) {
        this.seenAt.set(board.boardId, now);
        continue;
      }
      const candidate = {
        onScreen: board.boardId === state.activeBoardId,
        seenAt,
        structs: structCount(board.doc),
        saved: !unsynced.has(board.boardId) && this.link.isSaved(board.boardId),
        conflicts: (state.conflicts[board.boardId]?.list.length ?? 0) > 0,
      };
      if (shouldPark(candidate, now, this.parking)) this.boards.park(board.boardId);
    }
  }

  /** The board on screen, once its doc is open. */
  get activeBoard(): OpenBoard | undefined {
    const id = this.store.getState().activeBoardId;
    return id ? this.boards.get(id) : undefined;
  }

  undo(): void {
    this.activeBoard?.undo.undo();
    this.store.setState({ toast: null });
  }

  redo(): void {
    this.activeBoard?.undo.redo();
  }

  private syncUndoState(): void {
    const undo = this.activeBoard?.undo;
    const canUndo = undo?.canUndo() ?? false;
    const canRedo = undo?.canRedo() ?? false;
    const s = this.store.getState();
    if (s.canUndo !== canUndo || s.canRedo !== canRedo) this.store.setState({ canUndo, canRedo });
  }

  setLocale(locale: Locale): void {
    this.store.setState({ locale });
    this.storage.setItem('tandem.locale', locale);
    void this.bridge?.invoke('tandem:set-locale', locale);
  }

  async dismissNotice(at: number): Promise<void> {
    this.store.setState((s) => ({ notices: s.notices.filter((n) => n.at !== at) }));
    await this.link.request('dismiss-notice', { at }).catch(() => undefined);
  }

  /**
   * This laptop leaves the workspace: the peer stops syncing and deletes its copy, then this
   * window deletes its cache and starts over at the first-run screen.
   */
  async leaveWorkspace(): Promise<ActionResult> {
    try {
      await this.link.request('leave-workspace', {});
    } catch (error) {
      return toActionError(error);
    }
    await this.forgetWorkspace();
    return { ok: true, value: undefined };
  }

  private async forgetWorkspace(): Promise<void> {
    this.storage.removeItem(IDENTITY_KEY);
    this.storage.removeItem(BOARD_KEY);
    this.unsynced.forget();
    await this.docs.deleteAllCaches();
    window.location.reload();
  }

  /** A `tandem://join` link the OS opened Tandem with: the join dialog shows it. */
  openInviteLink(link: string): void {
    this.store.setState({ openedInviteLink: link });
  }

  /** The workspace doc, once open; mutations on it go through here. */
  get workspace(): Y.Doc | null {
    return this.workspaceDoc;
  }

  private async onHello(hello: Hello): Promise<void> {
    this.store.setState({ notices: hello.notices });
    void this.network.refresh();
    this.storeWrites = hello.storeWrites ?? 'ok';
    const current = this.store.getState().identity;
    if (hello.workspace) {
      if (!current || current.id !== hello.workspace.id || current.memberId !== hello.workspace.memberId) await this.enterWorkspace(hello.workspace);
    } else if (current) {
      // The peer lost its data folder but this window still has the workspace: give it back.
      try {
        await this.link.request('adopt-workspace', current);
      } catch (error) {
        // This laptop left the workspace (from another window): this window's copy goes too.
        if (error instanceof LinkRequestError && error.code === 'left-workspace') await this.forgetWorkspace();
      }
    } else {
      this.store.setState({ boot: 'first-run' });
    }
    this.updateSave();
  }

  private async enterWorkspace(identity: WorkspaceIdentity): Promise<void> {
    this.storage.setItem(IDENTITY_KEY, JSON.stringify(identity));
    this.store.setState({ identity, boot: 'ready' });
    const opened = await this.docs.open(identity.id);
    if (this.workspaceDoc !== opened.doc) {
      this.workspaceDoc = opened.doc;
      opened.doc.on('update', () => {
        this.workspaceDirty = true;
        this.scheduleRefresh();
      });
    }
    this.workspaceDirty = true;
    this.refreshNow();
    this.updateSave();
  }

  private readCachedIdentity(): WorkspaceIdentity | null {
    try {
      const value = JSON.parse(this.storage.getItem(IDENTITY_KEY) ?? 'null') as WorkspaceIdentity | null;
      return value && typeof value.id === 'string' && typeof value.memberId === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  /** Coalesces bursts of remote updates into one snapshot read per frame. */
  private scheduleRefresh(): void {
    this.updateSave();
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    requestAnimationFrame(this.onRefreshFrame);
  }

  /** Reads what changed, once a frame, or every other frame under a stream of edits (`StreamPacer`). */
  private readonly onRefreshFrame = (now: number) => {
    // My own edits do not wait for a frame let pass: `editBoard` reads the first of each frame at once.
    this.refreshedThisFrame = false;
    if (!this.pacer.readNow(now)) {
      requestAnimationFrame(this.onRefreshFrame);
      return;
    }
    this.refreshQueued = false;
    this.refreshNow();
  };

  /**
   * Puts my edits made since the last read into the store now (they are otherwise read at the
   * next frame), for a control that acts on what the last one did (a second Alt+arrow).
   */
  flushLocalEdits(): void {
    if (this.dirtyBoards.size > 0 || this.workspaceDirty) this.refreshNow();
  }

  private refreshNow(): void {
    const state = this.store.getState();
    const patch: Partial<ReturnType<AppStore['getState']>> = {};
    if (this.workspaceDirty) {
      this.workspaceDirty = false;
      const ws = this.workspaceDoc && isWorkspaceInitialised(this.workspaceDoc) ? readWorkspace(this.workspaceDoc) : null;
      if (ws && JSON.stringify(ws) !== JSON.stringify(state.workspace)) patch.workspace = ws;
    }
    const feedbackChanged = [...this.dirtyBoards].some((id) => this.boards.get(id)?.kind === 'feedback');
    Object.assign(patch, this.readDirtyBoards(state));
    if (feedbackChanged) {
      const savedViews = this.readViews(state.savedViews);
      if (savedViews !== state.savedViews) patch.savedViews = savedViews;
    }
    const boards = (patch.workspace ?? state.workspace)?.boards ?? [];
    for (const ref of boards) if (!ref.archived) this.boards.keep(ref);
    if (!state.activeBoardId && boards.length > 0) {
      const remembered = this.storage.getItem(BOARD_KEY);
      const target = boards.find((b) => b.id === remembered) ?? boards.find((b) => b.kind === BOARD_KIND_IDS[0]) ?? boards[0];
      if (target) queueMicrotask(() => void this.openBoard(target.id));
    }
    if (Object.keys(patch).length > 0) this.store.setState(patch);
  }

  /**
   * Re-reads only the boards that changed, into the store slice their kind names (through the
   * registry); snapshots of the others keep their identity. Returns only the slices that changed.
   */
  private readDirtyBoards(state: AppState): Partial<Pick<AppState, SnapshotSlice>> {
    const patch: Partial<Record<SnapshotSlice, Readonly<Record<string, unknown>>>> = {};
    for (const boardId of this.dirtyBoards) {
      const board = this.boards.get(boardId);
      if (!board) continue;
      const slice = BOARD_FEATURES[board.kind].slice;
      const current = patch[slice] ?? state[slice];
      const snapshot = board.reader.read();
      if (snapshot !== current[boardId]) patch[slice] = { ...current, [boardId]: snapshot };
    }
    this.dirtyBoards.clear();
    return patch as Partial<Pick<AppState, SnapshotSlice>>;
  }

  /** My saved views of every open feedback board, keeping the old lists when unchanged. */
  private readViews(previous: AppState['savedViews']): AppState['savedViews'] {
    const me = this.store.getState().identity?.memberId;
    if (!me) return previous;
    let next = previous;
    for (const board of this.boards.all()) {
      if (board.kind !== 'feedback') continue;
      const views = readSavedViews(board.doc, me);
      if (JSON.stringify(views) !== JSON.stringify(previous[board.boardId] ?? [])) next = { ...next, [board.boardId]: views };
    }
    return next;
  }

  /**
   * Works out the save state once a frame, however many edits, writes and acknowledgements came
   * in it (each look encodes every open doc's state vector, and a burst of remote edits arrives
   * as one message each). A window in the background gets no frames: it looks within 200 ms.
   */
  private updateSave(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    const run = () => {
      if (!this.saveQueued) return;
      this.saveQueued = false;
      this.updateSaveNow();
    };
    requestAnimationFrame(run);
    setTimeout(run, 200);
  }

  private updateSaveNow(): void {
    const opened: OpenedDoc[] = this.docs.all();
    let save: SaveState;
    const cachePending = this.docs.cachePending() > 0;
    if (this.link.status !== 'online') {
      // Offline, this browser's cache is the only copy: a failed write there must show.
      if (this.docs.cacheFailed()) save = 'offline-error';
      else save = !this.everOnline && !cachePending && opened.length === 0 ? 'connecting' : cachePending ? 'offline-saving' : 'offline-saved';
    }
    else if (this.storeWrites === 'disk-full') save = 'disk-full';
    else if (this.storeWrites === 'failing') save = 'error';
    else save = opened.every((d) => this.link.isSaved(d.docId)) ? 'saved' : 'saving';
    if (this.store.getState().save !== save) this.store.setState({ save });
  }

  /**
   * Runs an edit on the board on screen as one undo step of its own, however quickly the next
   * follows, and returns its result or the error for the control that asked.
   */
  editBoard<T>(fn: (doc: Y.Doc) => T): ActionResult<T> {
    return attempt(() => {
      const board = this.requireBoard();
      board.undo.stopCapturing();
      const value = fn(board.doc);
      board.undo.stopCapturing();
      // My edit shows at once: the first of a frame is read now, and the ones after it (a burst
      // of typing or dragging) together at the next frame, so a burst costs one read per frame.
      if (!this.refreshedThisFrame) {
        this.refreshedThisFrame = true;
        this.refreshNow();
      }
      this.scheduleRefresh();
      return value;
    });
  }

  requireBoard(): OpenBoard {
    const board = this.activeBoard;
    if (!board) throw new ModelError('not-found', 'errors.notFound');
    return board;
  }
}
