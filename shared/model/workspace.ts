// The workspace doc: its name, its members (a person, who may use several laptops), and
// the index of its boards. Mutations validate, then write in one local transaction.
import * as Y from 'yjs';
import { z } from 'zod';
import { SCHEMA_VERSION, entities, entityOrThrow, num, oneOf, str, transactLocal, isReadOnly, docSchemaVersion } from './doc';
import { BOARD_KIND_IDS, isBoardKind, type BoardKind } from './kinds';
import { keyAtEnd, compareOrder } from './order';
import { entityId, LIMITS, parseInput, requiredText, team } from './validate';

export type Team = 'product' | 'operations' | 'shared';
export type { BoardKind };

export interface MemberSnapshot {
  readonly id: string;
  readonly name: string;
  readonly team: Team;
  readonly colour: string;
  readonly joinedAt: number;
}

export interface BoardRef {
  readonly id: string;
  readonly kind: BoardKind;
  readonly name: string;
  readonly order: string;
  readonly archived: boolean;
  /**
   * The board Tandem made with the workspace (its Goals board) while nobody has renamed it: the
   * screen names it in the reader's language rather than by the name stored at creation.
   */
  readonly builtIn: BuiltInBoard | null;
  /** Made by "Try with sample data": archived with the rest of the sample in one step. */
  readonly sample: boolean;
}

/** Boards Tandem makes by itself, named on screen by the reader's language. */
export type BuiltInBoard = 'goals';

/** The names a built-in Goals board was given at creation before boards carried the mark. */
const LEGACY_GOALS_NAMES: readonly string[] = ['Goals', '目标'];

/** A board of a kind this app does not know (a newer Tandem made it): listed, never opened. */
export interface NewerBoardRef {
  readonly id: string;
  readonly name: string;
}

export interface WorkspaceSnapshot {
  readonly name: string;
  readonly schemaVersion: number;
  readonly readOnly: boolean;
  readonly members: readonly MemberSnapshot[];
  readonly boards: readonly BoardRef[];
  /** Boards of kinds from a newer Tandem: opening one as another kind would write into it. */
  readonly newerBoards: readonly NewerBoardRef[];
}

const TEAMS: readonly Team[] = ['product', 'operations', 'shared'];
export const MEMBER_COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'] as const;

const memberInput = z.object({ id: entityId, name: requiredText(LIMITS.name), team });
const initInput = z.object({ name: requiredText(LIMITS.name), member: memberInput, goalsBoard: z.object({ id: entityId, name: requiredText(LIMITS.name) }) });
const memberPatch = z.object({ id: entityId, name: requiredText(LIMITS.name).optional(), team: team.optional() });
const boardInput = z.object({ id: entityId, kind: z.enum(BOARD_KIND_IDS as [BoardKind, ...BoardKind[]], { error: 'errors.invalid' }), name: requiredText(LIMITS.name) });

function colourFor(memberId: string): string {
  let h = 0;
  for (let i = 0; i < memberId.length; i++) h = (h * 31 + memberId.charCodeAt(i)) >>> 0;
  return MEMBER_COLOURS[h % MEMBER_COLOURS.length] as string;
}

/** Fills a new workspace doc: its name, the first member and the Goals board entry. */
export function initWorkspace(doc: Y.Doc, args: z.input<typeof initInput>, now = Date.now()): void {
  const input = parseInput(initInput, args);
  transactLocal(doc, () => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('name', input.name);
    meta.set('createdAt', now);
    writeMember(doc, input.member, now);
    writeBoard(doc, { ...input.goalsBoard, kind: 'goals' });
    (doc.getMap('boards').get(input.goalsBoard.id) as Y.Map<unknown>).set('builtIn', 'goals');
  });
}

/** Adds a member, or updates the name and team of one already there. */
export function upsertMember(doc: Y.Doc, args: z.input<typeof memberInput>, now = Date.now()): void {
  const input = parseInput(memberInput, args);
  transactLocal(doc, () => writeMember(doc, input, now));
}

