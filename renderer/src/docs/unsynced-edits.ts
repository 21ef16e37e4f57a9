// The edits made in this browser that the local peer has not acknowledged yet: one entry per
// local transaction (its client and clock), kept in localStorage so a reload while the hub is
// down still knows what only this browser holds. An entry goes only when the peer's "saved"
// state vector covers it; nothing here ever deletes a doc or its cache.
import * as Y from 'yjs';

const STORAGE_KEY = 'tandem.unsynced';
/** Beyond this many entries per doc the oldest are dropped: a later entry of the same client still waits for them, only the count falls short. */
const MAX_ENTRIES_PER_DOC = 5_000;

/** Storage is written at most this often while edits stream in (typing, dragging), and on `save()` (page hide). */
const SAVE_DELAY_MS = 250;

/** One local edit: the doc's clock for this browser's client right after it. */
type Entry = readonly [client: number, clock: number];

export class UnsyncedEdits {
  private readonly entries = new Map<string, Entry[]>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly storage: Storage, private readonly onDidChange: (count: number) => void) {
    this.load();
  }

  /** How many edits are held only in this browser. */
  get count(): number {
    let n = 0;
    for (const list of this.entries.values()) n += list.length;
    return n;
  }

  /** The docs holding edits the peer has not acknowledged. */
  docIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Counts every local edit of `doc` from now on (cached and remote updates are not local). */
  watch(docId: string, doc: Y.Doc): void {
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      try {
        if (!transaction.local) return;
        const before = transaction.beforeState.get(doc.clientID) ?? 0;
        const after = transaction.afterState.get(doc.clientID) ?? 0;
        // A deletion alone moves no clock, so a state vector cannot say when it was saved: it is not counted.
        if (after <= before) return;
        this.add(docId, [doc.clientID, after]);
      } catch (error) {
        // A throwing listener stops the doc's later update events (DESIGN.md, known traps).
        console.warn('Tandem: could not count an unsynced edit', error);
      }
    });
  }

  /** The peer has `docId` on disk up to `savedStateVector`: the edits it covers are no longer only here. */
  acknowledge(docId: string, savedStateVector: Uint8Array): void {
    const list = this.entries.get(docId);
    if (!list) return;
    const saved = Y.decodeStateVector(savedStateVector);
    const left = list.filter(([client, clock]) => (saved.get(client) ?? 0) < clock);
    if (left.length === list.length) return;
    if (left.length === 0) this.entries.delete(docId);
    else this.entries.set(docId, left);
    this.changed();
  }

  /** This browser left the workspace and deleted its copy: nothing of it is waiting any more. */
  forget(): void {
    this.entries.clear();
    this.save(); // a reload follows at once
    this.onDidChange(0);
  }

  private add(docId: string, entry: Entry): void {
    const list = this.entries.get(docId) ?? [];
    list.push(entry);
    if (list.length > MAX_ENTRIES_PER_DOC) list.splice(0, list.length - MAX_ENTRIES_PER_DOC);
    this.entries.set(docId, list);
    this.changed();
  }

  /** Writes what is waiting to storage now (the page is going away); otherwise writes are coalesced. */
  save(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    try {
      if (this.entries.size === 0) this.storage.removeItem(STORAGE_KEY);
      else this.storage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(this.entries)));
    } catch (error) {
      console.warn('Tandem: could not remember the unsynced edits', error);
    }
  }

  private changed(): void {
    // Serialising every entry on each keystroke would cost a burst of typing dearly: once per delay.
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.onDidChange(this.count);
  }

  private load(): void {
    let stored: unknown;
    try {
      stored = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null');
    } catch {
      return;
    }
    if (typeof stored !== 'object' || stored === null) return;
    for (const [docId, list] of Object.entries(stored)) {
      if (!Array.isArray(list)) continue;
      const valid = list.filter((e): e is Entry => Array.isArray(e) && e.length === 2 && e.every((n) => Number.isSafeInteger(n) && n >= 0));
      if (valid.length > 0) this.entries.set(docId, valid);
    }
  }
}
