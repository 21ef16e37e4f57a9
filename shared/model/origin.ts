// Transaction origins. Every write to a Y.Doc names where it came from, and every listener
// checks the origin so an update never echoes back to where it came from, and undo only
// ever tracks this person's own edits.

/** Where a document change came from. */
export type TxOrigin =
  | { readonly source: 'local' }
  | { readonly source: 'link'; readonly linkId: string }
  | { readonly source: 'peer'; readonly peerId: string }
  | { readonly source: 'store' }
  | { readonly source: 'cache' }
  | { readonly source: 'relay' };

/** The origin of this person's own edits. One shared object: `Y.UndoManager` matches origins by identity. */
export const LOCAL_ORIGIN: TxOrigin = Object.freeze({ source: 'local' });
export const STORE_ORIGIN: TxOrigin = Object.freeze({ source: 'store' });
export const CACHE_ORIGIN: TxOrigin = Object.freeze({ source: 'cache' });
/** What a peer opened from a relay's sealed blobs. */
export const RELAY_ORIGIN: TxOrigin = Object.freeze({ source: 'relay' });

export function isTxOrigin(value: unknown): value is TxOrigin {
  return typeof value === 'object' && value !== null && typeof (value as { source?: unknown }).source === 'string';
}
