// What the renderer learns about LAN sync from its local peer: the `network-status` answer and
// the status the peer pushes (`MessageType.networkStatus`) whenever a teammate connects, leaves
// or acknowledges changes, and the args of the invite, join, rotate and add-peer requests.
import { z } from 'zod';
import { LIMITS, requiredText, team } from '../model/validate';
import { MAX_RELAY_URLS } from '../relay/relay-names';

const text = (max: number) => z.string().max(max);

/** How a teammate's peer was found: by mDNS, typed in, remembered from before, from an invite, or it dialled us. */
export const peerViaSchema = z.enum(['mdns', 'manual', 'remembered', 'invite', 'inbound', 'memory']);
export type PeerVia = z.infer<typeof peerViaSchema>;

/** One teammate's peer, connected or not. Names shown come from the workspace's member list, by `memberId`. */
export const networkPeerSchema = z.object({
  peerId: text(64),
  memberId: text(64).nullable(),
  device: text(64).nullable(),
  address: text(300),
  via: peerViaSchema,
  connected: z.boolean(),
  lastExchangeAt: z.number().nullable(),
  /** Docs of the connection whose first full sync has completed, of all it carries. */
  syncedDocs: z.number().int().min(0),
  docs: z.number().int().min(0),
  /** Changes of this laptop's docs that the teammate has not yet confirmed on disk. */
  pendingChanges: z.number().int().min(0),
});
export type NetworkPeer = z.infer<typeof networkPeerSchema>;

/** An address the peer dials (manual, remembered, from an invite or mDNS). */
export const dialAddressSchema = z.object({
  address: text(300),
  via: peerViaSchema,
  lastGoodAt: z.number().nullable(),
  lastError: text(500).nullable(),
  attempts: z.number().int().min(0),
});

const reachResult = z.enum(['reachable', 'refused', 'timeout', 'unreachable']);
const addressCheckSchema = z.object({ address: text(100), result: reachResult, checkedAt: z.number() });

/** Whether this laptop's LAN port answers: a connect from itself to each address it listens on, and from each teammate that could dial back. */
export const reachabilitySchema = z.object({
  checking: z.boolean(),
  /** When the last full check finished; null before the first. */
  checkedAt: z.number().nullable(),
  self: z.array(addressCheckSchema).max(100),
  fromTeammates: z.array(addressCheckSchema.extend({ peerId: text(64) })).max(1_000),
});
export type Reachability = z.infer<typeof reachabilitySchema>;

/** This laptop's link to the company's relay, when one is set (see docs/relay.md). */
export const relayStatusSchema = z.object({
  /** The node this laptop is connected to, or tries next. */
  url: text(300),
  /** Every node address of the relay, tried in turn when one cannot be reached. */
  urls: z.array(text(300)).max(MAX_RELAY_URLS),
  connected: z.boolean(),
  /** Why the relay refused this workspace: another relay protocol, a token it does not accept, a workspace it does not serve. */
  refusal: z.enum(['relay-protocol', 'relay-token', 'relay-not-served']).nullable(),
  lastExchangeAt: z.number().nullable(),
  /** Docs whose first sync with the relay has not finished since the last connect. */
  docsPending: z.number().int().min(0),
  /** The relay said its disk is full: it keeps what it gets in memory only until it has room. */
  diskFull: z.boolean(),
  /** Blobs from the relay that did not open (tampered, another workspace's) or were replayed, by reason. */
  refusedBlobs: z.record(text(40), z.number().int().min(0)),
});
export type RelayStatus = z.infer<typeof relayStatusSchema>;

/** One node address, or several separated by commas (nodes of one relay, tried in turn); null: no relay. */
export const setRelayArgs = z.object({ url: text(1_000).nullable() });

export const networkStatusSchema = z.object({
  /** LAN sync runs (the peer holds a workspace and was started with LAN). */
  running: z.boolean(),
  lanPort: z.number().int().nullable(),
  /** The LAN port is open, on which host, and whether another machine has ever reached it. */
  listening: z.boolean(),
  reachability: reachabilitySchema.nullable().optional(),
  listenHost: text(100).nullable(),
  inboundFromLan: z.number().int().min(0),
  peers: z.array(networkPeerSchema).max(1_000),
  addresses: z.array(dialAddressSchema).max(1_000),
  discovery: z.object({
    enabled: z.boolean(),
    interfaces: z.array(z.object({ name: text(100), address: text(100) })).max(100),
    /** An mDNS answer from another machine arrived: multicast works on this network. */
    mdnsResponseSeen: z.boolean(),
    peersFound: z.number().int().min(0),
    errors: z.array(text(500)).max(20),
  }),
  /** Per doc, the most changes any connected teammate still lacks. */
  pendingByDoc: z.record(text(128), z.number().int().min(0)),
  /** Per doc: teammates' laptops that have all of it on disk, of all that ever confirmed anything (kept across restarts). */
  reachByDoc: z.record(text(128), z.object({ reached: z.number().int().min(0), of: z.number().int().min(0) })).default({}),
  relay: relayStatusSchema.nullable().default(null),
});
export type NetworkStatus = z.infer<typeof networkStatusSchema>;

export const inviteResultSchema = z.object({ code: text(4_096), link: text(4_200) });
export type InviteResult = z.infer<typeof inviteResultSchema>;

/**
 * Joining from an invite on this laptop: `as: 'new'` adds the person to the workspace's members
 * as `memberName` of `team`; `as: 'existing'` (someone already a member, on another laptop) picks
 * who they are with `choose-member` once the workspace has arrived.
 */
export const joinWorkspaceArgs = z.discriminatedUnion('as', [
  z.object({ as: z.literal('new'), code: z.string().max(4_096), memberName: requiredText(LIMITS.name), team }),
  z.object({
    as: z.literal('existing'),
    code: z.string().max(4_096),
    /** On a laptop already in the workspace: the invite carries another secret, and the person confirmed using it (after a rotation). */
    confirmNewSecret: z.boolean().optional(),
  }),
]);
export type JoinWorkspaceArgs = z.input<typeof joinWorkspaceArgs>;

/** Which of the workspace's members this laptop's person is (after joining as an existing member). */
export const chooseMemberArgs = z.object({ memberId: z.string().min(1).max(64) });

export const addPeerArgs = z.object({ address: z.string().max(300) });

/**
 * Has this reached teammates' laptops? `clocks` are the `[clientId, clock]` pairs of a change
 * (an item's latest edits); omitted, the question is about the whole doc as this peer holds it.
 */
export const reachArgs = z.object({
  docId: text(128),
  clocks: z.array(z.tuple([z.number().int().min(0).max(2 ** 53 - 1), z.number().int().min(0).max(2 ** 53 - 1)])).max(1_000).optional(),
});
export type ReachArgs = z.infer<typeof reachArgs>;

/** One teammate's laptop: is it there, and since when (`reachedBy`: at that time or earlier). */
export const teammateReachSchema = z.object({
  peerId: text(64),
  memberId: text(64).nullable(),
  device: text(64).nullable(),
  connected: z.boolean(),
  reachedAt: z.number().nullable(),
  reachedBy: z.boolean(),
});
export type TeammateReach = z.infer<typeof teammateReachSchema>;
export const reachResultSchema = z.object({ teammates: z.array(teammateReachSchema).max(1_000) });
