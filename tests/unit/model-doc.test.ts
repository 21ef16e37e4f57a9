// The document helpers every mutation relies on: the schema-version gate that keeps a doc
// from a newer Tandem read-only, and minimal text edits that let concurrent typing merge.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBoard,
  addCheckIn,
  addKpi,
  createGoal,
  deleteGoal,
  deleteKpi,
  docSchemaVersion,
  initWorkspace,
  isReadOnly,
  moveGoal,
  readGoalsBoard,
  readWorkspace,
  renameWorkspace,
  replaceText,
  SCHEMA_VERSION,
  updateGoal,
  updateKpi,
  updateMember,
  upsertMember,
} from '../../shared/model';
import { expectRefused, goalInput, newBoard, peerOrigin, replicaOf, seededRandom, syncBoth } from './support/docs';

const NEWER = SCHEMA_VERSION + 1;

/** `doc` after a teammate on a newer Tandem opened it and bumped its schema version. */
function bumpedByNewerApp(doc: Y.Doc): Y.Doc {
  const newer = replicaOf(doc);
  newer.transact(() => newer.getMap('meta').set('schemaVersion', NEWER), { source: 'local' });
  syncBoth(doc, newer, peerOrigin('newer'));
  return doc;
}

describe('a doc saved by a newer Tandem', () => {
  const refusal = { code: 'schema-too-new', messageKey: 'errors.schemaTooNew', field: undefined, params: { version: NEWER } } as const;

  it('reports the workspace as read-only with its schema version', () => {
    const doc = new Y.Doc();
    initWorkspace(doc, { name: 'Acme', member: { id: 'm_a', name: 'Alice', team: 'product' }, goalsBoard: { id: 'b_g', name: 'Goals' } });
    expect(readWorkspace(doc)).toMatchObject({ readOnly: false, schemaVersion: SCHEMA_VERSION });
    bumpedByNewerApp(doc);
    expect(readWorkspace(doc)).toMatchObject({ name: 'Acme', readOnly: true, schemaVersion: NEWER });
    expect(isReadOnly(doc)).toBe(true);
  });

  it('refuses every workspace mutation and stays byte-identical', () => {
    const doc = new Y.Doc();
    initWorkspace(doc, { name: 'Acme', member: { id: 'm_a', name: 'Alice', team: 'product' }, goalsBoard: { id: 'b_g', name: 'Goals' } });
    bumpedByNewerApp(doc);
    expectRefused(doc, () => initWorkspace(doc, { name: 'Again', member: { id: 'm_b', name: 'Bob', team: 'product' }, goalsBoard: { id: 'b_h', name: 'Goals' } }), refusal);
    expectRefused(doc, () => upsertMember(doc, { id: 'm_b', name: 'Bob', team: 'operations' }), refusal);
    expectRefused(doc, () => updateMember(doc, { id: 'm_a', name: 'Alicia' }), refusal);
    expectRefused(doc, () => renameWorkspace(doc, 'Renamed'), refusal);
    expectRefused(doc, () => addBoard(doc, { id: 'b_f', kind: 'feedback', name: 'Feedback' }), refusal);
  });

  it('refuses every board mutation, stays byte-identical and still reads', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ title: 'Existing' }));
    const otherId = createGoal(doc, goalInput({ title: 'Other' }));
    const kpiId = addKpi(doc, { goalId, name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 10 });
    addCheckIn(doc, { kpiId, value: 3, date: '2026-04-01', authorId: 'm_a' });
    const before = readGoalsBoard(doc, '2026-05-01');
    bumpedByNewerApp(doc);

    expectRefused(doc, () => createGoal(doc, goalInput()), refusal);
    expectRefused(doc, () => updateGoal(doc, { id: goalId, title: 'Changed' }), refusal);
    expectRefused(doc, () => moveGoal(doc, { id: otherId, toIndex: 0 }), refusal);
    expectRefused(doc, () => deleteGoal(doc, { id: goalId }), refusal);
    expectRefused(doc, () => addKpi(doc, { goalId, name: 'More', unit: 'number', direction: 'increase', baseline: 0, target: 1 }), refusal);
    expectRefused(doc, () => updateKpi(doc, { id: kpiId, name: 'Renamed' }), refusal);
    expectRefused(doc, () => deleteKpi(doc, { id: kpiId }), refusal);
    expectRefused(doc, () => addCheckIn(doc, { kpiId, value: 5, date: '2026-04-02', authorId: 'm_a' }), refusal);
    expect(readGoalsBoard(doc, '2026-05-01')).toEqual(before);
  });

  it('reads a version that is not a positive whole number as this version', () => {
    for (const odd of ['2', 0, -3, 1.5, null]) {
      const doc = new Y.Doc();
      doc.getMap('meta').set('schemaVersion', odd);
      expect(docSchemaVersion(doc)).toBe(SCHEMA_VERSION);
      expect(isReadOnly(doc)).toBe(false);
    }
  });
});

describe('replacing text', () => {
  function textWith(content: string): { doc: Y.Doc; text: Y.Text } {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, content);
    return { doc, text };
  }

  it.each([
    ['', 'hello'],
    ['hello', ''],
    ['hello world', 'hello brave world'],
    ['hello brave world', 'hello world'],
    ['abc', 'xyz'],
    ['aaa', 'aaaa'],
    ['naïve café', 'naïve cafés 😀'],
    ['same', 'same'],
    ['Launch 😀', 'Launch 😁'],
    ['👍🏽 agreed', '👍🏿 agreed'],
    ['a😀b', 'a🙀b'],
    ['\u{1F600}\u{1F600}', '\u{1F600}'],
    ['x😀', 'x😀😀'],
    ['🇫🇷', '🇩🇪'],
  ])('turns %j into %j, for this laptop and a teammate', (from, to) => {
    const { doc, text } = textWith(from);
    replaceText(text, to);
    expect(text.toString()).toBe(to);
    expect(replicaOf(doc).getText('t').toString()).toBe(to);
  });

  it('turns any text into any other, emoji included (seeded random pairs)', () => {
    const pieces = ['a', 'b', ' ', 'é', '😀', '😁', '👍', '🏽', '🏿', '中'];
    const random = seededRandom(20_260_501);
    const randomText = () => Array.from({ length: Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const from = randomText();
      const to = randomText();
      const { doc, text } = textWith(from);
      replaceText(text, to);
      expect([from, to, replicaOf(doc).getText('t').toString()]).toEqual([from, to, to]);
    }
  });

  it('touches only the changed middle, so a concurrent edit elsewhere survives', () => {
    const { doc: mine, text } = textWith('The quick fox jumps');
    const theirs = replicaOf(mine);
    replaceText(text, 'The quick brown fox jumps');
    replaceText(theirs.getText('t'), 'The quick fox jumps high');
    syncBoth(mine, theirs);
    expect(text.toString()).toBe('The quick brown fox jumps high');
    expect(theirs.getText('t').toString()).toBe('The quick brown fox jumps high');
  });

  it('writes nothing when the text is unchanged', () => {
    const { doc, text } = textWith('unchanged');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    replaceText(text, 'unchanged');
    expect(updates).toHaveLength(0);
  });
});
