// The local peer: the durable replica of every doc, the identity of this laptop, and the
// renderer links it serves. The hub (browser mode) and the Electron utility process both
// run exactly this.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as Y from 'yjs';
import {
  createWorkspaceArgs, PeerRefusal, restoreBackupArgs, workspaceIdentitySchema,
  type CreateBackupResult, type Hello, type PeerNotice, type RestoreBackupArgs, type RestoreBackupResult, type WorkspaceIdentity,
} from '../../shared/api/link';
import { decodeInvite } from '../../shared/lan/invite';
import { initGoalsBoard } from '../../shared/model/goals';
import { newId } from '../../shared/model/ids';
import { SCHEMA_VERSION } from '../../shared/model/doc';
import { ModelError } from '../../shared/model/errors';
import type { TxOrigin } from '../../shared/model/origin';
import { parseInput } from '../../shared/model/validate';
import { initWorkspace, isWorkspaceInitialised, readWorkspace } from '../../shared/model/workspace';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';
import { decodeBackup, encodeBackup, type DecodedBackup } from './backup';
import { forgetLeftWorkspace, forgetWorkspaceIdentity, leftWorkspaceIds, loadIdentity, saveWorkspaceIdentity, type PeerIdentity } from './identity';
import { lockDataFolder } from './data-lock';
import { LanService, type LanOptions, type LanStatus } from './lan/lan-service';
import { BlobReply, LinkConnection } from './link-connection';
import type { PeerLogger } from './logger';
import { handleNetworkRequest, isNetworkOp } from './network-ops';
import { NetworkStatusPusher } from './network-status';
import { PresenceHub, type PresenceStats } from './presence-hub';
import { Replica } from './replica';
import { ReplicaStore } from './store/replica-store';
import type { LinkTransport } from './transport';

/** A restored backup arrives like a teammate's edits: from outside this laptop, so every window gets it. */
const RESTORE_ORIGIN: TxOrigin = Object.freeze({ source: 'peer', peerId: 'backup' });

function stateVectorCovers(have: Uint8Array, need: Uint8Array): boolean {
  const haveMap = Y.decodeStateVector(have);
  for (const [client, clock] of Y.decodeStateVector(need)) if ((haveMap.get(client) ?? 0) < clock) return false;
  return true;
}

export interface PeerStats {
  links: number;
  presence: PresenceStats;
  protocolErrors: number;
}

export class Peer {
  private readonly links = new Set<LinkConnection>();
  private readonly notices: PeerNotice[] = [];
  private protocolErrors = 0;
  private creating: Promise<WorkspaceIdentity> | null = null;
  /** Changes of the workspace this peer holds (create, adopt, restore, join) run one at a time. */
  private workspaceChange: Promise<unknown> = Promise.resolve();
  /** LAN sync with teammates' peers, and the workspace secret it needs. */
  readonly lan: LanService;
  private readonly networkPusher: NetworkStatusPusher;
  /** Who is looking at what, relayed between this peer's windows and teammates' peers. */
  readonly presence: PresenceHub;

  private constructor(
    readonly dataDir: string,
    readonly identity: PeerIdentity,
    readonly replica: Replica,
    readonly logger: PeerLogger,
    private readonly unlock: () => Promise<void>,
    lanOptions: LanOptions | null,
  ) {
    this.presence = new PresenceHub({ logger });
    this.lan = new LanService({ dataDir, peerId: identity.peerId, logger, replica, memberId: () => this.identity.workspace?.memberId ?? null, joinPresence: (source) => this.presence.join(source) }, lanOptions);
    this.networkPusher = new NetworkStatusPusher(() => this.lan.status(), (status) => this.links.forEach((link) => link.sendNetworkStatus(status)), logger);
    this.lan.onDidChange(() => this.networkPusher.didChange());
  }

