// The local peer: the durable replica of every doc, the identity of this laptop, and the
// renderer links it serves. The hub (browser mode) and the Electron utility process both
// run exactly this.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createWorkspaceArgs, PeerRefusal, restoreBackupArgs, workspaceIdentitySchema, type Hello, type PeerNotice, type StoreWrites, type WorkspaceIdentity } from '../../shared/api/link';
import { decodeInvite } from '../../shared/lan/invite';
import { initGoalsBoard } from '../../shared/model/goals/goals';
import { newId } from '../../shared/model/ids';
import { SCHEMA_VERSION } from '../../shared/model/doc';
import { parseInput } from '../../shared/model/validate';
import { initWorkspace, isWorkspaceInitialised, readWorkspace } from '../../shared/model/workspace';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';
import { forgetLeftWorkspace, forgetWorkspaceIdentity, leftWorkspaceIds, loadIdentity, markWorkspaceLeft, saveWorkspaceIdentity, type PeerIdentity } from './identity';
import { lockDataFolder } from './data-lock';
import { LanService, type LanOptions, type LanStatus } from './lan/lan-service';
import { LinkConnection } from './link-connection';
import { RelayService } from './relay/relay-service';
import { createBackup, restoreBackup, type BackupHost } from './workspace-backup';
import type { PeerLogger } from './logger';
import { handleNetworkRequest, isNetworkOp } from './network-ops';
import { NetworkStatusPusher } from './network-status';
import type { PendingDrops } from './pending-bound';
import { PresenceHub, type PresenceStats } from './presence-hub';
import { Replica } from './replica';
import { StoreHealth } from './store-health';
import { ReplicaStore } from './store/replica-store';
import type { LinkTransport } from './transport';

export interface PeerStats {
  links: number;
  presence: PresenceStats;
  protocolErrors: number;
  /** Updates dropped because their predecessors never arrived (so never served to anyone). */
  pendingDropped: PendingDrops;
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
  /** Sync through the company's relay, beside the LAN, when one is set. */
  readonly relay: RelayService;

  private constructor(
    readonly dataDir: string,
    readonly identity: PeerIdentity,
    readonly replica: Replica,
    readonly logger: PeerLogger,
    private readonly unlock: () => Promise<void>,
    lanOptions: LanOptions | null,
    private readonly storeHealth: StoreHealth,
  ) {
    this.presence = new PresenceHub({ logger });
    this.lan = new LanService(
      { dataDir, peerId: identity.peerId, logger, replica, memberId: () => this.identity.workspace?.memberId ?? null, joinPresence: (source) => this.presence.join(source), relayAhead: (docId, update) => this.relayAhead(docId, update) },
      lanOptions,
    );
    this.networkPusher = new NetworkStatusPusher(() => this.lan.status(), (status) => this.links.forEach((link) => link.sendNetworkStatus({ ...status, relay: this.relay.status() })), logger);
    // With no window to push to (a headless hub), the status is not read at all: over thousands of boards a read costs.
    this.lan.onDidChange(() => this.links.size > 0 && this.networkPusher.didChange());
    this.relay = new RelayService({
      dataDir,
      peerId: identity.peerId,
      logger,
      replica,
      memberId: () => this.identity.workspace?.memberId ?? null,
      device: os.hostname().slice(0, 64) || null,
      onDidAck: (docId, ack) => this.lan.didAckThroughRelay(docId, ack),
    });
    this.relay.onDidChange(() => this.links.size > 0 && this.networkPusher.didChange());
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
    const storeHealth = new StoreHealth((state) => ref.peer?.didChangeStoreWrites(state));
    const replica = new Replica(store, logger, {
      onDidSave: (docId, sv, origin) => {
        ref.peer?.links.forEach((link) => link.sendSaved(docId, sv));
        ref.peer?.lan.didSave(docId, sv, origin);
        ref.peer?.relay.didSave(docId, sv);
      },
      onDidRecover: (warning) => {
        logger.warn('a damaged log was recovered; the damaged bytes were set aside', { ...warning });
        ref.peer?.addNotice({ code: 'store-recovered', docId: warning.docId, detail: warning.setAsideFile, at: Date.now() });
      },
      // One notice per doc per run of failures (the replica reports every attempt), made
      // before the state changes so the hello that announces the change carries it.
      onDidFailWrite: (docId, error) => {
        if (!storeHealth.isFailing(docId)) ref.peer?.addNotice({ code: 'store-write-failed', docId, detail: error.message.slice(0, 500), at: Date.now() });
        storeHealth.didFail(docId, error);
      },
      onDidWriteAgain: (docId) => storeHealth.didWrite(docId),
    });
    const peer = new Peer(dataDir, identity, replica, logger, unlock, lan, storeHealth);
    ref.peer = peer;
    // Load the workspace docs now (dormant, encoded), so a damaged file is reported before anyone opens it.
    await replica.loadAll();
    await peer.finishLeaving();
    await peer.relay.load();
    // A workspace from before LAN sync gets its secret now.
    if (identity.workspace) await peer.lan.ensureSecret(identity.workspace.id);
    return peer;
  }

