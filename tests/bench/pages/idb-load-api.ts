// The contract between the `idb-load` row (Node, driving Chromium) and its bench page: what
// the page puts on `window`, and what each call returns. Types only, so both sides share it.

/** An IndexedDB database as the page left it. */
export interface IdbDatabaseState {
  /** Rows in y-indexeddb's `updates` store. */
  readonly rows: number;
  /** The highest key in `updates`; rows after it are removed after each measured open. */
  readonly lastKey: number;
  readonly bytes: number;
}

/** One "open to first board paint". */
export interface PaintTiming {
  readonly ms: number;
  /** Cards in the doc once loaded, and the text of the first row painted: checks that the open really loaded the board. */
  readonly cards: number;
  readonly firstRow: string;
  /** Where the time went. */
  readonly phases: PaintPhases;
}

/** Milliseconds of one open, by phase. */
export interface PaintPhases {
  /** Waiting for IndexedDB (0 from memory). */
  readonly read: number;
  /** The Yjs transaction that applies the stored updates. */
  readonly apply: number;
  /** Yjs encoding the transaction as an update for the doc's `update` listeners (0 if none, as in the baseline). */
  readonly updateEvent: number;
  /** First screenful into the DOM, then the next frame painted. */
  readonly paint: number;
}

export interface IdbLoadPageApi {
  /** Replaces the database by y-indexeddb's layout holding the board (`/board.bin`) as one compacted row. */
  seedCompacted(args: { dbName: string }): Promise<IdbDatabaseState>;
  /**
   * Opens the doc from the database `cycles` times, each time making `editsPerCycle`
   * single-field edits (one transaction, so one y-indexeddb row, each) and closing again.
   */
  addHistory(args: { dbName: string; cycles: number; editsPerCycle: number; seed: number }): Promise<IdbDatabaseState>;
  /** y-indexeddb open → whenSynced → first screenful rendered → painted. */
  openFromIndexedDb(args: { dbName: string; keepThroughKey: number }): Promise<PaintTiming>;
  /** The baseline: `Y.applyUpdate` of `/board.bin` (fetched off the clock) → same render → painted. */
  openFromMemory(): Promise<PaintTiming>;
}

declare global {
  interface Window {
    tandemIdbBench?: IdbLoadPageApi;
  }
}
