// Presence as a renderer speaks it, for tests: a y-protocols Awareness on its own Y.Doc beside a
// LinkTestClient, sending its own changes as connection-level awareness frames and applying every
// awareness frame the peer sends. `sendRaw` lets a test forge updates for any client id.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { PresenceState } from '../../../shared/api/presence';
import { MessageType, readFrameHead } from '../../../shared/protocol/frame';
import { encodePresenceFrame, encodePresenceUpdate, type ValidPresenceEntry } from '../../../shared/protocol/presence-codec';
import type { LinkTestClient } from './link-test-client';

export class PresenceTestClient {
  readonly awareness = new Awareness(new Y.Doc());
  /** Awareness frames received, for checks that nothing more arrived. */
  received = 0;
  private disposed = false;

  constructor(readonly link: LinkTestClient) {
    // Only this window's own changes go out (the peer would refuse anyone else's).
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== 'local' || link.closed || this.disposed) return;
      link.ws.send(encodePresenceFrame(encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])));
    });
    link.ws.on('message', (data: Buffer) => {
      const { docId, type, decoder } = readFrameHead(new Uint8Array(data));
      if (docId !== '' || type !== MessageType.awareness) return;
      this.received++;
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'peer');
    });
  }

  get clientId(): number {
    return this.awareness.clientID;
  }

  set(state: PresenceState | null): void {
    this.awareness.setLocalState(state);
  }

  /** Another client's state as this window sees it. */
  stateOf(clientId: number): unknown {
    return this.awareness.getStates().get(clientId);
  }

  /** Sends an update as written, whoever it claims to speak for. */
  sendRaw(entries: ValidPresenceEntry[]): void {
    this.link.ws.send(encodePresenceFrame(encodePresenceUpdate(entries)));
  }

  /** Stops the renewal timer without telling anyone. */
  dispose(): void {
    this.disposed = true;
    clearInterval((this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
  }
}
