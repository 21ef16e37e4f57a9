// Slips that travel along chains of dependencies: A moves later, B waits on A, C waits on B, so
// C is flagged too, naming B and what moved up the chain. Cancelled upstream items flag the
// chain, cycles end the walk, flags clear when what moved moves back, every laptop reads the
// same flags after merging either way, and a KPI review's draft lists the items blocked so.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acknowledgeSlip, addDependency, createPlanItem, draftKpiReviewAgenda, planFactsOf, planItemsOf, readPlansBoard, setPlanDates, setPlanStatus, upstreamFlags,
  type PlansBoardSnapshot,
} from '../../shared/model';
import { ALICE, BOB, itemOf, mergeAndAgree, newPlansBoard, planInput } from './plans-fixtures';
import { peerOrigin, replicaOf } from './support/docs';

/** A ← B ← C (and D waiting on C): each waits on the one before it. */
function chain() {
  const doc = newPlansBoard(1);
  const a = createPlanItem(doc, planInput({ title: 'A' }), 1_000);
  const b = createPlanItem(doc, planInput({ title: 'B', start: '2026-03-16', end: '2026-03-27' }), 2_000);
  const c = createPlanItem(doc, planInput({ title: 'C', start: '2026-03-30', end: '2026-04-10', ownerId: BOB }), 3_000);
  const d = createPlanItem(doc, planInput({ title: 'D', start: '2026-04-13', end: '2026-04-24' }), 4_000);
  const ab = addDependency(doc, { fromId: b, toId: a, by: ALICE });
  const bc = addDependency(doc, { fromId: c, toId: b, by: BOB });
  const cd = addDependency(doc, { fromId: d, toId: c, by: ALICE });
  return { doc, a, b, c, d, ab, bc, cd };
}

const flagsOf = (board: PlansBoardSnapshot, id: string) => itemOf(board, id)?.flags ?? [];

