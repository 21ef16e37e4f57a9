// A window's presence for the bench: a link client on a hub with a y-protocols Awareness
// (tests/integration/support/presence-test-client.ts) that moves between items on a board, and
// counts every awareness frame the peer sends it by the client ids it speaks for, so a row can
// tell messages per second and per remote window.
import * as decoding from 'lib0/decoding';
import { MessageType, readFrameHead } from '../../../shared/protocol/frame';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { PresenceTestClient } from '../../integration/support/presence-test-client';
import type { LanHub } from './lan-hub';

export class PresenceWindow {
  /** Awareness frames received since the last `resetCounts`. */
  frames = 0;
  /** Entries received since the last `resetCounts`, by the client id they speak for. */
  readonly entriesByClient = new Map<number, number>();
  private moves = 0;

  private constructor(
    readonly link: LinkTestClient,
    readonly presence: PresenceTestClient,
    private readonly memberId: string,
    private readonly boardId: string,
  ) {
    link.ws.on('message', (data: Buffer) => {
      const { docId, type, decoder } = readFrameHead(new Uint8Array(data));
      if (docId !== '' || type !== MessageType.awareness) return;
      this.frames++;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(update);
        decoding.readVarUint(update);
        decoding.readVarString(update);
        this.entriesByClient.set(clientId, (this.entriesByClient.get(clientId) ?? 0) + 1);
      }
    });
  }

  static async open(hub: LanHub, memberId: string, boardId: string): Promise<PresenceWindow> {
    const link = await LinkTestClient.connect(hub.port, hub.token);
    await waitFor(() => link.hello !== null);
    const window = new PresenceWindow(link, new PresenceTestClient(link), memberId, boardId);
    window.move();
    return window;
  }

  get clientId(): number {
    return this.presence.clientId;
  }

  /** The pointer moves to the next item (a new state, so one update goes out). */
  move(): void {
    this.moves++;
    this.presence.set({ memberId: this.memberId, boardId: this.boardId, itemId: `f_bench${this.moves % 50}`, field: this.moves % 2 === 0 ? 'title' : null });
  }

  resetCounts(): void {
    this.frames = 0;
    this.entriesByClient.clear();
  }

  close(): void {
    this.presence.dispose();
    this.link.close();
  }
}

/** Moves every window at `perSecond` for `ms`, paced by elapsed time; returns moves made per window. */
export async function moveWindows(windows: readonly PresenceWindow[], perSecond: number, ms: number): Promise<number> {
  let moves = 0;
  const began = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - began;
      const due = Math.min(Math.floor((elapsed / 1000) * perSecond), Math.floor((ms / 1000) * perSecond));
      while (moves < due) {
        for (const window of windows) window.move();
        moves++;
      }
      if (elapsed >= ms) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / perSecond / 2);
  });
  return moves;
}
