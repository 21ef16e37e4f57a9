// A peer process's heap, read from outside through its inspector: the bench starts the hub with
// `--inspect=127.0.0.1:0` (no change to the peer), connects to the DevTools WebSocket it prints,
// forces a full GC and reads `process.memoryUsage()` in the peer itself.
import WebSocket from 'ws';

/** `process.memoryUsage()` of the peer after a full GC, in bytes. */
export interface PeerMemory {
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly rss: number;
}

/** The Node flag that opens the inspector on a free loopback port. */
export const INSPECT_ARGS: readonly string[] = ['--inspect=127.0.0.1:0'];

/** The DevTools WebSocket URL a process started with `INSPECT_ARGS` printed on stderr. */
export function inspectorUrl(output: string): string {
  const url = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1];
  if (!url) throw new Error(`the process printed no inspector address:\n${output.slice(-2000)}`);
  return url;
}

/** Collects garbage in the process behind `url` (twice, so weakly held and finalised objects go too) and reads its memory. */
export async function peerMemoryAfterGc(url: string): Promise<PeerMemory> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    const call = message.id === undefined ? undefined : waiting.get(message.id);
    if (!call) return;
    waiting.delete(message.id as number);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
    const result = (await send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    return JSON.parse(result.result.value) as PeerMemory;
  } finally {
    ws.close();
  }
}
