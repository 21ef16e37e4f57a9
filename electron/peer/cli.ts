// Entry of the peer process. As the hub (`npm run hub -- --data <dir> --port <n>`) it serves
// the renderer and the local link on 127.0.0.1; inside Electron (`--utility`) it serves the
// windows' MessagePorts. Either way it syncs with teammates' peers on the LAN once it holds a
// workspace, and stops cleanly on SIGINT/SIGTERM, flushing every write.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isIpv4, isIpv6, parsePeerAddress } from '../../shared/lan/address';
import { InviteError } from '../../shared/lan/invite';
import { defaultDataDir } from './files';
import { chooseHubAddress, isValidToken, portTakenMessage, readHubAddress, rememberHubAddress } from './hub-address';
import { startHubServer, type HubServer } from './hub-server';
import { createLogger } from './logger';
import { Peer } from './peer';
import { MAX_RELAY_URLS, parseRelayUrls } from '../../shared/relay/relay-names';
import { ProcessGuard } from './process-guard';
import { asBytes, type LinkTransport } from './transport';

/** The LAN port a peer asks for unless told otherwise: stable, so remembered addresses stay right. */
const DEFAULT_LAN_PORT = 4100;

const USAGE = `Usage: npm run hub -- [--data <dir>] [--port <n>] [--token <token>] [LAN options]
  --data <dir>               where this peer keeps its data (default: the desktop app's folder)
  --port <n>                 port on 127.0.0.1 (0 = any free port; default: the port of the last start, else any)
  --token <t>                the link token (default: the token of the last start, else a new random one)
  --new-token                a new random link token (tabs holding the old one are refused)
  --create-workspace <name>  create a workspace (unless this peer holds one) and print its invite
  --join <invite>            join the workspace of an invite code (TANDEM1-… or tandem://join?…)
  --lan-port <n>             port for teammates' peers (0 = any free port; default ${DEFAULT_LAN_PORT}, or any if taken)
  --lan-host <ip>            address to listen on for teammates (default: every interface)
  --peer <host:port>         a teammate's peer to connect to, found or not (repeatable)
  --no-discovery             no mDNS adverts or browsing: manual and remembered peers only
  --rotate-secret            give the workspace a new secret (old invites stop working); print the new invite
  --relay <ws-url,...>       sync through the company's relay too (ws:// or wss://; several nodes separated
                             by commas are tried in turn; remembered; "none" forgets it)`;

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
      options: {
        data: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' }, 'new-token': { type: 'boolean', default: false }, utility: { type: 'boolean', default: false }, help: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false },
        'create-workspace': { type: 'string' }, join: { type: 'string' }, 'lan-port': { type: 'string' }, 'lan-host': { type: 'string' }, peer: { type: 'string', multiple: true, default: [] },
        'no-discovery': { type: 'boolean', default: false }, 'rotate-secret': { type: 'boolean', default: false }, relay: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const portFlag = values.port === undefined ? undefined : Number(values.port);
  if (portFlag !== undefined && (!Number.isInteger(portFlag) || portFlag < 0 || portFlag > 65535)) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  if (values.token !== undefined && !isValidToken(values.token)) fail('--token must be 16–128 letters, digits, "-" or "_"');
  if (values.token !== undefined && values['new-token']) fail('--token and --new-token cannot be used together');
  const lanPort = Number(values['lan-port'] ?? DEFAULT_LAN_PORT);
  if (!Number.isInteger(lanPort) || lanPort < 0 || lanPort > 65535) fail(`--lan-port must be a whole number from 0 to 65535, not "${values['lan-port']}"`);
  const lanHost = values['lan-host'] ?? '0.0.0.0';
  if (!isIpv4(lanHost) && !isIpv6(lanHost)) fail(`--lan-host must be an IP address, not "${lanHost}"`);
  for (const address of values.peer) if (!parsePeerAddress(address)) fail(`--peer must be host:port ([v6]:port for IPv6), not "${address}"`);
  const relayUrls = values.relay === undefined || values.relay === 'none' ? values.relay : parseRelayUrls(values.relay);
  if (relayUrls === null) fail(`--relay must be ws:// or wss:// addresses without a password (up to ${MAX_RELAY_URLS}, separated by commas), not "${values.relay}"`);
  const workspaceName = values['create-workspace']?.trim();
  if (workspaceName === '') fail('--create-workspace needs a name');
  const dataDir = resolve(values.data ?? defaultDataDir());
  const logger = createLogger(undefined, values.quiet);
  const guard = new ProcessGuard(logger).install();

  if (!values.data && !values.utility) process.stdout.write(`Tandem data folder: ${dataDir}\n`);
  let peer: Peer;
  try {
    peer = await Peer.start(dataDir, logger, { port: lanPort, fallbackToAnyPort: values['lan-port'] === undefined, listenHost: lanHost, peers: values.peer, discovery: !values['no-discovery'] });
  } catch (error) {
    fail(`cannot open the data folder ${dataDir}: ${(error as Error).message}`);
  }
  if (!values.utility) peer.lan.onDidStart = (port) => process.stdout.write(`Tandem LAN port: ${port}\n`);
  // Remembered now; relay sync starts with LAN sync, once a workspace is held.
  if (relayUrls !== undefined) await peer.relay.setUrls(relayUrls === 'none' ? null : relayUrls, null);
  try {
    await setUpWorkspace(peer, { join: values.join, workspaceName, rotate: values['rotate-secret'], lanRequired: !values.utility });
  } catch (error) {
    await peer.close();
    fail(error instanceof InviteError ? `the invite code is not valid (${error.messageKey})` : (error as Error).message);
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
    const address = chooseHubAddress({ port: portFlag, token: values.token, newToken: values['new-token'] }, await readHubAddress(dataDir));
    const { token } = address;
    try {
      try {
        hub = await startHubServer({ peer, port: address.port, token, rendererDir, guard });
      } catch (error) {
        // A port the operator named is theirs to free; the remembered one is only a preference.
        if (!address.portIsRemembered || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        hub = await startHubServer({ peer, port: 0, token, rendererDir, guard });
        process.stdout.write(`${portTakenMessage(address.port, hub.port)}\n`);
      }
    } catch (error) {
      await peer.close();
      fail(`cannot listen on 127.0.0.1:${address.port}: ${(error as Error).message}`);
    }
    // A stand-in port is not remembered: the next start tries the old address again, where a tab may wait.
    try {
      await rememberHubAddress(dataDir, { port: address.portIsRemembered ? address.port : hub.port, token });
    } catch (error) {
      logger.warn('could not remember the hub address; the next start may use another one', { error: String(error) });
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

/** Joins, creates or re-keys the workspace as the flags say, starts LAN sync, and prints the invite when there is a new one. */
async function setUpWorkspace(peer: Peer, flags: { join: string | undefined; workspaceName: string | undefined; rotate: boolean; lanRequired: boolean }): Promise<void> {
  // Whoever starts a hub with --join typed the invite: a new key in it is theirs to use.
  if (flags.join !== undefined) await peer.joinWorkspace(flags.join, true);
  if (flags.workspaceName !== undefined) {
    if (peer.identity.workspace) peer.logger.info('this peer already holds a workspace; --create-workspace only prints its invite', { workspaceId: peer.identity.workspace.id });
    else await peer.createWorkspace({ workspaceName: flags.workspaceName, memberName: 'Office hub', team: 'shared', goalsBoardName: 'Goals' });
  }
  try {
    await peer.startLan();
  } catch (error) {
    // The desktop app keeps working on this laptop alone; the hub exists to serve the LAN, so it stops.
    if (flags.lanRequired) throw new Error(`cannot listen for teammates' peers: ${(error as Error).message}`, { cause: error });
    peer.logger.error('LAN sync could not start; working on this laptop alone', { error: String(error) });
  }
  if (flags.rotate) process.stdout.write(`Invite: ${await peer.rotateWorkspaceSecret()}\n`);
  else if (flags.workspaceName !== undefined) process.stdout.write(`Invite: ${await peer.invite()}\n`);
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
