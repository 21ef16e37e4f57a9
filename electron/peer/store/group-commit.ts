// Group commit's one rule, shared by the doc logs and the inbox: the writes waiting at the head of
// a queue go out together, up to a bound, so that a burst of large updates does not become one
// giant buffer.

/** Bounds one group commit. */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Takes from the head of `queue` the writes to commit together: while the head is a write (by
 * `writes`; anything else, such as a compaction, ends the batch) and the batch stays within
 * MAX_BATCH_BYTES by `bytesOf`, but always at least one, however large.
 */
export function takeBatch<T, W extends T = T>(queue: T[], bytesOf: (write: W) => number, writes: (item: T) => item is W = (_item): _item is W => true): W[] {
  const batch: W[] = [];
  let size = 0;
  for (let head = queue[0]; head !== undefined && writes(head); head = queue[0]) {
    const bytes = bytesOf(head);
    if (batch.length > 0 && size + bytes > MAX_BATCH_BYTES) break;
    batch.push(head);
    size += bytes;
    queue.shift();
  }
  return batch;
}
