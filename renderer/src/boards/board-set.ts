// Every board of the workspace, open in the background once the workspace is known, so
// links between goals and feedback resolve and search covers every board. Each board has
// its own snapshot reader and its own undo manager (my edits only), and a change to one
// board re-reads that board alone.
// A big board off screen can be set aside (`park`): its Y.Doc is closed (a 10,000-item board
// holds ~190 MB of the page's heap, and every major GC of the page walks it) while its last
// snapshot goes on serving links, search and agendas; `ensure` opens it again, from this
// window's cache and then the peer, when it is shown or written.
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../../../shared/model/origin';
import type { BoardKind, BoardRef } from '../../../shared/model/workspace';
import type { DocRegistry } from '../docs/doc-registry';
import { EntityMarks } from '../network/entity-marks';

export interface SnapshotReader<S> {
  read(): S;
  destroy(): void;
}

/** What differs between board kinds: which top-level types undo covers, and how to read a snapshot. */
export interface BoardKindAdapter<S> {
  readonly trackedTypes: readonly string[];
  /** Top-level types made per entity (a series occurrence's notes) that undo covers too. */
  readonly entityTypes?: (doc: Y.Doc) => readonly (Y.Text | Y.Map<unknown>)[];
  createReader(doc: Y.Doc): SnapshotReader<S>;
}

export interface OpenBoard {
  readonly boardId: string;
  readonly kind: BoardKind;
  readonly doc: Y.Doc;
  readonly undo: Y.UndoManager;
  readonly reader: SnapshotReader<unknown>;
  /** Clocks of each goal's or item's latest changes, for "on K of M teammates' laptops". */
  readonly marks: EntityMarks;
}

export interface BoardSetEvents {
  onDidChangeBoard(boardId: string): void;
  onDidChangeUndo(boardId: string): void;
  /** The board's doc was closed: whatever holds it lets go (its snapshot in the store stays). */
  onDidParkBoard?(boardId: string): void;
}

/** The Yjs structs a doc holds: what its memory and the page's GC work grow with. */
export function structCount(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) n += structs.length;
  return n;
}

export class BoardSet {
  private readonly boards = new Map<string, Promise<OpenBoard>>();
  private readonly ready = new Map<string, OpenBoard>();
  /** Boards set aside, with their state vector when they were: what this window had seen of them. */
  private readonly parked = new Map<string, Uint8Array>();
  /** Parked boards the peer has sent changes for since: their snapshots are behind. */
  private readonly behind = new Set<string>();

  constructor(
    private readonly docs: DocRegistry,
    private readonly adapters: { readonly [K in BoardKind]: BoardKindAdapter<unknown> },
    private readonly events: BoardSetEvents,
  ) {}

  /** Opens the board (again, if it was set aside); resolves once its doc is ready to read and edit. */
  ensure(ref: Pick<BoardRef, 'id' | 'kind'>): Promise<OpenBoard> {
    this.parked.delete(ref.id);
    this.behind.delete(ref.id);
    let entry = this.boards.get(ref.id);
    if (!entry) {
      entry = this.open(ref.id, ref.kind);
      this.boards.set(ref.id, entry);
    }
    return entry;
  }

  /** Opens the board in the background, unless it is set aside: its snapshot is what is needed of it. */
  keep(ref: Pick<BoardRef, 'id' | 'kind'>): void {
    if (!this.parked.has(ref.id)) void this.ensure(ref);
  }

  /**
   * Sets the board aside: closes its doc (every edit of it must be in this window's cache, and
   * its undo history empty: nothing of mine to take back is dropped). False if it cannot be now.
   */
  park(boardId: string): boolean {
    const board = this.ready.get(boardId);
    if (!board || board.undo.undoStack.length > 0 || board.undo.redoStack.length > 0) return false;
    const vector = Y.encodeStateVector(board.doc);
    if (!this.docs.close(boardId)) return false;
    board.undo.destroy();
    board.reader.destroy();
    board.marks.destroy();
    this.ready.delete(boardId);
    this.boards.delete(boardId);
    this.parked.set(boardId, vector);
    this.events.onDidParkBoard?.(boardId);
    return true;
  }

  isParked(boardId: string): boolean {
    return this.parked.has(boardId);
  }

  /** The peer sent a change to `boardId`; if it is set aside, its snapshot is now behind. */
  markBehind(boardId: string): void {
    if (this.parked.has(boardId)) this.behind.add(boardId);
  }

  isBehind(boardId: string): boolean {
    return this.behind.has(boardId);
  }

  /** The boards set aside and what this window had of each then. */
  parkedVectors(): ReadonlyMap<string, Uint8Array> {
    return this.parked;
  }

  get(boardId: string): OpenBoard | undefined {
    return this.ready.get(boardId);
  }

  all(): OpenBoard[] {
    return [...this.ready.values()];
  }

  private async open(boardId: string, kind: BoardKind): Promise<OpenBoard> {
    const { doc } = await this.docs.open(boardId);
    const adapter = this.adapters[kind];
    const undo = new Y.UndoManager(
      adapter.trackedTypes.map((name) => doc.getMap(name)),
      { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 },
    );
    const onUndo = () => this.events.onDidChangeUndo(boardId);
    undo.on('stack-item-added', onUndo);
    undo.on('stack-item-popped', onUndo);
    undo.on('stack-cleared', onUndo);
    const board: OpenBoard = { boardId, kind, doc, undo, reader: adapter.createReader(doc), marks: new EntityMarks(doc) };
    // Scoped before any edit reaches them: they are named when their entity is written.
    const scopeEntityTypes = () => adapter.entityTypes && undo.addToScope([...adapter.entityTypes(doc)]);
    scopeEntityTypes();
    doc.on('update', () => {
      scopeEntityTypes();
      this.events.onDidChangeBoard(boardId);
    });
    this.ready.set(boardId, board);
    this.events.onDidChangeBoard(boardId);
    return board;
  }
}
