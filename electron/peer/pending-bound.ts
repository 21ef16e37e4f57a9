// The peer's bound on updates that wait for predecessors: a doc may keep them for a while
// (the missing update is often on its way from another teammate), but past an age or a size
// they are dropped, logged and counted in `/healthz`, so a sender of updates that can never be
// applied cannot grow the peer's memory or have them served to every reader.
import type * as Y from 'yjs';
import { dropPendingUpdates, hasPendingUpdates, pendingUpdateBytes } from '../../shared/protocol/pending-updates';

export interface PendingLimits {
  /** A doc that has waited this long without its predecessors arriving drops what waits. */
  readonly maxAgeMs: number;
  /** A doc waiting on more bytes than this drops them at once. */
  readonly maxBytes: number;
}

export const DEFAULT_PENDING_LIMITS: PendingLimits = { maxAgeMs: 30_000, maxBytes: 8 * 1024 * 1024 };

export interface PendingDrops {
  /** Times a doc dropped what waited. */
  readonly drops: number;
  readonly bytes: number;
}

export type PendingDropReason = 'too-old' | 'too-large';

/** Watches `doc` after every transaction; `onDidDrop` hears each drop. Returns a stop function. */
export function boundPendingUpdates(doc: Y.Doc, onDidDrop: (bytes: number, reason: PendingDropReason) => void, limits: PendingLimits = DEFAULT_PENDING_LIMITS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stopTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const drop = (reason: PendingDropReason) => {
    stopTimer();
    const bytes = dropPendingUpdates(doc);
    if (bytes > 0) onDidDrop(bytes, reason);
  };
  const check = () => {
    if (!hasPendingUpdates(doc)) return stopTimer();
    if (pendingUpdateBytes(doc) > limits.maxBytes) return drop('too-large');
    if (timer) return;
    timer = setTimeout(() => (hasPendingUpdates(doc) ? drop('too-old') : stopTimer()), limits.maxAgeMs);
    timer.unref?.();
  };
  doc.on('afterTransaction', check);
  const stop = () => {
    stopTimer();
    doc.off('afterTransaction', check);
  };
  doc.once('destroy', stop);
  return stop;
}