  /** A leave interrupted by a crash (the workspace is marked left but still named): finish it now. */
  private async finishLeaving(): Promise<void> {
    const workspace = this.identity.workspace;
    if (!workspace || !(await leftWorkspaceIds(this.dataDir)).includes(workspace.id)) return;
    this.logger.warn('finishing leaving a workspace that was interrupted', { workspaceId: workspace.id });
    await this.relay.setUrls(null, null);
    await this.lan.forget();
    await this.replica.removeAll();
    this.storeHealth.clear();
    await forgetWorkspaceIdentity(this.dataDir);
    this.identity.workspace = null;
  }

  /** Starts relay sync (if a relay is set) and LAN sync if this peer holds a workspace; rejects when the LAN port cannot be had. */
  async startLan(): Promise<void> {
    if (!this.identity.workspace) return;
    await this.restartRelay();
    await this.lan.start(this.identity.workspace.id);
  }

  /** Uses the relay whose nodes answer at `urls` (null: none) from now on; syncing starts at once if a workspace is held. */
  async setRelay(urls: readonly string[] | null): Promise<void> {
    const workspace = this.identity.workspace;
    await this.relay.setUrls(urls, workspace ? { id: workspace.id, secret: await this.lan.ensureSecret(workspace.id) } : null);
  }

  /** The relay's keys come from the secret: a new secret means a new link. */
  private async restartRelay(): Promise<void> {
    const workspace = this.identity.workspace;
    if (workspace) await this.relay.start(workspace.id, await this.lan.ensureSecret(workspace.id));
  }

  /** See `LanService.status`: `perDoc: false` counts totals only. */
  lanStatus(options?: { perDoc?: boolean }): Promise<LanStatus> {
    return this.lan.status(options);
  }

  /** An invite code to the workspace this peer holds (its id, secret, name and this peer's LAN addresses). */
  async invite(): Promise<string> {
    const workspace = this.identity.workspace;
    if (!workspace) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
    const doc = await this.replica.open(workspace.id);
    return this.lan.invite(workspace.id, isWorkspaceInitialised(doc) ? readWorkspace(doc).name : undefined, this.relay.configuredUrls ?? []);
  }

