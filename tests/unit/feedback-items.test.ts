// Feedback items: creating, editing only what changed, moving cards between and within
// columns (with the move in the activity log), linking goals, and refusing bad input.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFeedbackItem,
  feedbackItemsOf,
  linkGoal,
  mergeItems,
  moveFeedbackItem,
  readFeedbackBoard,
  unlinkGoal,
  updateFeedbackItem,
  type CreateFeedbackItemInput,
} from '../../shared/model';
import { ALICE, BOB, columnTitles, item, itemInput, newFeedbackBoard } from './feedback-fixtures';
import { expectRefused, replicaOf, syncBoth } from './support/docs';

describe('creating an item', () => {
  it('stores every field and puts the card at the bottom of New', () => {
    const doc = newFeedbackBoard();
    const first = createFeedbackItem(doc, itemInput({ title: 'First' }), 1_000);
    const id = createFeedbackItem(doc, {
      title: '  Dark mode  ', description: 'Asked by many night-shift agents', channelId: 'app-review', customer: ' Acme Corp ', tags: ['ui', ' accessibility ', 'ui'],
      ownerId: BOB, importance: 3, impact: 4, effort: 2, createdBy: ALICE,
    }, 2_000);
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, id)).toMatchObject({
      title: 'Dark mode', description: 'Asked by many night-shift agents', channelId: 'app-review', customer: 'Acme Corp', tags: ['accessibility', 'ui'],
      ownerId: BOB, importance: 3, impact: 4, effort: 2, statusId: 'new', columnId: 'new', createdBy: ALICE, createdAt: 2_000, mergedInto: null,
      voters: [], voteCount: 0, commentCount: 0, links: [],
    });
    expect(item(snapshot, id).activity.map((a) => [a.kind, a.to, a.actorId, a.at])).toEqual([['created', 'new', ALICE, 2_000]]);
    expect(snapshot.columns[0]?.items.map((i) => i.id)).toEqual([first, id]);
  });

  it('gives importance, impact and effort defaults and stores the description as shared text', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, { title: 'Minimal', createdBy: ALICE });
    expect(item(readFeedbackBoard(doc), id)).toMatchObject({ importance: 1, impact: 3, effort: 3, channelId: null, customer: '', ownerId: null, description: '' });
    expect((feedbackItemsOf(doc).get(id) as Y.Map<unknown>).get('description')).toBeInstanceOf(Y.Text);
  });

  it('creates a card straight into another open column', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput({ statusId: 'planned' }));
    expect(columnTitles(readFeedbackBoard(doc)).planned).toEqual(['Export reports to Excel']);
    expect(item(readFeedbackBoard(doc), id).activity[0]?.to).toBe('planned');
  });

  it.each<[string, Partial<CreateFeedbackItemInput>, string, string, string?]>([
    ['an empty title', { title: ' ' }, 'errors.required', 'title'],
    ['a 201-character title', { title: 't'.repeat(201) }, 'errors.tooLong', 'title'],
    ['a 100,000-character title', { title: 't'.repeat(100_000) }, 'errors.tooLong', 'title'],
    ['a 20,001-character description', { description: 'd'.repeat(20_001) }, 'errors.tooLong', 'description'],
    ['a customer name of 81 characters', { customer: 'c'.repeat(81) }, 'errors.tooLong', 'customer'],
    ['importance 4', { importance: 4 as 3 }, 'errors.importance', 'importance'],
    ['importance 0', { importance: 0 as 1 }, 'errors.importance', 'importance'],
    ['importance 2.5', { importance: 2.5 as 2 }, 'errors.importance', 'importance'],
    ['importance NaN', { importance: Number.NaN as 1 }, 'errors.notANumber', 'importance'],
    ['impact 6', { impact: 6 }, 'errors.scale', 'impact'],
    ['impact 0', { impact: 0 }, 'errors.scale', 'impact'],
    ['impact +Infinity', { impact: Number.POSITIVE_INFINITY }, 'errors.notANumber', 'impact'],
    ['effort −Infinity', { effort: Number.NEGATIVE_INFINITY }, 'errors.notANumber', 'effort'],
    ['effort 3.5', { effort: 3.5 }, 'errors.scale', 'effort'],
    ['effort as text', { effort: '3' as unknown as number }, 'errors.notANumber', 'effort'],
    ['an empty tag', { tags: ['ok', '  '] }, 'errors.required', 'tags.1'],
    ['a 41-character tag', { tags: ['t'.repeat(41)] }, 'errors.tooLong', 'tags.0'],
    ['31 tags', { tags: Array.from({ length: 31 }, (_, i) => `tag${i}`) }, 'errors.tooMany', 'tags'],
    ['an owner id that looks like a customer vote', { ownerId: 'customer:acme' }, 'errors.invalid', 'ownerId'],
    ['no author', { createdBy: '' }, 'errors.invalid', 'createdBy'],
  ])('refuses %s and writes nothing', (_label, overrides, messageKey, field) => {
    const doc = newFeedbackBoard();
    expectRefused(doc, () => createFeedbackItem(doc, itemInput(overrides)), { code: 'invalid-input', messageKey, field });
  });

  it.each([
    ['a channel the board does not have', { channelId: 'fax' }, 'not-found', 'errors.notFound', 'channelId'],
    ['a status the board does not have', { statusId: 'st_nope' }, 'not-found', 'errors.notFound', 'statusId'],
    ['the Merged status', { statusId: 'merged' }, 'invalid-input', 'errors.mergedStatus', 'statusId'],
  ] as const)('refuses %s and writes nothing', (_label, overrides, code, messageKey, field) => {
    const doc = newFeedbackBoard();
    expectRefused(doc, () => createFeedbackItem(doc, itemInput(overrides)), { code, messageKey, field });
  });
});