describe('slips travel along a chain', () => {
  it('A moves 2 weeks later: B is flagged directly, C and D through B, each naming what moved and by how much', () => {
    const { doc, a, b, c, d, ab, bc, cd } = chain();
    setPlanDates(doc, { id: a, start: '2026-03-16', end: '2026-03-27', by: ALICE });
    const board = readPlansBoard(doc);
    const moved = { depId: ab, itemId: a, reason: 'moved', days: 14 };
    expect(flagsOf(board, b)).toEqual([moved]);
    expect(flagsOf(board, c)).toEqual([{ depId: bc, itemId: b, reason: 'upstream', throughId: b, cause: moved }]);
    expect(flagsOf(board, d)).toEqual([{ depId: cd, itemId: c, reason: 'upstream', throughId: b, cause: moved }]);
    expect(flagsOf(board, a)).toEqual([]);
  });

  it('a cancelled upstream item flags the whole chain', () => {
    const { doc, a, c, d } = chain();
    setPlanStatus(doc, { id: a, status: 'cancelled', today: '2026-03-01' });
    const board = readPlansBoard(doc);
    for (const id of [c, d]) expect(flagsOf(board, id).map((f) => (f.reason === 'upstream' ? `${f.reason}:${f.cause.reason}:${f.cause.itemId}` : f.reason))).toEqual([`upstream:cancelled:${a}`]);
  });

  it('the flags clear when what moved moves back, and once the middle of the chain has seen it', () => {
    const { doc, a, b, c, d, ab } = chain();
    setPlanDates(doc, { id: a, start: '2026-03-16', end: '2026-03-27' });
    setPlanDates(doc, { id: a, start: '2026-03-02', end: '2026-03-13' });
    let board = readPlansBoard(doc);
    for (const id of [b, c, d]) expect(flagsOf(board, id)).toEqual([]);
    setPlanDates(doc, { id: a, start: '2026-03-09', end: '2026-03-20' });
    acknowledgeSlip(doc, { id: ab });
    board = readPlansBoard(doc);
    for (const id of [b, c, d]) expect(flagsOf(board, id)).toEqual([]);
  });

  it('stops at an item already launched, done or cancelled: a slip cannot delay it any more', () => {
    const { doc, a, b, c, d } = chain();
    setPlanStatus(doc, { id: b, status: 'launched', today: '2026-03-01' });
    setPlanDates(doc, { id: a, start: '2026-03-16', end: '2026-03-27' });
    const board = readPlansBoard(doc);
    expect(flagsOf(board, b).map((f) => f.reason)).toEqual(['moved']);
    expect(flagsOf(board, c)).toEqual([]);
    expect(flagsOf(board, d)).toEqual([]);
  });

  it('an item waiting on what moved both directly and through the chain is told once, directly', () => {
    const { doc, a, c } = chain();
    addDependency(doc, { fromId: c, toId: a, by: BOB });
    setPlanDates(doc, { id: a, start: '2026-03-16', end: '2026-03-27' });
    expect(flagsOf(readPlansBoard(doc), c).map((f) => [f.reason, f.itemId])).toEqual([['moved', a]]);
  });

  it('a cycle ends the walk: nobody is told about its own slip, and the read returns', () => {
    const edges = [{ id: 'd1', fromId: 'b', toId: 'a' }, { id: 'd2', fromId: 'c', toId: 'b' }, { id: 'd3', fromId: 'b', toId: 'c' }, { id: 'd4', fromId: 'a', toId: 'c' }];
    const moved = { depId: 'd1', itemId: 'a', reason: 'moved' as const, days: 7 };
    const flags = upstreamFlags(edges, new Map([['b', [moved]]]), () => true);
    expect(flags.get('c')).toEqual([{ depId: 'd2', itemId: 'b', reason: 'upstream', throughId: 'b', cause: moved }]);
    expect(flags.get('a')).toBeUndefined();
    expect(flags.get('b')).toBeUndefined();
  });

  it('a chain of 5,000 items and a circle of them are walked without recursion', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `p${i}`);
    const edges = ids.slice(1).map((id, i) => ({ id: `d${i}`, fromId: id, toId: ids[i] as string }));
    edges.push({ id: 'back', fromId: ids[0] as string, toId: ids[ids.length - 1] as string });
    const moved = { depId: 'x', itemId: 'gone', reason: 'deleted' as const };
    const flags = upstreamFlags(edges, new Map([['p1', [moved]]]), () => true);
    expect(flags.size).toBe(4_999);
    expect(flags.get('p4999')?.[0]).toMatchObject({ itemId: 'p4998', throughId: 'p1' });
  });
});

function oneWayThenBack(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), peerOrigin('a'));
  Y.applyUpdate(from, Y.encodeStateAsUpdate(to, Y.encodeStateVector(from)), peerOrigin('b'));
}

