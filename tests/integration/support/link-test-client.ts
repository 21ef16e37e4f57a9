// A Node client of the local link for tests: a real WebSocket to a real hub, the shared sync
// session per doc, and helpers to wait for the peer's hello, responses and "saved" vectors.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { encodeJsonFrame, MessageType, readFrameHead, readJsonPayload } from '../../../shared/protocol/frame';
import { createDocSyncSession, type DocSyncSession } from '../../../shared/protocol/sync-session';
import type { Hello } from '../../../shared/api/link';

export class LinkTestClient {
  readonly docs = new Map<string, Y.Doc>();
  private readonly sessions = new Map<string, DocSyncSession>();
  /** Docs opened only to hear when the peer saves them: their sync frames are dropped unread. */
  private readonly savedOnly = new Set<string>();
  readonly saved = new Map<string, Uint8Array>();
  hello: Hello | null = null;
  private readonly responses = new Map<number, unknown>();
  private nextId = 1;
  closed = false;
  closeCode = 0;
  private readonly origin = Object.freeze({ source: 'link' as const, linkId: 'test' });

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onFrame(new Uint8Array(data)));
    ws.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
    });
  }

  static connect(port: number, token: string): Promise<LinkTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/link?token=${token}`);
      const client = new LinkTestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  open(docId: string): Y.Doc {
    let doc = this.docs.get(docId);
    if (!doc) {
      doc = new Y.Doc({ guid: docId });
      this.docs.set(docId, doc);
      this.sessions.set(docId, createDocSyncSession({ docId, doc, origin: this.origin, send: (f) => this.ws.send(f) }));
    }
    return doc;
  }

  /**
   * Opens `docId` as a window would (the peer sends it and reports its saves), but drops what
   * the peer sends of it unread: for a benchmark keeping time in this process, which must not
   * spend a second applying a whole board while a `saved` frame waits behind it.
   */
  openForSavedOnly(docId: string): void {
    this.savedOnly.add(docId);
    this.open(docId);
  }

  async request(op: string, args: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.ws.send(encodeJsonFrame(MessageType.request, { id, op, args }));
    await waitFor(() => this.responses.has(id));
    return this.responses.get(id);
  }

  /** Resolves once the peer says `docId` is on disk up to this client's state of it. */
  async waitSaved(docId: string): Promise<void> {
    const doc = this.docs.get(docId);
    if (!doc) throw new Error(`not open: ${docId}`);
    await waitFor(() => {
      const have = this.saved.get(docId);
      if (!have) return false;
      const haveMap = Y.decodeStateVector(have);
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) if ((haveMap.get(client) ?? 0) < clock) return false;
      return true;
    });
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(frame: Uint8Array): void {
    const { docId, type, decoder } = readFrameHead(frame);
    if (type === MessageType.hello) this.hello = readJsonPayload(decoder) as Hello;
    else if (type === MessageType.response) {
      const response = readJsonPayload(decoder) as { id: number };
      this.responses.set(response.id, response);
    } else if (type === MessageType.saved) this.saved.set(docId, decoding.readVarUint8Array(decoder));
    else if (type === MessageType.sync && !this.savedOnly.has(docId)) this.sessions.get(docId)?.receive(decoder);
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
