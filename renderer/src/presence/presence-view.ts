// What the presence snapshot means on screen: which teammates are online, who looks at each
// board and who has each goal or feedback item open (and which fields they edit). One entry
// per member however many windows they have, named from the workspace's member list (unknown
// member ids and my own windows are not shown). Lists keep their identity while unchanged, so
// a card re-renders only when its own viewers change.
import type { MemberSnapshot } from '../../../shared/model/workspace';
import type { PresencePeer } from './presence-snapshot';

/** One teammate as presence shows them: an avatar with a name and what they are editing. */
export interface PresenceViewer {
  readonly memberId: string;
  readonly name: string;
  readonly initials: string;
  readonly colour: string;
  /** Fields of the item this viewer is editing (in any of their windows); empty when only viewing. */
  readonly fields: readonly string[];
}

export interface PresenceView {
  /** Teammates online, by name. */
  readonly online: readonly PresenceViewer[];
  /** Teammates looking at each board, by board id. */
  readonly byBoard: ReadonlyMap<string, readonly PresenceViewer[]>;
  /** Teammates with each goal or feedback item open, by item id. */
  readonly byItem: ReadonlyMap<string, readonly PresenceViewer[]>;
}

export const NO_VIEWERS: readonly PresenceViewer[] = Object.freeze([]);
const EMPTY_VIEW: PresenceView = Object.freeze({ online: NO_VIEWERS, byBoard: new Map(), byItem: new Map() });

/** Up to two initials of a name: "Li Wei" → "LW", "Mei" → "M", "李雷" → "李". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? (Array.from(word)[0] ?? '') : '');
  const initials = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return initials.toLocaleUpperCase() || '?';
}

/** A colour of its own for each member id (the same on every laptop), dark enough for white initials: for a member whose colour is unusable. */
export function presenceColour(memberId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < memberId.length; i++) hash = Math.imul(hash ^ memberId.charCodeAt(i), 0x01000193) >>> 0;
  return `hsl(${hash % 360} 60% 38%)`;
}

/** The member's colour (the model derives it from the member id), so an avatar matches the one beside their name; else one from the id here. */
function colourOf(member: MemberSnapshot): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(member.colour) ? member.colour : presenceColour(member.id);
}

function viewerKey(list: readonly PresenceViewer[]): string {
  return list.map((v) => `${v.memberId}\u0000${v.name}\u0000${v.colour}\u0000${v.fields.join(',')}`).join('\u0001');
}

/** Builds one member-deduplicated, name-sorted list per key. */
function group(peers: readonly PresencePeer[], keyOf: (p: PresencePeer) => string | null, names: ReadonlyMap<string, MemberSnapshot>, withFields = false): Map<string, PresenceViewer[]> {
  const fields = new Map<string, Map<string, Set<string>>>();
  for (const peer of peers) {
    const key = keyOf(peer);
    if (key === null || !names.has(peer.memberId)) continue;
    let members = fields.get(key);
    if (!members) fields.set(key, (members = new Map()));
    let set = members.get(peer.memberId);
    if (!set) members.set(peer.memberId, (set = new Set()));
    if (withFields && peer.field) set.add(peer.field);
  }
  const result = new Map<string, PresenceViewer[]>();
  for (const [key, members] of fields) {
    const list = [...members].map(([memberId, set]) => {
      const member = names.get(memberId) as MemberSnapshot;
      return { memberId, name: member.name, initials: initialsOf(member.name), colour: colourOf(member), fields: [...set].sort() };
    });
    list.sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
    result.set(key, list);
  }
  return result;
}

/** Reuses `previous`'s list when the new one reads the same. */
function keep(list: readonly PresenceViewer[] | undefined, previous: readonly PresenceViewer[] | undefined): readonly PresenceViewer[] {
  if (!list || list.length === 0) return NO_VIEWERS;
  if (previous && viewerKey(previous) === viewerKey(list)) return previous;
  return Object.freeze(list.map((v) => Object.freeze({ ...v, fields: Object.freeze(v.fields) })));
}

function keepMap(next: Map<string, PresenceViewer[]>, previous: ReadonlyMap<string, readonly PresenceViewer[]>): ReadonlyMap<string, readonly PresenceViewer[]> {
  const result = new Map<string, readonly PresenceViewer[]>();
  for (const [key, list] of next) result.set(key, keep(list, previous.get(key)));
  return result;
}

/** The presence view of `peers` for me (`myMemberId`), reusing `previous`'s lists where unchanged. */
export function derivePresenceView(peers: readonly PresencePeer[], members: readonly MemberSnapshot[] | undefined, myMemberId: string | undefined, previous: PresenceView = EMPTY_VIEW): PresenceView {
  const names = new Map((members ?? []).filter((m) => m.id !== myMemberId).map((m) => [m.id, m]));
  if (peers.length === 0 || names.size === 0) return EMPTY_VIEW;
  const online = keep(group(peers, () => '', names).get(''), previous.online);
  const byBoard = keepMap(group(peers, (p) => p.boardId, names), previous.byBoard);
  const byItem = keepMap(group(peers, (p) => p.itemId, names, true), previous.byItem);
  return { online, byBoard, byItem };
}

/** A selector of the presence view from the store's inputs, recomputed only when they change. */
export function createPresenceViewSelector(): (peers: readonly PresencePeer[], members: readonly MemberSnapshot[] | undefined, myMemberId: string | undefined) => PresenceView {
  let last: { peers: readonly PresencePeer[]; members: readonly MemberSnapshot[] | undefined; me: string | undefined; view: PresenceView } | null = null;
  return (peers, members, me) => {
    if (last && last.peers === peers && last.members === members && last.me === me) return last.view;
    const view = derivePresenceView(peers, members, me, last?.view);
    last = { peers, members, me, view };
    return view;
  };
}
