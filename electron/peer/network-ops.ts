// The local link's LAN requests, answered for the peer: the invite code and link, joining a
// workspace by invite as a named member, rotating the secret, the network status, and a
// teammate's address typed in by hand. Refusals carry message keys the renderer translates.
import { PeerRefusal, type WorkspaceIdentity } from '../../shared/api/link';
import * as Y from 'yjs';
import { addPeerArgs, chooseMemberArgs, inviteResultSchema, joinWorkspaceArgs, reachArgs, setRelayArgs, type InviteResult, type NetworkStatus } from '../../shared/api/network';
import { parseRelayUrls } from '../../shared/relay/relay-names';
import { InviteError, inviteLink } from '../../shared/lan/invite';
import { parsePeerAddress } from '../../shared/lan/address';
import { parseInput } from '../../shared/model/validate';
import { readWorkspace, isWorkspaceInitialised, upsertMember } from '../../shared/model/workspace';
import type { Peer } from './peer';
import { toNetworkStatus } from './network-status';

export const NETWORK_OPS = ['get-invite', 'join-workspace', 'choose-member', 'rotate-secret', 'network-status', 'add-peer', 'leave-workspace', 'reach', 'check-reachability', 'set-relay'] as const;
export type NetworkOp = (typeof NETWORK_OPS)[number];

export function isNetworkOp(op: string): op is NetworkOp {
  return (NETWORK_OPS as readonly string[]).includes(op);
}

function inviteResult(code: string): InviteResult {
  return inviteResultSchema.parse({ code, link: inviteLink(code) });
}

/** Answers one LAN request of the local link. */
export async function handleNetworkRequest(peer: Peer, op: NetworkOp, args: unknown): Promise<unknown> {
  switch (op) {
    case 'get-invite':
      return inviteResult(await peer.invite());
    case 'rotate-secret':
      return inviteResult(await peer.rotateWorkspaceSecret());
    case 'network-status':
      return { ...toNetworkStatus(await peer.lanStatus()), relay: peer.relay.status() } satisfies NetworkStatus;
    case 'check-reachability':
      if (!(await peer.lan.checkReachability())) throw new PeerRefusal('lan-off', 'errors.lanOff');
      return { ...toNetworkStatus(await peer.lanStatus()), relay: peer.relay.status() } satisfies NetworkStatus;
    case 'set-relay': {
      const { url } = parseInput(setRelayArgs, args);
      const parsed = url === null ? null : parseRelayUrls(url);
      if (parsed === null && url !== null) throw new PeerRefusal('invalid-relay', 'errors.relayAddress', { address: url.trim().slice(0, 100) });
      await peer.setRelay(parsed);
      return { relay: peer.relay.status() };
    }
    case 'add-peer': {
      const { address } = parseInput(addPeerArgs, args);
      if (!parsePeerAddress(address)) throw new PeerRefusal('invalid-address', 'errors.inviteAddress', { address: address.slice(0, 100) });
      if (!(await peer.lan.addPeer(address))) throw new PeerRefusal('lan-off', 'errors.lanOff');
      return { added: true };
    }
    case 'join-workspace':
      return { workspace: await joinAsMember(peer, args) };
    case 'choose-member':
      return { workspace: await chooseMember(peer, args) };
    case 'reach': {
      const { docId, clocks } = parseInput(reachArgs, args);
      if (!peer.replica.isOpen(docId)) return { teammates: [] };
      // A dormant board is asked about as it is kept, without waking it.
      const dormant = peer.replica.dormantDoc(docId);
      const need = clocks ? new Map(clocks) : Y.decodeStateVector(dormant ? dormant.stateVector : Y.encodeStateVector(await peer.replica.open(docId)));
      return { teammates: peer.lan.reach(docId, need) };
    }
    case 'leave-workspace':
      await peer.leaveWorkspace();
      return { left: true };
  }
}

/**
 * Joins by invite and writes the person into the workspace's members under this laptop's
 * member id. Members are entries of a map keyed by id, so writing one before the workspace
 * has synced merges with it cleanly. A laptop that already holds the workspace keeps its member.
 */
async function joinAsMember(peer: Peer, rawArgs: unknown): Promise<WorkspaceIdentity> {
  const args = parseInput(joinWorkspaceArgs, rawArgs);
  let workspace: WorkspaceIdentity;
  try {
    workspace = await peer.joinWorkspace(args.code, args.as === 'existing' && args.confirmNewSecret === true);
  } catch (error) {
    if (error instanceof InviteError) throw new PeerRefusal('invalid-invite', error.messageKey, error.params);
    throw error;
  }
  if (args.as === 'existing') return workspace;
  const doc = await peer.replica.open(workspace.id);
  const known = isWorkspaceInitialised(doc) && readWorkspace(doc).members.some((m) => m.id === workspace.memberId);
  if (!known) upsertMember(doc, { id: workspace.memberId, name: args.memberName, team: args.team });
  await peer.replica.flush();
  return workspace;
}

/** This laptop's person is an existing member: only one the workspace's member list holds. */
async function chooseMember(peer: Peer, rawArgs: unknown): Promise<WorkspaceIdentity> {
  const { memberId } = parseInput(chooseMemberArgs, rawArgs);
  const workspace = peer.identity.workspace;
  if (!workspace) throw new PeerRefusal('no-workspace', 'errors.backupNoWorkspace');
  const doc = await peer.replica.open(workspace.id);
  if (!isWorkspaceInitialised(doc) || !readWorkspace(doc).members.some((m) => m.id === memberId)) throw new PeerRefusal('unknown-member', 'errors.notFound');
  return peer.useMember(memberId);
}