describe('editing an item', () => {
  it('changes only the fields given', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput({ description: 'Draft', importance: 2, customer: 'Acme' }));
    updateFeedbackItem(doc, { id, title: 'Export to Excel and CSV', impact: 5, ownerId: BOB, channelId: null });
    expect(item(readFeedbackBoard(doc), id)).toMatchObject({ title: 'Export to Excel and CSV', description: 'Draft', importance: 2, impact: 5, effort: 3, ownerId: BOB, channelId: null, customer: 'Acme' });
  });

  it('writes nothing when nothing changes', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput({ importance: 2, tags: ['a'] }));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    updateFeedbackItem(doc, { id, title: 'Export reports to Excel', importance: 2, tags: ['a'], description: '' });
    expect(updates).toHaveLength(0);
  });

  it('edits the description in place, keeping a teammate’s typing elsewhere in it', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput({ description: 'Users want export.' }));
    const teammate = replicaOf(doc);
    updateFeedbackItem(doc, { id, description: 'Many users want export.' });
    updateFeedbackItem(teammate, { id, description: 'Users want export. Weekly.' });
    syncBoth(doc, teammate);
    expect(item(readFeedbackBoard(doc), id).description).toBe('Many users want export. Weekly.');
  });

  it('adds and removes only the tags that changed', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput({ tags: ['export', 'reports'] }));
    const teammate = replicaOf(doc);
    updateFeedbackItem(doc, { id, tags: ['export', 'excel'] });
    updateFeedbackItem(teammate, { id, tags: ['export', 'reports', 'finance'] });
    syncBoth(doc, teammate);
    expect(item(readFeedbackBoard(doc), id).tags).toEqual(['excel', 'export', 'finance']);
  });

  it('refuses unknown items, unknown channels, bad values and merged items', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput());
    const dup = createFeedbackItem(doc, itemInput({ title: 'Duplicate' }));
    expectRefused(doc, () => updateFeedbackItem(doc, { id: 'f_nope', title: 'X' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'id' });
    expectRefused(doc, () => updateFeedbackItem(doc, { id, channelId: 'fax' }), { code: 'not-found', messageKey: 'errors.notFound', field: 'channelId' });
    expectRefused(doc, () => updateFeedbackItem(doc, { id, impact: Number.NaN }), { code: 'invalid-input', messageKey: 'errors.notANumber', field: 'impact' });
    expectRefused(doc, () => updateFeedbackItem(doc, { id, title: '' }), { code: 'invalid-input', messageKey: 'errors.required', field: 'title' });
    mergeItems(doc, { sourceId: dup, targetId: id, actorId: ALICE });
    expectRefused(doc, () => updateFeedbackItem(doc, { id: dup, title: 'Still here?' }), { code: 'invalid-input', messageKey: 'errors.itemMerged', field: 'id' });
  });
});

