// The local peer: the durable replica of every doc, the identity of this laptop, and the
// renderer links it serves. The hub (browser mode) and the Electron utility process both
// run exactly this.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createWorkspaceArgs, workspaceIdentitySchema, type Hello, type PeerNotice, type WorkspaceIdentity } from '../../shared/api/link';
import { initGoalsBoard } from '../../shared/model/goals';
import { newId } from '../../shared/model/ids';
import { SCHEMA_VERSION } from '../../shared/model/doc';
import { parseInput } from '../../shared/model/validate';
import { initWorkspace } from '../../shared/model/workspace';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';
import { loadIdentity, saveWorkspaceIdentity, type PeerIdentity } from './identity';
import { lockDataFolder } from './data-lock';
import { LinkConnection } from './link-connection';
import type { PeerLogger } from './logger';
import { Replica } from './replica';
import { ReplicaStore } from './store/replica-store';
import type { LinkTransport } from './transport';

export interface PeerStats {
  links: number;
  protocolErrors: number;
}

export class Peer {
  private readonly links = new Set<LinkConnection>();
  private readonly notices: PeerNotice[] = [];
  private protocolErrors = 0;
  private creating: Promise<WorkspaceIdentity> | null = null;

  private constructor(
    readonly dataDir: string,
    readonly identity: PeerIdentity,
    readonly replica: Replica,
    readonly logger: PeerLogger,
    private readonly unlock: () => Promise<void>,
  ) {}

  static async start(dataDir: string, logger: PeerLogger): Promise<Peer> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const unlock = await lockDataFolder(dataDir);
    let identity: PeerIdentity;
    let store: ReplicaStore;
    try {
      identity = await loadIdentity(dataDir);
      store = await ReplicaStore.open(dataDir, { logger });
    } catch (error) {
      await unlock();
      throw error;
    }
    // The replica reports to the peer, which is made after it.
    const ref: { peer?: Peer } = {};
    const replica = new Replica(store, logger, {
      onDidSave: (docId, sv) => ref.peer?.links.forEach((link) => link.sendSaved(docId, sv)),
      onDidRecover: (warning) => {
        logger.warn('a damaged log was recovered; the damaged bytes were set aside', { ...warning });
        ref.peer?.addNotice({ code: 'store-recovered', docId: warning.docId, detail: warning.setAsideFile, at: Date.now() });
      },
      onDidFailWrite: (docId, error) => ref.peer?.addNotice({ code: 'store-write-failed', docId, detail: error.message.slice(0, 500), at: Date.now() }),
    });
    const peer = new Peer(dataDir, identity, replica, logger, unlock);
    ref.peer = peer;
    // Load the workspace docs now, so a damaged file is reported before anyone opens it.
    for (const docId of await replica.listDocIds()) await replica.open(docId);
    return peer;
  }

  get peerId(): string {
    return this.identity.peerId;
  }

  stats(): PeerStats {
    return { links: this.links.size, protocolErrors: this.protocolErrors };
  }

  hello(): Hello {
    return { protocol: PROTOCOL_VERSION, appVersion: __TANDEM_VERSION__, peerId: this.peerId, workspace: this.identity.workspace, notices: [...this.notices] };
  }

  /** Serves one renderer over `transport` until it closes. */
  connect(transport: LinkTransport): LinkConnection {
    const link = new LinkConnection(
      {
        logger: this.logger,
        hello: () => this.hello(),
        openDoc: (docId) => this.replica.open(docId),
        savedStateVector: (docId) => this.replica.savedStateVector(docId),
        handleRequest: (op, args) => this.handleRequest(op, args),
        onDidProtocolError: () => this.protocolErrors++,
      },
      transport,
      randomBytes(6).toString('hex'),
    );
    this.links.add(link);
    transport.onClose(() => this.links.delete(link));
    return link;
  }

  async close(): Promise<void> {
    for (const link of this.links) link.close('peer-stopping');
    this.links.clear();
    await this.replica.close();
    await this.unlock();
  }

  private addNotice(notice: PeerNotice): void {
    this.notices.push(notice);
    if (this.notices.length > 100) this.notices.shift();
    for (const link of this.links) link.sendNotice(notice);
  }

  private async handleRequest(op: string, args: unknown): Promise<unknown> {
    switch (op) {
      case 'create-workspace':
        return { workspace: await this.createWorkspace(args) };
      case 'dismiss-notice': {
        const at = (args as { at: number }).at;
        const index = this.notices.findIndex((n) => n.at === at);
        if (index >= 0) this.notices.splice(index, 1);
        return { dismissed: index >= 0 };
      }
      case 'adopt-workspace':
        return { workspace: await this.adoptWorkspace(workspaceIdentitySchema.parse(args)) };
      default:
        throw new Error(`unknown request ${op}`);
    }
  }

  /** Takes back a workspace a renderer still holds after this peer's data folder was wiped. */
  private async adoptWorkspace(workspace: WorkspaceIdentity): Promise<WorkspaceIdentity> {
    if (this.identity.workspace) return this.identity.workspace;
    await saveWorkspaceIdentity(this.dataDir, workspace);
    this.identity.workspace = workspace;
    this.logger.info('workspace adopted from a renderer cache', { workspaceId: workspace.id });
    for (const link of this.links) link.sendHello();
    return workspace;
  }

  /**
   * Creates the workspace this peer holds: its doc (name, first member, Goals board entry)
   * and an empty Goals board, written to disk before the identity file names them. Asking
   * again returns the same workspace.
   */
  private createWorkspace(rawArgs: unknown): Promise<WorkspaceIdentity> {
    if (this.identity.workspace) return Promise.resolve(this.identity.workspace);
    this.creating ??= (async () => {
      const args = parseInput(createWorkspaceArgs, rawArgs);
      const workspace: WorkspaceIdentity = { id: newId('w'), memberId: newId('m') };
      const goalsBoardId = newId('b');
      const boardDoc = await this.replica.open(goalsBoardId);
      initGoalsBoard(boardDoc, SCHEMA_VERSION);
      const wsDoc = await this.replica.open(workspace.id);
      initWorkspace(wsDoc, { name: args.workspaceName, member: { id: workspace.memberId, name: args.memberName, team: args.team }, goalsBoard: { id: goalsBoardId, name: args.goalsBoardName } });
      await this.replica.flush();
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      this.logger.info('workspace created', { workspaceId: workspace.id });
      for (const link of this.links) link.sendHello();
      return workspace;
    })().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }
}
