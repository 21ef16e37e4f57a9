// Entry of the peer process. As the hub (`npm run hub -- --data <dir> --port <n>`) it serves
// the renderer and the local link on 127.0.0.1; inside Electron (`--utility`) it serves the
// windows' MessagePorts. Either way it stops cleanly on SIGINT/SIGTERM, flushing every write.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './files';
import { startHubServer, type HubServer } from './hub-server';
import { createLogger } from './logger';
import { Peer } from './peer';
import { asBytes, type LinkTransport } from './transport';

const USAGE = `Usage: npm run hub -- [--data <dir>] [--port <n>] [--token <token>]
  --data <dir>    where this peer keeps its data (default: the desktop app's folder)
  --port <n>      port on 127.0.0.1 (0 = any free port; default 0)
  --token <t>     the link token (default: a new random one each launch)`;

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: MessagePortLike[] }) => void): void;
  postMessage(message: unknown): void;
}
interface MessagePortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

function fail(message: string): never {
  process.stderr.write(`Tandem hub: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { data: { type: 'string' }, port: { type: 'string', default: '0' }, token: { type: 'string' }, utility: { type: 'boolean', default: false }, help: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  const token = values.token ?? randomBytes(24).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) fail('--token must be 16–128 letters, digits, "-" or "_"');
  const dataDir = resolve(values.data ?? defaultDataDir());
  const logger = createLogger(undefined, values.quiet);

  if (!values.data && !values.utility) process.stdout.write(`Tandem data folder: ${dataDir}\n`);
  let peer: Peer;
  try {
    peer = await Peer.start(dataDir, logger);
  } catch (error) {
    fail(`cannot open the data folder ${dataDir}: ${(error as Error).message}`);
  }

  let hub: HubServer | null = null;
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (values.utility && parentPort) {
    parentPort.on('message', (e) => {
      const message = e.data as { type?: unknown };
      if (message?.type === 'link' && e.ports[0]) peer.connect(messagePortTransport(e.ports[0]));
      if (message?.type === 'shutdown') void stop('shutdown');
    });
    parentPort.postMessage({ type: 'ready', peerId: peer.peerId });
  } else {
    const rendererDir = join(__dirname, '..', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) logger.warn('the renderer is not built; run `npm run build`', { rendererDir });
    try {
      hub = await startHubServer({ peer, port, token, rendererDir });
    } catch (error) {
      await peer.close();
      fail(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    }
    process.stdout.write(`Tandem hub ready: ${hub.url}\n`);
  }

  let stopping = false;
  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await hub?.close();
    await peer.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function messagePortTransport(port: MessagePortLike): LinkTransport {
  port.start();
  return {
    send: (frame) => port.postMessage(frame),
    close: () => port.close(),
    onMessage: (listener) =>
      port.on('message', (e) => {
        const bytes = asBytes(e.data);
        if (bytes) listener(bytes);
      }),
    onClose: (listener) => port.on('close', listener),
  };
}

void main();