describe.each([
  ['Alice’s first', (a: Y.Doc, b: Y.Doc) => (oneWayThenBack(a, b), mergeAndAgree(a, b))],
  ['Bob’s first', (a: Y.Doc, b: Y.Doc) => (oneWayThenBack(b, a), mergeAndAgree(a, b))],
])('chained flags merged with %s', (_order, merge) => {
  it('A slips on one laptop while C is made to wait on B on the other: C is flagged through B everywhere', () => {
    const alice = newPlansBoard(1);
    const a = createPlanItem(alice, planInput({ title: 'A' }));
    const b = createPlanItem(alice, planInput({ title: 'B' }));
    const c = createPlanItem(alice, planInput({ title: 'C' }));
    addDependency(alice, { fromId: b, toId: a, by: ALICE });
    const bob = replicaOf(alice, 2);
    setPlanDates(alice, { id: a, start: '2026-03-16', end: '2026-03-27', by: ALICE });
    const bc = addDependency(bob, { fromId: c, toId: b, by: BOB });
    const board = merge(alice, bob);
    expect(flagsOf(board, c)).toMatchObject([{ depId: bc, itemId: b, reason: 'upstream', throughId: b, cause: { itemId: a, reason: 'moved', days: 14 } }]);
  });

  it('A cancelled on one laptop while E is made to wait on D on the other: E is flagged through the chain everywhere', () => {
    const { doc: alice, a, b, d } = chain();
    const bob = replicaOf(alice, 2);
    setPlanStatus(alice, { id: a, status: 'cancelled', today: '2026-03-01' });
    const e = createPlanItem(bob, planInput({ title: 'E' }));
    addDependency(bob, { fromId: e, toId: d, by: BOB });
    const board = merge(alice, bob);
    expect(flagsOf(board, e)).toMatchObject([{ itemId: d, reason: 'upstream', throughId: b, cause: { itemId: a, reason: 'cancelled' } }]);
  });

  it('two people close a cycle apart while A slips: found, flagged once each, never a hang', () => {
    const alice = newPlansBoard(1);
    const a = createPlanItem(alice, planInput({ title: 'A' }));
    const b = createPlanItem(alice, planInput({ title: 'B' }));
    const c = createPlanItem(alice, planInput({ title: 'C' }));
    addDependency(alice, { fromId: b, toId: a, by: ALICE });
    const bob = replicaOf(alice, 2);
    addDependency(alice, { fromId: c, toId: b, by: ALICE });
    addDependency(bob, { fromId: b, toId: c, by: BOB });
    setPlanDates(bob, { id: a, start: '2026-03-16', end: '2026-03-27', by: BOB });
    const board = merge(alice, bob);
    expect(board.cycles).toEqual([[b, c].sort()]);
    expect(flagsOf(board, b).map((f) => f.reason)).toEqual(['moved']);
    expect(flagsOf(board, c).map((f) => f.reason)).toEqual(['upstream']);
    expect(flagsOf(board, a)).toEqual([]);
  });

  it('one person moves A later while the other moves it back: one result, the same flags everywhere', () => {
    const { doc: alice, a, c } = chain();
    const bob = replicaOf(alice, 2);
    setPlanDates(alice, { id: a, start: '2026-03-16', end: '2026-03-27', by: ALICE });
    setPlanDates(bob, { id: a, start: '2026-03-01', end: '2026-03-10', by: BOB });
    const board = merge(alice, bob);
    expect(flagsOf(board, c).length).toBe(itemOf(board, a)?.end === '2026-03-27' ? 1 : 0);
  });
});

describe('a KPI review lists items blocked through a chain', () => {
  it('C and D are drafted as blocked when A, two steps up, slipped', () => {
    const { doc, a } = chain();
    setPlanDates(doc, { id: a, start: '2026-03-16', end: '2026-03-27' }, Date.parse('2026-03-05T10:00:00Z'));
    const draft = draftKpiReviewAgenda({ goals: [], feedback: [], plans: planFactsOf(readPlansBoard(doc), 'b_plan'), since: '2026-03-02', until: '2026-03-09' });
    expect(draft.plans.map((p) => [p.title, p.change])).toEqual([['A', 'slipped'], ['B', 'blocked'], ['C', 'blocked'], ['D', 'blocked']]);
    // Each names what moved, however far up: the agenda says "waits on “A”, which moved".
    expect(draft.plans.filter((p) => p.change === 'blocked').map((p) => p.waitsOn)).toEqual([['A'], ['A'], ['A']]);
  });
});

describe('a date that is not a date, from a peer', () => {
  it('reads as no date and never becomes a slip', () => {
    const { doc, a, b, c } = chain();
    // A peer with a broken app writes garbage straight into the doc, past the mutations.
    const item = planItemsOf(doc).get(a) as Y.Map<unknown>;
    doc.transact(() => { item.set('start', '2026-02-30'); item.set('end', 'next Friday'); }, peerOrigin('broken'));
    expect(itemOf(readPlansBoard(doc), a)).toMatchObject({ start: null, end: null, horizon: 'later' });
    setPlanDates(doc, { id: a, start: '2026-03-02', end: '2026-05-01' });
    expect(itemOf(readPlansBoard(doc), a)?.slips).toEqual([]);
    expect(flagsOf(readPlansBoard(doc), b).map((f) => f.reason)).toEqual(['moved']);
    expect(flagsOf(readPlansBoard(doc), c).map((f) => f.reason)).toEqual(['upstream']);
  });
});
