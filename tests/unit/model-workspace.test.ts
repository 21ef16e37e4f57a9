// The workspace doc: first-run setup, members on several laptops, renaming, and the board
// index, read defensively when a peer wrote something odd.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBoard,
  initWorkspace,
  isWorkspaceInitialised,
  MEMBER_COLOURS,
  readWorkspace,
  renameBoard,
  renameWorkspace,
  SCHEMA_VERSION,
  updateMember,
  upsertMember,
} from '../../shared/model';
import { expectRefused, peerOrigin } from './support/docs';

const ALICE = { id: 'm_alice', name: 'Alice', team: 'product' } as const;
const INIT = { name: 'Acme', member: ALICE, goalsBoard: { id: 'b_goals', name: 'Goals' } };

function workspace(now = 1_000): Y.Doc {
  const doc = new Y.Doc();
  initWorkspace(doc, INIT, now);
  return doc;
}

describe('setting up a workspace', () => {
  it('names it, adds the first member and lists the Goals board', () => {
    const doc = new Y.Doc();
    expect(isWorkspaceInitialised(doc)).toBe(false);
    initWorkspace(doc, { ...INIT, name: '  Acme  ' }, 1_000);
    expect(isWorkspaceInitialised(doc)).toBe(true);
    const snapshot = readWorkspace(doc);
    expect(snapshot).toMatchObject({ name: 'Acme', schemaVersion: SCHEMA_VERSION, readOnly: false });
    expect(snapshot.members).toEqual([{ ...ALICE, colour: expect.any(String), joinedAt: 1_000 }]);
    expect(MEMBER_COLOURS).toContain(snapshot.members[0]?.colour);
    expect(snapshot.boards).toEqual([{ id: 'b_goals', kind: 'goals', name: 'Goals', order: expect.any(String), archived: false, builtIn: 'goals', sample: false }]);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('marks the Goals board it makes as built-in until someone renames it', () => {
    const doc = workspace();
    addBoard(doc, { id: 'b_more', kind: 'goals', name: 'Goals' });
    expect(readWorkspace(doc).boards.map((b) => b.builtIn)).toEqual(['goals', null]);
    renameBoard(doc, { id: 'b_goals', name: 'Company OKRs' });
    expect(readWorkspace(doc).boards.find((b) => b.id === 'b_goals')?.builtIn).toBeNull();
  });

  it('takes the first goals board of an older workspace, still named as created, as the built-in one', () => {
    const doc = workspace();
    (doc.getMap('boards').get('b_goals') as Y.Map<unknown>).delete('builtIn');
    expect(readWorkspace(doc).boards[0]?.builtIn).toBe('goals');
    (doc.getMap('boards').get('b_goals') as Y.Map<unknown>).set('name', 'Roadmap');
    expect(readWorkspace(doc).boards[0]?.builtIn).toBeNull();
  });

  it('gives a member the same colour on every laptop', () => {
    const a = workspace();
    const b = workspace();
    expect(readWorkspace(a).members[0]?.colour).toBe(readWorkspace(b).members[0]?.colour);
  });

  it.each([
    ['an empty workspace name', { ...INIT, name: '' }, 'errors.required', 'name'],
    ['an 81-character workspace name', { ...INIT, name: 'w'.repeat(81) }, 'errors.tooLong', 'name'],
    ['a member without a name', { ...INIT, member: { ...ALICE, name: '  ' } }, 'errors.required', 'member.name'],
    ['a member in an unknown team', { ...INIT, member: { ...ALICE, team: 'sales' } }, 'errors.invalid', 'member.team'],
    ['a member without an id', { ...INIT, member: { ...ALICE, id: '' } }, 'errors.invalid', 'member.id'],
    ['a Goals board without an id', { ...INIT, goalsBoard: { id: '', name: 'Goals' } }, 'errors.invalid', 'goalsBoard.id'],
    ['a Goals board with a 100,000-character name', { ...INIT, goalsBoard: { id: 'b_goals', name: 'g'.repeat(100_000) } }, 'errors.tooLong', 'goalsBoard.name'],
  ])('refuses %s and writes nothing', (_label, args, messageKey, field) => {
    const doc = new Y.Doc();
    expectRefused(doc, () => initWorkspace(doc, args as typeof INIT), { code: 'invalid-input', messageKey, field });
    expect(isWorkspaceInitialised(doc)).toBe(false);
  });
});

describe('members', () => {
  it('adds a teammate after the first member', () => {
    const doc = workspace(1_000);
    upsertMember(doc, { id: 'm_bob', name: ' Bob ', team: 'operations' }, 2_000);
    expect(readWorkspace(doc).members.map((m) => [m.id, m.name, m.team, m.joinedAt])).toEqual([
      ['m_alice', 'Alice', 'product', 1_000],
      ['m_bob', 'Bob', 'operations', 2_000],
    ]);
  });

  it('updates a member seen again from another laptop, keeping when they joined and their colour', () => {
    const doc = workspace(1_000);
    const colour = readWorkspace(doc).members[0]?.colour;
    upsertMember(doc, { id: 'm_alice', name: 'Alice Liddell', team: 'shared' }, 9_000);
    expect(readWorkspace(doc).members).toEqual([{ id: 'm_alice', name: 'Alice Liddell', team: 'shared', colour, joinedAt: 1_000 }]);
  });

  it('changes only the given fields of a member', () => {
    const doc = workspace();
    updateMember(doc, { id: 'm_alice', team: 'operations' });
    expect(readWorkspace(doc).members[0]).toMatchObject({ name: 'Alice', team: 'operations' });
    updateMember(doc, { id: 'm_alice', name: 'Al' });
    expect(readWorkspace(doc).members[0]).toMatchObject({ name: 'Al', team: 'operations' });
  });

  it('refuses a member that does not exist, an empty name and an unknown team', () => {
    const doc = workspace();
    expectRefused(doc, () => updateMember(doc, { id: 'm_nobody', name: 'X' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
    expectRefused(doc, () => updateMember(doc, { id: 'm_alice', name: ' ' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => upsertMember(doc, { id: 'm_bob', name: '', team: 'product' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => upsertMember(doc, { id: 'm_bob', name: 'Bob', team: 'sales' as 'product' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'team' });
    expectRefused(doc, () => upsertMember(doc, { id: 'x'.repeat(65), name: 'Bob', team: 'product' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'id' });
  });
});

describe('renaming the workspace', () => {
  it('keeps the trimmed new name', () => {
    const doc = workspace();
    renameWorkspace(doc, '  Acme Ops  ');
    expect(readWorkspace(doc).name).toBe('Acme Ops');
  });

  it.each([
    ['an empty name', '', 'errors.required'],
    ['an all-whitespace name', '   ', 'errors.required'],
    ['an 81-character name', 'n'.repeat(81), 'errors.tooLong'],
    ['a 100,000-character name', 'n'.repeat(100_000), 'errors.tooLong'],
    ['a number', 7, 'errors.required'],
  ])('refuses %s', (_label, name, messageKey) => {
    const doc = workspace();
    const error = expectRefused(doc, () => renameWorkspace(doc, name as string), { code: 'invalid-input', messageKey, field: 'name' });
    if (messageKey === 'errors.tooLong') expect(error.params).toEqual({ max: 80 });
  });
});

describe('boards', () => {
  it('lists a new board after the existing ones', () => {
    const doc = workspace();
    addBoard(doc, { id: 'b_feedback', kind: 'feedback', name: 'Customer feedback' });
    addBoard(doc, { id: 'b_goals2', kind: 'goals', name: 'H2 goals' });
    expect(readWorkspace(doc).boards.map((b) => [b.id, b.kind, b.name])).toEqual([
      ['b_goals', 'goals', 'Goals'],
      ['b_feedback', 'feedback', 'Customer feedback'],
      ['b_goals2', 'goals', 'H2 goals'],
    ]);
  });

  it('keeps the existing entry when a board id is added twice', () => {
    const doc = workspace();
    addBoard(doc, { id: 'b_goals', kind: 'feedback', name: 'Other' });
    expect(readWorkspace(doc).boards).toEqual([expect.objectContaining({ id: 'b_goals', kind: 'goals', name: 'Goals' })]);
  });

  it('refuses an unknown kind, an empty name and an empty id', () => {
    const doc = workspace();
    expectRefused(doc, () => addBoard(doc, { id: 'b_x', kind: 'kanban' as 'goals', name: 'X' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'kind' });
    expectRefused(doc, () => addBoard(doc, { id: 'b_x', kind: 'goals', name: '' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => addBoard(doc, { id: '', kind: 'goals', name: 'X' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'id' });
  });
});

describe('reading a workspace a peer wrote oddly', () => {
  it('skips what is not a member or board and fills in safe values', () => {
    const doc = workspace();
    doc.transact(() => {
      doc.getMap('members').set('junk', 42);
      const odd = new Y.Map<unknown>();
      doc.getMap('members').set('m_odd', odd);
      odd.set('name', 12);
      odd.set('team', 'sales');
      odd.set('joinedAt', 'yesterday');
      doc.getMap('boards').set('not-a-board', 'text');
      const board = new Y.Map<unknown>();
      doc.getMap('boards').set('b_odd', board);
      board.set('kind', 'kanban');
      board.set('archived', 'yes');
      doc.getMap('meta').set('name', { nested: true });
      doc.getMap('meta').set('schemaVersion', 'one');
    }, peerOrigin());
    const snapshot = readWorkspace(doc);
    expect(snapshot.name).toBe('');
    expect(snapshot.schemaVersion).toBe(SCHEMA_VERSION);
    expect(snapshot.readOnly).toBe(false);
    expect(snapshot.members.map((m) => m.id)).toEqual(['m_odd', 'm_alice']);
    expect(snapshot.members[0]).toEqual({ id: 'm_odd', name: '', team: 'shared', colour: expect.any(String), joinedAt: 0 });
    // A kind this app does not know is a newer app's board: set apart, never opened as goals.
    expect(snapshot.boards.map((b) => b.id)).toEqual(['b_goals']);
    expect(snapshot.newerBoards).toEqual([{ id: 'b_odd', name: '' }]);
  });
});

describe('a board a newer Tandem made', () => {
  it('is listed apart by name, not read as a goals board, and boards added later go after it', () => {
    const doc = workspace();
    doc.transact(() => {
      const board = new Y.Map<unknown>();
      doc.getMap('boards').set('b_future', board);
      board.set('id', 'b_future');
      board.set('kind', 'timesheets');
      board.set('name', 'Hours');
      board.set('order', 'a5');
      board.set('archived', false);
    }, peerOrigin());
    addBoard(doc, { id: 'b_feedback', kind: 'feedback', name: 'Ideas' });
    const snapshot = readWorkspace(doc);
    expect(snapshot.newerBoards).toEqual([{ id: 'b_future', name: 'Hours' }]);
    expect(snapshot.boards.map((b) => [b.id, b.kind])).toEqual([['b_goals', 'goals'], ['b_feedback', 'feedback']]);
    expect(snapshot.boards[1]!.order > 'a5').toBe(true);
  });
});
