// LAN sync actions of the renderer: the invite (code, link, QR), joining a workspace by invite
// from the first-run screen, rotating the secret, adding a peer by address, and reading the
// network status once on connect (later changes are pushed by the peer, never polled).
import type { WorkspaceIdentity } from '../../shared/api/link';
import { inviteResultSchema, networkStatusSchema, reachResultSchema, type InviteResult, type JoinWorkspaceArgs, type TeammateReach } from '../../shared/api/network';
import { parsePeerAddress } from '../../shared/lan/address';
import { toActionError, type ActionResult, type Runtime } from './runtime';

export interface NetworkActions {
  /** Reads the network status into the store (on every hello). */
  refresh(): Promise<void>;
  getInvite(): Promise<ActionResult<InviteResult>>;
  /** A new secret; teammates must be re-invited with the invite this returns. */
  rotateSecret(): Promise<ActionResult<InviteResult>>;
  /** Joins by invite (a code or a `tandem://join` link) as a new member named `memberName`, then opens the workspace. */
  join(args: JoinWorkspaceArgs): Promise<ActionResult>;
  /** An invite to the workspace this laptop already holds: its secret and addresses replace the old ones. */
  useInvite(code: string, confirmNewSecret?: boolean): Promise<ActionResult>;
  /** This laptop's person is this existing member (after joining as one). */
  chooseMember(memberId: string): Promise<ActionResult>;
  /**
   * Which teammates' laptops hold a board (no `entityId`), or a goal or item as this window
   * last saw it change, and since when.
   */
  reach(boardId: string, entityId?: string): Promise<ActionResult<TeammateReach[]>>;
  /** Checks again whether teammates can reach this laptop's LAN port; the status in the store follows. */
  checkReachability(): Promise<ActionResult>;
  /** Dials a teammate at `host:port`; refused here when it is not an address. */
  addPeer(address: string): Promise<ActionResult<string>>;
  /** Syncs through the relay at `url` from now on (null: no relay); the peer checks the address. */
  setRelay(url: string | null): Promise<ActionResult>;
}

export function createNetworkActions(runtime: Runtime, enterWorkspace: (identity: WorkspaceIdentity) => Promise<void>): NetworkActions {
  const link = runtime.link;
  const inviteRequest = async (op: 'get-invite' | 'rotate-secret'): Promise<ActionResult<InviteResult>> => {
    try {
      return { ok: true, value: inviteResultSchema.parse(await link.request(op, {})) };
    } catch (error) {
      return toActionError(error);
    }
  };
  return {
    async refresh() {
      try {
        runtime.store.setState({ network: networkStatusSchema.parse(await link.request('network-status', {})) });
      } catch {
        // Offline: the next hello asks again.
      }
    },
    getInvite: () => inviteRequest('get-invite'),
    rotateSecret: () => inviteRequest('rotate-secret'),
    async join(args) {
      try {
        const value = await link.request<{ workspace: WorkspaceIdentity }>('join-workspace', args);
        runtime.store.setState({ awaitingJoinedWorkspace: true, choosingMember: args.as === 'existing' });
        await enterWorkspace(value.workspace);
        return { ok: true, value: undefined };
      } catch (error) {
        return toActionError(error);
      }
    },
    async useInvite(code, confirmNewSecret = false) {
      try {
        await link.request('join-workspace', { as: 'existing', code, confirmNewSecret });
        runtime.store.setState({ toast: { id: Date.now(), messageKey: 'join.inviteUsed', params: {}, undoable: false } });
        return { ok: true, value: undefined };
      } catch (error) {
        return toActionError(error);
      }
    },
    async chooseMember(memberId) {
      try {
        // The peer's new hello carries the chosen member; the runtime re-enters the workspace as them.
        await link.request('choose-member', { memberId });
        runtime.store.setState({ choosingMember: false });
        return { ok: true, value: undefined };
      } catch (error) {
        return toActionError(error);
      }
    },
    async reach(boardId, entityId) {
      const board = runtime.boards.get(boardId);
      const clocks = entityId && board ? [...board.marks.of(entityId)] : undefined;
      try {
        return { ok: true, value: reachResultSchema.parse(await link.request('reach', { docId: boardId, ...(clocks ? { clocks } : {}) })).teammates };
      } catch (error) {
        return toActionError(error);
      }
    },
    async checkReachability() {
      try {
        runtime.store.setState({ network: networkStatusSchema.parse(await link.request('check-reachability', {})) });
        return { ok: true, value: undefined };
      } catch (error) {
        return toActionError(error);
      }
    },
    async setRelay(url) {
      const trimmed = url?.trim() ?? null;
      if (trimmed === '') return { ok: false, error: { messageKey: 'errors.relayAddress', field: 'url', params: { address: '' } } };
      try {
        await link.request('set-relay', { url: trimmed });
        runtime.store.setState({ network: networkStatusSchema.parse(await link.request('network-status', {})) });
        return { ok: true, value: undefined };
      } catch (error) {
        return toActionError(error);
      }
    },
    async addPeer(text) {
      const parsed = parsePeerAddress(text.trim());
      if (!parsed) return { ok: false, error: { messageKey: 'errors.inviteAddress', field: 'address', params: { address: text.trim().slice(0, 100) } } };
      try {
        await link.request('add-peer', { address: text.trim() });
        return { ok: true, value: text.trim() };
      } catch (error) {
        return toActionError(error);
      }
    },
  };
}
