// Feedback boards: the workspace's board entries (rename, archive, restore), a board doc made
// from each template, and editing its status columns and channels.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBoard,
  addChannel,
  addStatus,
  archiveBoard,
  createFeedbackItem,
  initFeedbackBoard,
  initGoalsBoard,
  initWorkspace,
  moveChannel,
  moveFeedbackItem,
  moveStatus,
  readFeedbackBoard,
  readWorkspace,
  removeChannel,
  removeStatus,
  renameBoard,
  renameChannel,
  renameStatus,
  restoreBoard,
  SCHEMA_VERSION,
} from '../../shared/model';
import { ALICE, itemInput, newFeedbackBoard, undoManagerFor } from './feedback-fixtures';
import { contentHash, expectRefused, replicaOf } from './support/docs';

function workspaceWithFeedbackBoard(): Y.Doc {
  const doc = new Y.Doc();
  initWorkspace(doc, { name: 'Acme', member: { id: ALICE, name: 'Alice', team: 'operations' }, goalsBoard: { id: 'b_goals', name: 'Goals' } });
  addBoard(doc, { id: 'b_feedback', kind: 'feedback', name: 'User feedback' });
  return doc;
}

const boardEntry = (doc: Y.Doc) => readWorkspace(doc).boards.find((b) => b.id === 'b_feedback');

