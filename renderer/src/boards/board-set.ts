// Every board of the workspace, open in the background once the workspace is known, so
// links between goals and feedback resolve and search covers every board. Each board has
// its own snapshot reader and its own undo manager (my edits only), and a change to one
// board re-reads that board alone.
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
}

export class BoardSet {
  private readonly boards = new Map<string, Promise<OpenBoard>>();
  private readonly ready = new Map<string, OpenBoard>();

  constructor(
    private readonly docs: DocRegistry,
    private readonly adapters: { readonly [K in BoardKind]: BoardKindAdapter<unknown> },
    private readonly events: BoardSetEvents,
  ) {}

  ensure(ref: Pick<BoardRef, 'id' | 'kind'>): Promise<OpenBoard> {
    let entry = this.boards.get(ref.id);
    if (!entry) {
      entry = this.open(ref.id, ref.kind);
      this.boards.set(ref.id, entry);
    }
    return entry;
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
