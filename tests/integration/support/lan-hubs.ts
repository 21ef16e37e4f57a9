// Real peer processes on loopback for the LAN tests: start hubs that create, join or re-key a
// workspace with fixed LAN ports and manual peers, edit through a real link client, and wait
// until every hub holds identical content (a hash of every doc's JSON, not state vectors).
import type * as Y from 'yjs';
import { decodeInvite, encodeInvite } from '../../../shared/lan/invite';
import { createGoal, isWorkspaceInitialised } from '../../../shared/model';
import { docsHash } from '../../support/doc-hash';
import { removeDir, startHub, tempDataDir, type RunningHub } from '../../support/hub';
import { LinkTestClient } from './link-test-client';
import { freePort } from './tcp-relay';

export interface LanHubOptions {
  readonly dataDir?: string;
  readonly lanPort?: number;
  readonly create?: string;
  readonly join?: string;
  readonly peers?: readonly string[];
  readonly extra?: readonly string[];
}

export interface LanHub extends RunningHub {
  readonly lanPort: number;
}

/** Hubs, clients and folders of one test, all torn down by `cleanup`. */
export class LanTestBed {
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  /** A data folder removed after the test. */
  dataDir(): string {
    const dir = tempDataDir();
    this.cleanups.push(() => removeDir(dir));
    return dir;
  }

  async hub(options: LanHubOptions = {}): Promise<LanHub> {
    const lanPort = options.lanPort ?? (await freePort());
    const lanArgs = ['--lan-host', '127.0.0.1', '--lan-port', String(lanPort), '--no-discovery'];
    if (options.create) lanArgs.push('--create-workspace', options.create);
    if (options.join) lanArgs.push('--join', options.join);
    for (const peer of options.peers ?? []) lanArgs.push('--peer', peer);
    lanArgs.push(...(options.extra ?? []));
    const hub = await startHub({ dataDir: options.dataDir ?? this.dataDir(), lanArgs });
    this.cleanups.push(async () => void (await hub.stop()));
    await hub.waitForOutput(/Tandem LAN port: \d+/);
    return Object.assign(hub, { lanPort });
  }

  async client(hub: RunningHub): Promise<LinkTestClient> {
    const client = await LinkTestClient.connect(hub.port, hub.token);
    this.cleanups.push(() => client.close());
    return client;
  }

  /** Runs `cleanup` (a relay's close, say) with the rest after the test. */
  defer(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  async cleanup(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup();
  }
}

/** The invite a hub printed. */
export async function inviteOf(hub: RunningHub): Promise<string> {
  const [, code] = await hub.waitForOutput(/Invite: (\S+)/);
  return code as string;
}

/** The same invite with other addresses (a relay's, say). */
export function withAddresses(code: string, addresses: string[]): string {
  const { workspaceId, secret, workspaceName, relays, addresses: _ignored } = decodeInvite(code);
  return encodeInvite({ workspaceId, secret, addresses, relays, ...(workspaceName ? { workspaceName } : {}) });
}

/** A poll that gives up after `timeoutMs` with `describe()` in the error. */
export async function eventually(condition: () => boolean | Promise<boolean>, describe: () => string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The workspace doc and every board in its index, as the hub behind `client` holds them. */
export function workspaceDocs(client: LinkTestClient, workspaceId: string, extraDocIds: Iterable<string> = []): Map<string, Y.Doc> {
  const workspace = client.open(workspaceId);
  const docs = new Map<string, Y.Doc>([[workspaceId, workspace]]);
  for (const id of [...workspace.getMap('boards').keys(), ...extraDocIds]) docs.set(id, client.open(id));
  return docs;
}

/** Waits until every client's hub holds the same non-empty workspace; returns the shared hash. */
export async function converged(clients: LinkTestClient[], workspaceId: string, timeoutMs = 25_000): Promise<string> {
  let hashes: string[] = [];
  await eventually(
    () => {
      const ids = new Set(clients.flatMap((c) => [...workspaceDocs(c, workspaceId).keys()]));
      hashes = clients.map((c) => docsHash(workspaceDocs(c, workspaceId, ids)));
      return isWorkspaceInitialised(clients[0]?.open(workspaceId) as Y.Doc) && hashes.every((h) => h === hashes[0]);
    },
    () => `hashes differ: ${hashes.join(' ')}`,
    timeoutMs,
  );
  return hashes[0] as string;
}

/** Waits for the workspace to arrive through `client`'s hub; returns its id and Goals board id. */
export async function joinedWorkspace(client: LinkTestClient): Promise<{ workspaceId: string; boardId: string; memberId: string }> {
  await eventually(() => client.hello?.workspace != null, () => 'no workspace in the hello');
  const { id: workspaceId, memberId } = client.hello?.workspace as { id: string; memberId: string };
  const workspace = client.open(workspaceId);
  await eventually(() => workspace.getMap('boards').size > 0, () => `workspace ${workspaceId} never arrived`);
  const boardId = [...workspace.getMap('boards').keys()][0] as string;
  const board = client.open(boardId);
  await eventually(() => board.getMap('meta').get('kind') === 'goals', () => `board ${boardId} never arrived`);
  return { workspaceId, boardId, memberId };
}

/** Adds a goal through the client and waits until its hub has it on disk. */
export async function addGoal(client: LinkTestClient, boardId: string, title: string, memberId: string): Promise<void> {
  createGoal(client.open(boardId), { title, team: 'shared', period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }, createdBy: memberId });
  await client.waitSaved(boardId);
}

/** Goal titles on a board as the client sees it. */
export function goalTitles(client: LinkTestClient, boardId: string): string[] {
  return [...client.open(boardId).getMap<Y.Map<unknown>>('goals').values()].map((g) => String(g.get('title'))).sort();
}

/** /healthz of a hub. */
export async function health(hub: RunningHub): Promise<{ lanPort: number; workspaceId: string | null; peers: { peerId: string; memberId: string | null; pendingChanges: number; via: string }[]; lanProtocolErrors: number }> {
  return (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json();
}