  /** Opens the data folder. With `lan`, the peer syncs with teammates once `startLan()` is called or it takes a workspace. */
  static async start(dataDir: string, logger: PeerLogger, lan: LanOptions | null = null): Promise<Peer> {
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
      onDidSave: (docId, sv) => {
        ref.peer?.links.forEach((link) => link.sendSaved(docId, sv));
        ref.peer?.lan.didSave(docId, sv);
      },
      onDidRecover: (warning) => {
        logger.warn('a damaged log was recovered; the damaged bytes were set aside', { ...warning });
        ref.peer?.addNotice({ code: 'store-recovered', docId: warning.docId, detail: warning.setAsideFile, at: Date.now() });
      },
      onDidFailWrite: (docId, error) => ref.peer?.addNotice({ code: 'store-write-failed', docId, detail: error.message.slice(0, 500), at: Date.now() }),
    });
    const peer = new Peer(dataDir, identity, replica, logger, unlock, lan);
    ref.peer = peer;
    // Load the workspace docs now, so a damaged file is reported before anyone opens it.
    for (const docId of await replica.listDocIds()) await replica.open(docId);
    // A workspace from before LAN sync gets its secret now.
    if (identity.workspace) await peer.lan.ensureSecret(identity.workspace.id);
    return peer;
  }

  /** Starts LAN sync if this peer holds a workspace; rejects when the LAN port cannot be had. */
  startLan(): Promise<void> {
    return this.identity.workspace ? this.lan.start(this.identity.workspace.id) : Promise.resolve();
  }

  lanStatus(): Promise<LanStatus> {
    return this.lan.status();
  }

  /** An invite code to the workspace this peer holds (its id, secret, name and this peer's LAN addresses). */
  async invite(): Promise<string> {
    const workspace = this.identity.workspace;
    if (!workspace) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
    const doc = await this.replica.open(workspace.id);
    return this.lan.invite(workspace.id, isWorkspaceInitialised(doc) ? readWorkspace(doc).name : undefined);
  }

  /** Joins the workspace an invite names as a new member on this laptop; a newer invite to it replaces the secret. */
  async joinWorkspace(code: string): Promise<WorkspaceIdentity> {
    const invite = decodeInvite(code);
    return this.oneWorkspaceChange(async () => {
      const current = this.identity.workspace;
      if (current && current.id !== invite.workspaceId) throw new PeerRefusal('other-workspace', 'errors.joinOtherWorkspace', {}, `invite to ${invite.workspaceId}`);
      await this.lan.adoptInvite(invite.workspaceId, invite.secret, invite.addresses);
      if (current) return current;
      const workspace: WorkspaceIdentity = { id: invite.workspaceId, memberId: newId('m') };
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      this.logger.info('workspace joined by invite', { workspaceId: workspace.id });
      await this.didTakeWorkspace();
      return workspace;
    });
  }

  /** This laptop's person is `memberId` of the workspace held (chosen after joining as an existing member). */
  useMember(memberId: string): Promise<WorkspaceIdentity> {
    return this.oneWorkspaceChange(async () => {
      const current = this.identity.workspace;
      if (!current) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
      if (current.memberId === memberId) return current;
      const workspace: WorkspaceIdentity = { id: current.id, memberId };
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      this.logger.info('this laptop now speaks for an existing member', { workspaceId: workspace.id });
      for (const link of this.links) link.sendHello();
      return workspace;
    });
  }

  /** A new LAN secret: connections made with the old one close, and peers holding it are refused. Returns the new invite. */
  async rotateWorkspaceSecret(): Promise<string> {
    const workspace = this.identity.workspace;
    if (!workspace) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
    await this.lan.rotateSecret(workspace.id);
    return this.invite();
  }

  /**
   * This laptop leaves its workspace: LAN sync stops, the secret, remembered addresses and
   * every doc are deleted, and every window hears that there is no workspace any more.
   * Teammates keep their copies; joining again by invite brings everything back.
   */
  leaveWorkspace(): Promise<void> {
    return this.oneWorkspaceChange(async () => {
      const workspace = this.identity.workspace;
      if (!workspace) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
      await this.lan.forget();
      await forgetWorkspaceIdentity(this.dataDir, workspace.id);
      this.identity.workspace = null;
      await this.replica.removeAll();
      this.logger.info('this laptop left the workspace; its copy was deleted', { workspaceId: workspace.id });
      // Each window drops its doc sessions and reconnects to hear there is no workspace; after
      // this turn, so the window that asked gets its answer first.
      setTimeout(() => this.links.forEach((link) => link.close('workspace-left')), 0);
    });
  }

  get peerId(): string {
    return this.identity.peerId;
  }

  stats(): PeerStats {
    return { links: this.links.size, protocolErrors: this.protocolErrors, presence: this.presence.stats() };
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
        holdsWorkspace: () => this.identity.workspace !== null,
        savedStateVector: (docId) => this.replica.savedStateVector(docId),
        handleRequest: (op, args, blob) => this.handleRequest(op, args, blob),
        onDidProtocolError: () => this.protocolErrors++,
        joinPresence: (source) => this.presence.join(source),
      },
      transport,
      randomBytes(6).toString('hex'),
    );
    this.links.add(link);
    transport.onClose(() => this.links.delete(link));
    return link;
  }

  async close(): Promise<void> {
    this.networkPusher.stop();
    this.presence.stop();
    await this.lan.stop();
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

  private async handleRequest(op: string, args: unknown, blob?: Uint8Array): Promise<unknown> {
    if (isNetworkOp(op)) return handleNetworkRequest(this, op, args);
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
      case 'create-backup':
        return this.createBackup();
      case 'restore-backup':
        return this.restoreBackup(restoreBackupArgs.parse(args), blob ?? new Uint8Array(0));
      default:
        throw new Error(`unknown request ${op}`);
    }
  }

  /** Takes back a workspace a renderer still holds after this peer's data folder was wiped. */
  private adoptWorkspace(workspace: WorkspaceIdentity): Promise<WorkspaceIdentity> {
    return this.oneWorkspaceChange(async () => {
      if (this.identity.workspace) return this.identity.workspace;
      // A window that was closed while this laptop left the workspace must not bring it back.
      if ((await leftWorkspaceIds(this.dataDir)).includes(workspace.id)) throw new PeerRefusal('left-workspace', 'errors.workspaceLeft', {}, workspace.id);
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      this.logger.info('workspace adopted from a renderer cache', { workspaceId: workspace.id });
      await this.didTakeWorkspace();
      return workspace;
    });
  }

  /** This peer holds a workspace now: it gets a LAN secret (if it has none), LAN sync starts, and every window hears. */
  private async didTakeWorkspace(): Promise<void> {
    const workspace = this.identity.workspace;
    if (workspace) {
      await forgetLeftWorkspace(this.dataDir, workspace.id);
      await this.lan.ensureSecret(workspace.id);
      this.startLan().catch((error: unknown) => this.logger.error('LAN sync could not start', { error: String(error) }));
    }
    for (const link of this.links) link.sendHello();
  }

  private oneWorkspaceChange<T>(change: () => Promise<T>): Promise<T> {
    const result = this.workspaceChange.then(change, change);
    this.workspaceChange = result.catch(() => undefined);
    return result;
  }

  /** The whole workspace as one backup file: every doc this peer holds, with every write flushed first. */
  private async createBackup(): Promise<BlobReply<Omit<CreateBackupResult, 'blob'>>> {
    const workspace = this.identity.workspace;
    const workspaceDoc = workspace ? await this.replica.open(workspace.id) : null;
    if (!workspace || !workspaceDoc || !isWorkspaceInitialised(workspaceDoc)) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
    await this.replica.flush();
    const docs: { id: string; doc: Y.Doc }[] = [];
    for (const id of new Set([workspace.id, ...(await this.replica.listDocIds())])) docs.push({ id, doc: await this.replica.open(id) });
    // Encoded with no await in between, so the file holds one moment of every doc.
    const snapshot = readWorkspace(workspaceDoc);
    const createdAt = Date.now();
    // A doc that was only ever opened holds nothing worth a place in the file.
    const held = docs.filter(({ doc }) => doc.store.clients.size > 0);
    const bytes = encodeBackup({ workspaceId: workspace.id, workspaceName: snapshot.name, appVersion: __TANDEM_VERSION__, createdAt, docs: held });
    this.logger.info('backup created', { workspaceId: workspace.id, docs: held.length, bytes: bytes.byteLength });
    return new BlobReply({ workspaceName: snapshot.name, createdAt, boards: snapshot.boards.filter((b) => !b.archived).length }, bytes);
  }

  /**
   * Checks a backup file completely; in `restore` mode then writes it, into an empty install
   * or merged into the same workspace (Yjs updates are idempotent, so even an older backup
   * loses nothing). A backup of another workspace is refused. Nothing is written unless every
   * check passed.
   */
  private async restoreBackup(args: RestoreBackupArgs, file: Uint8Array): Promise<RestoreBackupResult> {
    const backup = decodeBackup(file);
    const check = () => {
      const current = this.identity.workspace;
      if (current && current.id !== backup.header.workspaceId) {
        throw new PeerRefusal('other-workspace', 'errors.backupOtherWorkspace', { name: backup.contents.workspaceName }, `backup of ${backup.header.workspaceId}`);
      }
      return { summary: { ...backup.contents, target: current ? ('same-workspace' as const) : ('empty' as const) } };
    };
    if (args.mode === 'inspect') return check();
    return this.oneWorkspaceChange(async () => {
      const { summary } = check();
      return { summary, workspace: await this.writeBackup(backup, args.memberId) };
    });
  }

  /**
   * Writes a checked backup through the replica (so every doc is fsynced), then names the
   * workspace. On an empty install the person is the member they chose from the backup's
   * list (default: its first member, who made the workspace); a peer that already holds the
   * workspace keeps its own member id.
   */
  private async writeBackup(backup: DecodedBackup, chosenMemberId: string | undefined): Promise<WorkspaceIdentity> {
    const current = this.identity.workspace;
    const members = backup.contents.members;
    if (!current && chosenMemberId !== undefined && !members.some((m) => m.id === chosenMemberId)) throw new ModelError('invalid-input', 'errors.invalid', 'memberId');
    const workspace: WorkspaceIdentity = current ?? { id: backup.header.workspaceId, memberId: chosenMemberId ?? (members[0]?.id as string) };
    // Open every doc before changing any, so a store that cannot open one stops the restore untouched.
    const targets: { doc: Y.Doc; update: Uint8Array }[] = [];
    for (const { id, update } of backup.docs) targets.push({ doc: await this.replica.open(id), update });
    for (const { doc, update } of targets) Y.applyUpdate(doc, update, RESTORE_ORIGIN);
    await this.replica.flush();
    for (const { doc } of targets) {
      if (!stateVectorCovers(await this.replica.savedStateVector(doc.guid), Y.encodeStateVector(doc))) throw new PeerRefusal('write-failed', 'errors.backupWriteFailed', {}, `doc ${doc.guid}`);
    }
    if (!current) {
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      await this.didTakeWorkspace();
    }
    this.logger.info('workspace restored from a backup', { workspaceId: workspace.id, docs: targets.length, merged: current !== null });
    return workspace;
  }

  /**
   * Creates the workspace this peer holds: its doc (name, first member, Goals board entry)
   * and an empty Goals board, written to disk before the identity file names them. Asking
   * again returns the same workspace.
   */
  createWorkspace(rawArgs: unknown): Promise<WorkspaceIdentity> {
    if (this.identity.workspace) return Promise.resolve(this.identity.workspace);
    this.creating ??= this.oneWorkspaceChange(async () => {
      if (this.identity.workspace) return this.identity.workspace;
      const args = parseInput(createWorkspaceArgs, rawArgs);
      const workspace: WorkspaceIdentity = { id: newId('w'), memberId: newId('m') };
      const goalsBoardId = newId('b');
      const boardDoc = await this.replica.open(goalsBoardId);
      initGoalsBoard(boardDoc, SCHEMA_VERSION);
      const wsDoc = await this.replica.open(workspace.id);
      initWorkspace(wsDoc, { name: args.workspaceName, member: { id: workspace.memberId, name: args.memberName, team: args.team }, goalsBoard: { id: goalsBoardId, name: args.goalsBoardName } });
      await this.replica.flush();
      await this.lan.ensureSecret(workspace.id);
      await saveWorkspaceIdentity(this.dataDir, workspace);
      this.identity.workspace = workspace;
      this.logger.info('workspace created', { workspaceId: workspace.id });
      await this.didTakeWorkspace();
      return workspace;
    }).finally(() => {
      this.creating = null;
    });
    return this.creating;
  }
}
