// The stack people would pick instead of Tandem's peers, run as plain Node processes for the
// `vs-y-websocket` row: `server <stateFile> <docName>` is `@y/websocket-server` holding a doc
// loaded from a file (no persistence, as its default); `client` is an empty `Y.Doc` with a
// `y-websocket` provider, started off the clock and told by its parent (over IPC) where to
// connect; it reports when it holds the expected state vector, then the content's hash.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { docHash } from '../../support/doc-hash';
import { BIG_FRAME_BYTES, sharedNow } from './timing';

/** Parent → client: connect to `url` (the meter in front of the server) and wait for `vector`. */
export interface ConnectMessage {
  readonly url: string;
  readonly docName: string;
  readonly vector: readonly (readonly [number, number])[];
}

/** Child → parent messages. */
export type ProcessMessage =
  | { readonly type: 'ready'; readonly port?: number }
  /** `bytesAt`: when the last big frame before it reached the client, on `sharedNow`'s clock. */
  | { readonly type: 'synced'; readonly bytesAt: number | null }
  | { readonly type: 'hash'; readonly hash: string };

const send = (message: ProcessMessage) => process.send?.(message);

function runServer(stateFile: string, docName: string): void {
  Y.applyUpdate(getYDoc(docName), new Uint8Array(readFileSync(stateFile)));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (conn, request) => setupWSConnection(conn, request, { docName }));
  const server = http.createServer((_request, response) => response.end('okay'));
  server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)));
  server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
}

function holds(doc: Y.Doc, vector: readonly (readonly [number, number])[]): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  return vector.every(([client, clock]) => (have.get(client) ?? 0) >= clock);
}

function runClient(): void {
  process.once('message', (message: ConnectMessage) => {
    const doc = new Y.Doc();
    let synced = false;
    let bigFrameAt: number | null = null;
    doc.on('update', () => {
      if (synced || !holds(doc, message.vector)) return;
      synced = true;
      send({ type: 'synced', bytesAt: bigFrameAt });
      // Off the clock: the content, for the parent to compare with the board.
      setImmediate(() => send({ type: 'hash', hash: docHash(doc) }));
    });
    // The provider applies a frame in its own listener, set after construction: this one, set in
    // the constructor, hears each frame first.
    class TimedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on('message', (data: Buffer) => {
          if (data.byteLength >= BIG_FRAME_BYTES) bigFrameAt = sharedNow();
        });
      }
    }
    new WebsocketProvider(message.url, message.docName, doc, { WebSocketPolyfill: TimedWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  });
  send({ type: 'ready' });
}

const [mode, stateFile, docName] = process.argv.slice(2);
if (mode === 'server' && stateFile && docName) runServer(stateFile, docName);
else if (mode === 'client') runClient();
else throw new Error('usage: y-websocket-process server <stateFile> <docName> | client');