describe('moving a card', () => {
  function boardWithCards() {
    const doc = newFeedbackBoard();
    const ids = ['A', 'B', 'C'].map((title, i) => createFeedbackItem(doc, itemInput({ title }), 1_000 + i)) as [string, string, string];
    return { doc, ids };
  }

  it('reorders cards within a column without logging a status change', () => {
    const { doc, ids } = boardWithCards();
    moveFeedbackItem(doc, { id: ids[2], statusId: 'new', toIndex: 0, actorId: BOB });
    const snapshot = readFeedbackBoard(doc);
    expect(columnTitles(snapshot).new).toEqual(['C', 'A', 'B']);
    expect(item(snapshot, ids[2]).activity.map((a) => a.kind)).toEqual(['created']);
  });

  it('moves a card to another column at the place given and logs the change', () => {
    const { doc, ids } = boardWithCards();
    moveFeedbackItem(doc, { id: ids[0], statusId: 'planned', toIndex: 0, actorId: BOB }, 5_000);
    moveFeedbackItem(doc, { id: ids[1], statusId: 'planned', toIndex: 0, actorId: BOB }, 6_000);
    const snapshot = readFeedbackBoard(doc);
    expect(columnTitles(snapshot)).toMatchObject({ new: ['C'], planned: ['B', 'A'] });
    expect(item(snapshot, ids[0]).activity.at(-1)).toMatchObject({ kind: 'status', from: 'new', to: 'planned', actorId: BOB, at: 5_000 });
    expect(item(snapshot, ids[0]).statusId).toBe('planned');
  });

  it('puts a card moved past the end at the bottom', () => {
    const { doc, ids } = boardWithCards();
    moveFeedbackItem(doc, { id: ids[0], statusId: 'new', toIndex: 99, actorId: BOB });
    expect(columnTitles(readFeedbackBoard(doc)).new).toEqual(['B', 'C', 'A']);
  });

  it.each([
    ['an unknown card', { id: 'f_nope', statusId: 'new', toIndex: 0 }, 'not-found', 'errors.notFound', 'id'],
    ['an unknown column', { statusId: 'st_nope', toIndex: 0 }, 'not-found', 'errors.notFound', 'statusId'],
    ['the Merged column', { statusId: 'merged', toIndex: 0 }, 'invalid-input', 'errors.mergedStatus', 'statusId'],
    ['a negative index', { statusId: 'new', toIndex: -1 }, 'invalid-input', 'errors.invalid', 'toIndex'],
    ['a fractional index', { statusId: 'new', toIndex: 0.5 }, 'invalid-input', 'errors.invalid', 'toIndex'],
    ['an infinite index', { statusId: 'new', toIndex: Number.POSITIVE_INFINITY }, 'invalid-input', 'errors.invalid', 'toIndex'],
    ['no actor', { statusId: 'new', toIndex: 0, actorId: '' }, 'invalid-input', 'errors.invalid', 'actorId'],
  ] as const)('refuses to move to %s and changes nothing', (_label, args, code, messageKey, field) => {
    const { doc, ids } = boardWithCards();
    expectRefused(doc, () => moveFeedbackItem(doc, { id: ids[0], actorId: ALICE, ...args }), { code, messageKey, field });
  });

  it('refuses to move a merged card', () => {
    const { doc, ids } = boardWithCards();
    mergeItems(doc, { sourceId: ids[1], targetId: ids[0], actorId: ALICE });
    expectRefused(doc, () => moveFeedbackItem(doc, { id: ids[1], statusId: 'planned', toIndex: 0, actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.itemMerged', field: 'id' });
  });
});

describe('linking goals', () => {
  it('links an item to goals on several boards and logs each link', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput(), 1_000);
    linkGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_retention', actorId: BOB }, 3_000);
    linkGoal(doc, { itemId: id, boardId: 'b_ops', goalId: 'g_tickets', actorId: BOB }, 4_000);
    const snapshot = item(readFeedbackBoard(doc), id);
    expect(snapshot.links).toEqual([
      { key: 'b_goals:g_retention', boardId: 'b_goals', goalId: 'g_retention' },
      { key: 'b_ops:g_tickets', boardId: 'b_ops', goalId: 'g_tickets' },
    ]);
    expect(snapshot.activity.filter((a) => a.kind === 'linked').map((a) => a.to)).toEqual(['b_goals:g_retention', 'b_ops:g_tickets']);
  });

  it('links one goal to many items, and linking twice changes nothing', () => {
    const doc = newFeedbackBoard();
    const a = createFeedbackItem(doc, itemInput({ title: 'A' }));
    const b = createFeedbackItem(doc, itemInput({ title: 'B' }));
    for (const itemId of [a, b, a]) linkGoal(doc, { itemId, boardId: 'b_goals', goalId: 'g_1', actorId: ALICE });
    const snapshot = readFeedbackBoard(doc);
    expect(item(snapshot, a).links).toHaveLength(1);
    expect(item(snapshot, b).links).toHaveLength(1);
    expect(item(snapshot, a).activity.filter((x) => x.kind === 'linked')).toHaveLength(1);
  });

  it('unlinks a goal and logs it', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput(), 1_000);
    linkGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_1', actorId: ALICE }, 2_000);
    unlinkGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_1', actorId: BOB }, 3_000);
    const snapshot = item(readFeedbackBoard(doc), id);
    expect(snapshot.links).toEqual([]);
    expect(snapshot.activity.at(-1)).toMatchObject({ kind: 'unlinked', from: 'b_goals:g_1', actorId: BOB });
  });

  it('refuses links with bad ids and unlinking a goal that is not linked', () => {
    const doc = newFeedbackBoard();
    const id = createFeedbackItem(doc, itemInput());
    expectRefused(doc, () => linkGoal(doc, { itemId: id, boardId: 'b:x', goalId: 'g_1', actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'boardId' });
    expectRefused(doc, () => linkGoal(doc, { itemId: id, boardId: 'b_goals', goalId: '', actorId: ALICE }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'goalId' });
    expectRefused(doc, () => linkGoal(doc, { itemId: 'f_nope', boardId: 'b_goals', goalId: 'g_1', actorId: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'itemId' });
    expectRefused(doc, () => unlinkGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_1', actorId: ALICE }), { code: 'not-found', messageKey: 'errors.notFound', field: 'goalId' });
  });
});