  /** Joins the workspace an invite names as a new member on this laptop; a newer invite to it replaces the secret. */
  async joinWorkspace(code: string, confirmNewSecret = false): Promise<WorkspaceIdentity> {
    const invite = decodeInvite(code);
    return this.oneWorkspaceChange(async () => {
      const current = this.identity.workspace;
      if (current && current.id !== invite.workspaceId) throw new PeerRefusal('other-workspace', 'errors.joinOtherWorkspace', {}, `invite to ${invite.workspaceId}`);
      // A link that would swap the secret of the workspace held (and so whom this laptop syncs
      // with) is used only once the person confirms it: an ex-member could craft one.
      if (current && !confirmNewSecret && !(await this.lan.holdsSecret(invite.workspaceId, invite.secret))) throw new PeerRefusal('secret-differs', 'errors.inviteNewSecret');
      await this.lan.adoptInvite(invite.workspaceId, invite.secret, invite.addresses);
      // The invite's relay is used unless this laptop was already told which one to use.
      if (invite.relays.length > 0 && !this.relay.configuredUrls) await this.relay.setUrls(invite.relays, null);
      if (current) {
        await this.restartRelay();
        return current;
      }
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
    await this.restartRelay();
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
      // Marked as left first: a crash part-way is finished at the next start (`finishLeaving`).
      await markWorkspaceLeft(this.dataDir, workspace.id);
      await this.relay.setUrls(null, null);
      await this.lan.forget();
      await this.replica.removeAll();
      this.storeHealth.clear();
      await forgetWorkspaceIdentity(this.dataDir);
      this.identity.workspace = null;
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
    return { links: this.links.size, protocolErrors: this.protocolErrors, presence: this.presence.stats(), pendingDropped: this.replica.droppedPending };
  }

  hello(): Hello {
    return { protocol: PROTOCOL_VERSION, appVersion: __TANDEM_VERSION__, peerId: this.peerId, workspace: this.identity.workspace, notices: [...this.notices], storeWrites: this.storeHealth.state };
  }

  /** Writes to disk failed or work again: every window hears (in a new hello); once they work, the failure notices go. */
  private didChangeStoreWrites(state: StoreWrites): void {
    this.logger.info('writes to disk changed', { state });
    if (state === 'ok') for (let i = this.notices.length - 1; i >= 0; i--) if (this.notices[i]!.code === 'store-write-failed') this.notices.splice(i, 1);
    for (const link of this.links) link.sendHello();
  }

  /**
   * A teammate's big update goes to the windows that have its doc open before this peer applies
   * it: each decodes it at the same time rather than one after the other. Windows count what the
   * peer sends them as held by the peer (link-client.ts), which it is once the apply below is done;
   * if the apply refuses it (bytes that do not decode), the window's refuses it too, before
   * changing anything, and its link reconnects. Null when no window has the doc open.
   */
  private async relayAhead(docId: string, update: Uint8Array): Promise<(() => void) | null> {
    const relayed = [...this.links].flatMap((link) => link.relayAhead(docId, update) ?? []);
    if (relayed.length === 0) return null;
    await Promise.all(relayed.map((r) => r.sent));
    return () => relayed.forEach((r) => r.applied());
  }

  /** Serves one renderer over `transport` until it closes. */
  connect(transport: LinkTransport): LinkConnection {
    const link = new LinkConnection(
      {
        logger: this.logger,
        hello: () => this.hello(),
        openDoc: (docId) => this.replica.open(docId),
        settleDoc: (docId) => this.replica.settle(docId),
        holdDoc: (docId) => this.replica.hold(docId),
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
    this.relay.stop();
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
        return createBackup(this.backupHost);
      case 'restore-backup':
        return restoreBackup(this.backupHost, restoreBackupArgs.parse(args), blob ?? new Uint8Array(0));
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

  private get backupHost(): BackupHost {
    return {
      identity: this.identity,
      replica: this.replica,
      logger: this.logger,
      oneWorkspaceChange: (change) => this.oneWorkspaceChange(change),
      takeWorkspace: async (workspace) => {
        await saveWorkspaceIdentity(this.dataDir, workspace);
        this.identity.workspace = workspace;
        await this.didTakeWorkspace();
      },
    };
  }

  private oneWorkspaceChange<T>(change: () => Promise<T>): Promise<T> {
    const result = this.workspaceChange.then(change, change);
    this.workspaceChange = result.catch(() => undefined);
    return result;
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
