// "While you were away": per board, the state vector of the moment this laptop was last caught
// up (Up to date with a teammate) is kept in localStorage; when the boards catch up again after
// being offline (or at start), the changes teammates made beyond it are shown until dismissed.
import * as Y from 'yjs';
import { readAwayChanges, type AwayChange } from '../../../shared/model/away';
import type { OpenBoard } from '../boards/board-set';
import { computeSyncState } from '../network/sync-state';
import type { AppStore } from '../state/store';

/** What the tracker needs of the runtime: the store and the open boards. */
export interface AwayHost {
  readonly store: AppStore;
  readonly boards: {
    all(): readonly Pick<OpenBoard, 'boardId' | 'kind' | 'doc'>[];
    /** Boards set aside (closed) and what this window had seen of each: its changes since are still news. */
    parkedVectors?(): ReadonlyMap<string, Uint8Array>;
  };
}

/** How long the boards may take to receive what the peer just synced before the summary is read. */
const SETTLE_MS = 1_500;
const SAVE_DELAY_MS = 1_000;
const keyOf = (workspaceId: string) => `tandem.caughtUp.${workspaceId}`;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

export class AwayTracker {
  /** Not caught up since the last time offline (or since start): the saved vectors are the baseline. */
  private away = true;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private recomputeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly runtime: AwayHost, private readonly storage: Pick<Storage, 'getItem' | 'setItem'>) {
    runtime.store.subscribe((s, prev) => {
      if (s.network !== prev.network || s.link !== prev.link) this.onDidChangeStatus();
    });
    globalThis.addEventListener?.('beforeunload', () => {
      if (!this.away) this.save();
    });
  }

  private syncKind() {
    const s = this.runtime.store.getState();
    return computeSyncState(s.network, s.link === 'online').kind;
  }

  private onDidChangeStatus(): void {
    const kind = this.syncKind();
    if (kind === 'up-to-date') {
      if (this.away && this.settleTimer === undefined && this.runtime.store.getState().awayChanges === null) this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
      return;
    }
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    if (kind === 'offline' && !this.away) {
      // The last moment this laptop was caught up: what arrives from now on is news.
      this.save();
      this.away = true;
    }
  }

  onDidChangeBoard(): void {
    if (!this.away) {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => !this.away && this.save(), SAVE_DELAY_MS);
    } else if (this.runtime.store.getState().awayChanges !== null) {
      clearTimeout(this.recomputeTimer);
      this.recomputeTimer = setTimeout(() => this.show(), 300);
    }
  }

  private settle(): void {
    this.settleTimer = undefined;
    if (this.syncKind() !== 'up-to-date') return;
    if (!this.show()) this.finish();
  }

  /** Reads the summary against the saved vectors; returns whether there is anything to show. */
  private show(): boolean {
    const changes = this.read();
    const any = Object.keys(changes).length > 0;
    if (any || this.runtime.store.getState().awayChanges !== null) this.runtime.store.setState({ awayChanges: changes });
    return any;
  }

  /** The person has read the summary (or there was none): now caught up. */
  dismiss(): void {
    this.finish();
    if (this.syncKind() !== 'up-to-date') this.away = true;
  }

  private finish(): void {
    this.away = false;
    this.save();
    if (this.runtime.store.getState().awayChanges !== null) this.runtime.store.setState({ awayChanges: null });
  }

  private saved(): Record<string, string> | null {
    const workspaceId = this.runtime.store.getState().identity?.id;
    if (!workspaceId) return null;
    try {
      const value: unknown = JSON.parse(this.storage.getItem(keyOf(workspaceId)) ?? 'null');
      return value && typeof value === 'object' ? (value as Record<string, string>) : null;
    } catch {
      return null;
    }
  }

  private read(): Record<string, readonly AwayChange[]> {
    const saved = this.saved();
    const me = this.runtime.store.getState().identity?.memberId;
    const out: Record<string, readonly AwayChange[]> = {};
    // Never caught up before on this laptop: everything would read as news, so nothing does.
    if (!saved || !me) return out;
    for (const board of this.runtime.boards.all()) {
      const vector = saved[board.boardId];
      if (typeof vector !== 'string') continue;
      try {
        const changes = readAwayChanges(board.doc, board.kind, Y.decodeStateVector(fromBase64(vector)), me);
        if (changes.length > 0) out[board.boardId] = changes;
      } catch {
        // A damaged saved vector: skip that board rather than show nonsense.
      }
    }
    return out;
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    const workspaceId = this.runtime.store.getState().identity?.id;
    if (!workspaceId) return;
    const next: Record<string, string> = { ...(this.saved() ?? {}) };
    for (const board of this.runtime.boards.all()) next[board.boardId] = toBase64(Y.encodeStateVector(board.doc));
    for (const [boardId, vector] of this.runtime.boards.parkedVectors?.() ?? []) next[boardId] = toBase64(vector);
    this.storage.setItem(keyOf(workspaceId), JSON.stringify(next));
  }
}
