// The replica store's public vocabulary: what a damaged log is reported as, and the logger the
// store writes to. Kept apart so the log modules and the store class can share it without a cycle.

/** A damaged doc log found on load, after the damage was set aside and the log cut to its intact prefix. */
export interface StoreWarning {
  docId: string;
  kind: 'torn-tail' | 'bad-checksum' | 'bad-header';
  /** The log file that was damaged. */
  file: string;
  /** A byte-identical copy of the damaged original, kept beside it so no byte is ever destroyed. */
  setAsideFile: string;
  /** Bytes that could not be loaded (everything from the first bad record to the end). */
  droppedBytes: number;
  /** Records that were loaded. */
  keptRecords: number;
}

export interface StoreLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}
