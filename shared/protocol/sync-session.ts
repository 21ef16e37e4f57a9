// One doc's y-protocols sync over any transport: step 1 / step 2 on start, live updates
// after. Unlike y-protocols' readSyncStep2, a bad update is not merely logged: it throws a
// ProtocolError so the connection that sent it is closed and counted.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { encodeFrame, MessageType, ProtocolError, readBytes } from './frame';
import type { TxOrigin } from '../model/origin';
import { applyReceivedUpdate } from './apply-received';
import { encodeIntegratedState, hasPendingUpdates } from './pending-updates';
import { isEmptyStateVector, wholeStateOf } from './whole-state';

export interface DocSyncSession {
  readonly docId: string;
  readonly doc: Y.Doc;
  /** Handles the payload of a sync frame (the decoder sits after the frame type). */
  receive(decoder: decoding.Decoder): void;
  /** True once the other side's step 2 arrived: this side has everything it had. */
  readonly synced: boolean;
  /** Sends step 1 again (after a reconnect). */
  restart(): void;
  /**
   * Sends `update` to the other side now, before the doc has it (a big update this side is about
   * to apply, relayed ahead so both ends decode it at once); the doc's own report of the same
   * bytes, when it applies them, is not sent again.
   */
  sendAhead(update: Uint8Array): void;
  /** The doc has applied (or refused) what `sendAhead` sent: nothing more to hold back. */
  endAhead(update: Uint8Array): void;
  destroy(): void;
}

/** The same bytes: the same view of the same buffer (what a doc reports of an update it applied whole). */
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.byteLength === b.byteLength;

export interface DocSyncSessionOptions {
  docId: string;
  doc: Y.Doc;
  send: (frame: Uint8Array) => void;
  /** Origin of updates applied from the other side; updates with it are not sent back. */
  origin: TxOrigin;
  onSynced?: () => void;
  /**
   * Offered each update from the other side before the doc applies it: true when the host has
   * taken it to store first and apply later (a LAN peer's Replica.storeAhead); the session then
   * goes on as if applied.
   */
  storeAhead?: (update: Uint8Array) => boolean;
}

export function createDocSyncSession({ docId, doc, send, origin, onSynced, storeAhead }: DocSyncSessionOptions): DocSyncSession {
  let synced = false;
  const sendSync = (write: (e: encoding.Encoder) => void) => send(encodeFrame(docId, MessageType.sync, write));

  // An update from the other side can unlock updates parked earlier (pending structs or
  // deletes, from anyone), which the doc then reports under this session's origin: such an
  // update goes back too, or the other side would never get what it unlocked.
  let mayUnlockPending = false;
  /** Updates sent ahead of the doc applying them (sendAhead). */
  const ahead: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (ahead.some((sent) => sameBytes(sent, update))) return;
    if (updateOrigin === origin && !mayUnlockPending) return;
    try {
      sendSync((e) => syncProtocol.writeUpdate(e, update));
    } catch {
      // A closed transport must never throw out of a Yjs update listener (yjs#799).
    }
  };
  doc.on('update', onUpdate);

  const apply = (update: Uint8Array) => {
    if (storeAhead?.(update)) return;
    mayUnlockPending = hasPendingUpdates(doc);
    try {
      applyReceivedUpdate(doc, update, origin);
    } catch {
      throw new ProtocolError('update-rejected');
    } finally {
      mayUnlockPending = false;
    }
  };

  const session: DocSyncSession = {
    docId,
    doc,
    get synced() {
      return synced;
    },
    receive(decoder) {
      let kind: number;
      try {
        kind = decoding.readVarUint(decoder);
      } catch {
        throw new ProtocolError('sync-malformed');
      }
      switch (kind) {
        case syncProtocol.messageYjsSyncStep1: {
          const stateVector = readBytes(decoder);
          let diff: Uint8Array;
          try {
            // The whole doc, to a side that holds none of it: kept encoded while the doc is unchanged (a room joining at once).
            diff = isEmptyStateVector(stateVector) ? wholeStateOf(doc) : encodeIntegratedState(doc, stateVector);
          } catch {
            throw new ProtocolError('state-vector-malformed');
          }
          sendSync((e) => {
            encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
            encoding.writeVarUint8Array(e, diff);
          });
          break;
        }
        case syncProtocol.messageYjsSyncStep2:
          apply(readBytes(decoder));
          if (!synced) {
            synced = true;
            onSynced?.();
          }
          break;
        case syncProtocol.messageYjsUpdate:
          apply(readBytes(decoder));
          break;
        default:
          throw new ProtocolError('sync-unknown-kind');
      }
    },
    restart() {
      synced = false;
      sendSync((e) => syncProtocol.writeSyncStep1(e, doc));
    },
    sendAhead(update) {
      ahead.push(update);
      sendSync((e) => syncProtocol.writeUpdate(e, update));
    },
    endAhead(update) {
      const at = ahead.indexOf(update);
      if (at >= 0) ahead.splice(at, 1);
    },
    destroy() {
      ahead.length = 0;
      doc.off('update', onUpdate);
    },
  };
  session.restart();
  return session;
}