export function updateMember(doc: Y.Doc, args: z.input<typeof memberPatch>): void {
  const input = parseInput(memberPatch, args);
  transactLocal(doc, () => {
    const member = entityOrThrow(doc.getMap('members'), input.id);
    if (input.name !== undefined) member.set('name', input.name);
    if (input.team !== undefined) member.set('team', input.team);
  });
}

export function renameWorkspace(doc: Y.Doc, name: string): void {
  // Parsed as an object so a refusal names its field, like every other mutation's.
  const { name: value } = parseInput(z.object({ name: requiredText(LIMITS.name) }), { name });
  transactLocal(doc, () => doc.getMap('meta').set('name', value));
}

export function addBoard(doc: Y.Doc, args: z.input<typeof boardInput>): void {
  const input = parseInput(boardInput, args);
  transactLocal(doc, () => writeBoard(doc, input));
}

function writeMember(doc: Y.Doc, input: z.output<typeof memberInput>, now: number): void {
  const members = doc.getMap('members');
  const existing = members.get(input.id);
  const member: Y.Map<unknown> = existing instanceof Y.Map ? (existing as Y.Map<unknown>) : new Y.Map<unknown>();
  if (!(existing instanceof Y.Map)) {
    member.set('id', input.id);
    member.set('joinedAt', now);
    member.set('colour', colourFor(input.id));
    members.set(input.id, member);
  }
  member.set('name', input.name);
  member.set('team', input.team);
}

function writeBoard(doc: Y.Doc, input: { id: string; kind: BoardKind; name: string }): void {
  const boards = doc.getMap('boards');
  if (boards.has(input.id)) return;
  const order = keyAtEnd(readBoards(doc).orders);
  const board = new Y.Map<unknown>();
  board.set('id', input.id);
  board.set('kind', input.kind);
  board.set('name', input.name);
  board.set('order', order);
  board.set('archived', false);
  boards.set(input.id, board);
}

/** The board index, in order. Entries of unknown kinds are set apart, not read as goals boards. */
function readBoards(doc: Y.Doc): { boards: BoardRef[]; newerBoards: NewerBoardRef[]; orders: string[] } {
  const boards: BoardRef[] = [];
  const newer: (NewerBoardRef & { order: string })[] = [];
  const orders: string[] = [];
  for (const [id, b] of entities(doc.getMap('boards'))) {
    const kind = b.get('kind');
    const name = str(b.get('name'));
    const order = str(b.get('order'));
    orders.push(order);
    if (isBoardKind(kind)) boards.push({ id, kind, name, order, archived: b.get('archived') === true, builtIn: b.get('builtIn') === 'goals' && kind === 'goals' ? 'goals' : null, sample: b.get('sample') === true });
    else if (b.get('archived') !== true) newer.push({ id, name, order });
  }
  boards.sort(compareOrder);
  markLegacyBuiltIn(boards);
  return { boards, newerBoards: newer.sort(compareOrder).map(({ id, name }) => ({ id, name })), orders };
}

/**
 * Workspaces made before boards carried the built-in mark: their first goals board still named
 * as Tandem named it at creation is taken as the built-in one.
 */
function markLegacyBuiltIn(boards: BoardRef[]): void {
  if (boards.some((b) => b.builtIn !== null)) return;
  const index = boards.findIndex((b) => b.kind === 'goals');
  const first = boards[index];
  if (first && LEGACY_GOALS_NAMES.includes(first.name)) boards[index] = { ...first, builtIn: 'goals' };
}

export function readWorkspace(doc: Y.Doc): WorkspaceSnapshot {
  const members: MemberSnapshot[] = [];
  for (const [id, m] of entities(doc.getMap('members'))) {
    members.push({ id, name: str(m.get('name')), team: oneOf(m.get('team'), TEAMS, 'shared'), colour: str(m.get('colour'), colourFor(id)), joinedAt: num(m.get('joinedAt')) });
  }
  members.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  const { boards, newerBoards } = readBoards(doc);
  return { name: str(doc.getMap('meta').get('name')), schemaVersion: docSchemaVersion(doc), readOnly: isReadOnly(doc), members, boards, newerBoards };
}

/** True once the workspace doc holds content (it may be empty while the first sync runs). */
export function isWorkspaceInitialised(doc: Y.Doc): boolean {
  return doc.getMap('meta').has('name');
}
