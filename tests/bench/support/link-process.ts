// B's renderer for the cold-sync rows, as a process of its own: a window's Y.Doc lives in a
// renderer process that holds its boards and nothing else, so it is timed in a fresh Node
// process with one link client (the `y-websocket` client it is compared with runs the same way),
// not in the bench process, whose heap holds the generated boards that every major GC of an
// apply there would mark again. Forked with `--import tsx`; the parent sends where to connect,
// the child opens the doc, says `ready`, then `synced` when it holds the expected state vector,
// then the content's hash (off the clock).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docHash } from '../../support/doc-hash';
import type { Arrival } from './lan-sync-timing';
import { BIG_FRAME_BYTES, sharedNow } from './timing';

interface OpenMessage {
  readonly port: number;
  readonly token: string;
  readonly docId: string;
  readonly vector: readonly (readonly [number, number])[];
}

type ChildMessage = { readonly type: 'ready' } | { readonly type: 'synced'; readonly bytesAt: number | null } | { readonly type: 'hash'; readonly hash: string } | { readonly type: 'failed'; readonly error: string };

const SCRIPT = fileURLToPath(import.meta.url);

/** A link client on the hub at `port` in a process of its own, with `docId` open; `at` is when the parent heard it holds `vector`. */
export interface LinkProcess extends Arrival {
  /** The content's hash, once arrived. */
  hash(): Promise<string>;
  close(): Promise<void>;
}

export async function startLinkProcess(open: OpenMessage, deadlineMs: number): Promise<LinkProcess> {
  const child = fork(SCRIPT, ['child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let arrivedAt: number | null = null;
  let bytesAt: number | null = null;
  let hash: string | null = null;
  let failure: string | null = null;
  let ready = false;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'synced') {
      arrivedAt ??= performance.now();
      if (message.bytesAt !== null) bytesAt ??= message.bytesAt - performance.timeOrigin;
    }
    else if (message.type === 'ready') ready = true;
    else if (message.type === 'hash') hash = message.hash;
    else failure = message.error;
  });
  child.once('exit', (code) => {
    process.off('exit', killOnExit);
    failure ??= `the link process exited with ${code}`;
  });
  const until = async (done: () => boolean, what: string) => {
    await waitFor(() => done() || failure !== null, deadlineMs).catch(() => undefined);
    if (!done()) throw new Error(`the link process did not ${what}: ${failure ?? `nothing within ${deadlineMs / 1000} s`}`);
  };
  child.send(open);
  await until(() => ready, 'open the doc');
  return {
    at: () => arrivedAt,
    bytesAt: () => bytesAt,
    async hash() {
      await until(() => hash !== null, 'send the hash');
      return hash as unknown as string;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}

function runChild(): void {
  const send = (message: ChildMessage) => process.send?.(message);
  process.once('message', (message: OpenMessage) => {
    void (async () => {
      const client = await LinkTestClient.connect(message.port, message.token);
      await waitFor(() => client.hello !== null);
      // Ahead of the client's own listener, which applies the frame before returning.
      let bigFrameAt: number | null = null;
      client.ws.prependListener('message', (data: Buffer) => {
        if (data.byteLength >= BIG_FRAME_BYTES) bigFrameAt = sharedNow();
      });
      const doc = client.open(message.docId);
      const expected = new Map(message.vector);
      let synced = false;
      doc.on('update', () => {
        if (synced || !holds(doc, expected)) return;
        synced = true;
        send({ type: 'synced', bytesAt: bigFrameAt });
        setImmediate(() => send({ type: 'hash', hash: docHash(doc) }));
      });
      send({ type: 'ready' });
    })().catch((error: unknown) => send({ type: 'failed', error: String(error) }));
  });
}

function holds(doc: Y.Doc, expected: ReadonlyMap<number, number>): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of expected) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

if (process.argv[2] === 'child') runChild();