describe('board entries in the workspace', () => {
  it('renames a feedback board', () => {
    const doc = workspaceWithFeedbackBoard();
    renameBoard(doc, { id: 'b_feedback', name: '  App store reviews ' });
    expect(boardEntry(doc)).toMatchObject({ kind: 'feedback', name: 'App store reviews', archived: false });
  });

  it('archives a board and restores it as it was', () => {
    const doc = workspaceWithFeedbackBoard();
    archiveBoard(doc, { id: 'b_feedback' });
    expect(boardEntry(doc)?.archived).toBe(true);
    restoreBoard(doc, { id: 'b_feedback' });
    expect(boardEntry(doc)).toMatchObject({ name: 'User feedback', archived: false });
  });

  it('writes nothing when archiving an archived board again', () => {
    const doc = workspaceWithFeedbackBoard();
    archiveBoard(doc, { id: 'b_feedback' });
    const before = contentHash(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    archiveBoard(doc, { id: 'b_feedback' });
    expect(updates).toHaveLength(0);
    expect(contentHash(doc)).toBe(before);
  });

  it.each([
    ['renaming an unknown board', (d: Y.Doc) => renameBoard(d, { id: 'b_nope', name: 'X' }), 'not-found', 'errors.notFound', 'id'],
    ['an empty board name', (d: Y.Doc) => renameBoard(d, { id: 'b_feedback', name: '   ' }), 'invalid-input', 'errors.required', 'name'],
    ['an 81-character board name', (d: Y.Doc) => renameBoard(d, { id: 'b_feedback', name: 'n'.repeat(81) }), 'invalid-input', 'errors.tooLong', 'name'],
    ['archiving an unknown board', (d: Y.Doc) => archiveBoard(d, { id: 'b_nope' }), 'not-found', 'errors.notFound', 'id'],
    ['restoring a board without an id', (d: Y.Doc) => restoreBoard(d, { id: '' }), 'invalid-input', 'errors.invalid', 'id'],
  ] as const)('refuses %s and changes nothing', (_label, mutate, code, messageKey, field) => {
    const doc = workspaceWithFeedbackBoard();
    expectRefused(doc, () => mutate(doc), { code, messageKey, field });
  });
});

describe('a board made from a template', () => {
  it('has the default columns in order, with Declined and Merged last', () => {
    const snapshot = readFeedbackBoard(newFeedbackBoard('user'));
    expect(snapshot.statuses.map((s) => [s.id, s.kind])).toEqual([
      ['new', 'open'], ['under-review', 'open'], ['planned', 'open'], ['in-progress', 'open'], ['done', 'done'], ['declined', 'declined'], ['merged', 'merged'],
    ]);
    expect(snapshot.statuses.every((s) => s.key === s.id)).toBe(true);
    expect(snapshot.columns.map((c) => c.status.id)).toEqual(snapshot.statuses.map((s) => s.id));
    expect(snapshot).toMatchObject({ source: 'user', schemaVersion: SCHEMA_VERSION, readOnly: false });
  });

  it.each([
    ['user', ['support', 'survey', 'interview', 'app-review', 'sales', 'social']],
    ['internal', ['product', 'operations', 'engineering', 'sales']],
    ['blank', []],
  ] as const)('gives a %s board its template channels as translatable keys', (source, keys) => {
    const snapshot = readFeedbackBoard(newFeedbackBoard(source));
    expect(snapshot.source).toBe(source);
    expect(snapshot.channels.map((c) => c.key)).toEqual(keys);
    expect(snapshot.channels.map((c) => c.id)).toEqual(keys);
  });

  it('writes the same entities when two laptops initialise the same board', () => {
    const a = newFeedbackBoard('internal', 1);
    const b = newFeedbackBoard('internal', 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readFeedbackBoard(a).statuses).toHaveLength(7);
    expect(readFeedbackBoard(a).channels).toHaveLength(4);
  });

  it('leaves a board alone when initialised again', () => {
    const doc = newFeedbackBoard('user');
    const before = contentHash(doc);
    initFeedbackBoard(doc, { source: 'internal' });
    expect(contentHash(doc)).toBe(before);
  });

  it('refuses an unknown template and a goals board', () => {
    expectRefused(new Y.Doc(), () => initFeedbackBoard(new Y.Doc(), { source: 'partners' as 'user' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'source' });
    const goals = new Y.Doc();
    initGoalsBoard(goals, SCHEMA_VERSION);
    expectRefused(goals, () => initFeedbackBoard(goals, { source: 'user' }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'kind' });
  });

  it('is not undone by the undo manager', () => {
    const doc = new Y.Doc();
    const undo = undoManagerFor(doc);
    initFeedbackBoard(doc, { source: 'user' });
    expect(undo.canUndo()).toBe(false);
  });
});

describe('editing status columns', () => {
  it('adds a status at the end, renames and reorders it', () => {
    const doc = newFeedbackBoard();
    const id = addStatus(doc, { name: ' Needs info ', kind: 'open' });
    expect(readFeedbackBoard(doc).statuses.at(-1)).toMatchObject({ id, key: null, name: 'Needs info', kind: 'open' });
    moveStatus(doc, { id, toIndex: 1 });
    renameStatus(doc, { id: 'under-review', name: 'Triage' });
    const statuses = readFeedbackBoard(doc).statuses;
    expect(statuses.map((s) => s.name).slice(0, 3)).toEqual(['New', 'Needs info', 'Triage']);
    expect(statuses[2]).toMatchObject({ id: 'under-review', key: null });
  });

  it('removes an empty status', () => {
    const doc = newFeedbackBoard();
    removeStatus(doc, { id: 'planned' });
    expect(readFeedbackBoard(doc).statuses.map((s) => s.id)).not.toContain('planned');
  });

  it('refuses to remove a status that shows a card, naming how many', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput());
    moveFeedbackItem(doc, { id, statusId: 'planned', toIndex: 0, actorId: ALICE });
    expectRefused(doc, () => removeStatus(doc, { id: 'planned' }), { code: 'invalid-input', messageKey: 'errors.statusInUse', field: 'id', params: { count: 1 } });
  });

  it('refuses to remove the Merged status, which merging needs, even when empty', () => {
    const doc = newFeedbackBoard();
    expectRefused(doc, () => removeStatus(doc, { id: 'merged' }), { code: 'invalid-input', messageKey: 'errors.statusRequired', field: 'id' });
  });

  it('refuses to remove the last status that is not Merged', () => {
    const doc = newFeedbackBoard();
    for (const id of ['new', 'under-review', 'planned', 'in-progress', 'done']) removeStatus(doc, { id });
    expectRefused(doc, () => removeStatus(doc, { id: 'declined' }), { code: 'invalid-input', messageKey: 'errors.statusRequired', field: 'id' });
  });

  it.each([
    ['a status named with spaces only', (d: Y.Doc) => addStatus(d, { name: '  ' }), 'invalid-input', 'errors.required', 'name'],
    ['a second Merged status', (d: Y.Doc) => addStatus(d, { name: 'Dupes', kind: 'merged' as 'open' }), 'invalid-input', 'errors.invalid', 'kind'],
    ['renaming an unknown status', (d: Y.Doc) => renameStatus(d, { id: 'st_nope', name: 'X' }), 'not-found', 'errors.notFound', 'id'],
    ['moving a status to index −1', (d: Y.Doc) => moveStatus(d, { id: 'new', toIndex: -1 }), 'invalid-input', 'errors.invalid', 'toIndex'],
    ['moving a status to index NaN', (d: Y.Doc) => moveStatus(d, { id: 'new', toIndex: Number.NaN }), 'invalid-input', 'errors.invalid', 'toIndex'],
    ['removing an unknown status', (d: Y.Doc) => removeStatus(d, { id: 'st_nope' }), 'not-found', 'errors.notFound', 'id'],
  ] as const)('refuses %s and changes nothing', (_label, mutate, code, messageKey, field) => {
    const doc = newFeedbackBoard();
    expectRefused(doc, () => mutate(doc), { code, messageKey, field });
  });
});

