// The conflicts of every open board for the UI: one incremental conflict reader per board doc,
// re-read once per frame for the boards that changed, and "Keep this", which resolves a
// conflict on the board that holds it (an undoable edit like any other).
import type * as Y from 'yjs';
import { createConflictReader, keepFieldVersion, type FieldConflict } from '../../../shared/model/conflicts';
import { ModelError } from '../../../shared/model/errors';
import { attempt, type ActionResult, type Runtime } from '../runtime';

export class ConflictTracker {
  private readonly readers = new Map<string, { doc: Y.Doc; reader: ReturnType<typeof createConflictReader> }>();
  private readonly dirty = new Set<string>();
  private queued = false;

  constructor(private readonly runtime: Runtime) {}

  onDidChangeBoard(boardId: string): void {
    this.dirty.add(boardId);
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.refresh();
    });
  }

  /** The board's doc was closed: its reader goes (what it last read stays listed). */
  forget(boardId: string): void {
    this.readers.get(boardId)?.reader.destroy();
    this.readers.delete(boardId);
    this.dirty.delete(boardId);
  }

  private refresh(): void {
    const before = this.runtime.store.getState().conflicts;
    let next = before;
    for (const boardId of this.dirty) {
      const board = this.runtime.boards.get(boardId);
      if (!board) continue;
      let entry = this.readers.get(boardId);
      if (!entry || entry.doc !== board.doc) {
        entry?.reader.destroy();
        entry = { doc: board.doc, reader: createConflictReader(board.doc, board.kind) };
        this.readers.set(boardId, entry);
      }
      const snapshot = entry.reader.read();
      if (snapshot !== next[boardId]) next = { ...next, [boardId]: snapshot };
    }
    this.dirty.clear();
    if (next !== before) this.runtime.store.setState({ conflicts: next });
  }

  /** Keeps one version of a conflicting field; the choice syncs to every laptop. */
  keep(boardId: string, conflict: FieldConflict, writeId: string): ActionResult {
    return attempt(() => {
      const board = this.runtime.boards.get(boardId);
      if (!board) throw new ModelError('not-found', 'errors.notFound');
      const actorId = this.runtime.store.getState().identity?.memberId ?? 'unknown';
      board.undo.stopCapturing();
      keepFieldVersion(board.doc, { entityKind: conflict.entityKind, entityId: conflict.entityId, field: conflict.field, writeId, actorId });
      board.undo.stopCapturing();
      this.onDidChangeBoard(boardId);
    });
  }
}