describe('editing channels', () => {
  it('adds a custom channel, renames a template one and reorders them', () => {
    const doc = newFeedbackBoard('user');
    const partner = addChannel(doc, { name: 'Partner calls' });
    renameChannel(doc, { id: 'social', name: 'WeChat' });
    moveChannel(doc, { id: partner, toIndex: 0 });
    const channels = readFeedbackBoard(doc).channels;
    expect(channels[0]).toMatchObject({ id: partner, key: null, name: 'Partner calls' });
    expect(channels.find((c) => c.id === 'social')).toMatchObject({ key: null, name: 'WeChat' });
  });

  it('removes a channel no item uses, and refuses one in use', () => {
    const doc = newFeedbackBoard('user');
    createFeedbackItem(doc, itemInput({ channelId: 'survey' }));
    removeChannel(doc, { id: 'social' });
    expect(readFeedbackBoard(doc).channels.map((c) => c.id)).not.toContain('social');
    expectRefused(doc, () => removeChannel(doc, { id: 'survey' }), { code: 'invalid-input', messageKey: 'errors.channelInUse', field: 'id', params: { count: 1 } });
  });

  it('refuses edits of unknown channels and over-long names', () => {
    const doc = newFeedbackBoard('blank');
    expectRefused(doc, () => renameChannel(doc, { id: 'support', name: 'X' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
    expectRefused(doc, () => addChannel(doc, { name: 'c'.repeat(81) }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'name', params: { max: 80 } });
    expectRefused(doc, () => removeChannel(doc, { id: 'support' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
  });
});

describe('a board saved by a newer Tandem', () => {
  it('refuses every edit and stays byte-identical', () => {
    const doc = newFeedbackBoard();
    const newer = replicaOf(doc);
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectRefused(newer, () => addStatus(newer, { name: 'Later' }), { code: 'schema-too-new', messageKey: 'errors.schemaTooNew', field: undefined });
    expectRefused(newer, () => createFeedbackItem(newer, itemInput()), { code: 'schema-too-new', messageKey: 'errors.schemaTooNew', field: undefined });
    expect(readFeedbackBoard(newer).readOnly).toBe(true);
  });
});
