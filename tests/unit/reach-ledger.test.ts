// "On K of M teammates' laptops": the peer's ledger of what each teammate acknowledged on disk
// (kept across restarts, with when each change first reached them), and the renderer's marks of
// which clocks each goal or item needs, including changes to its KPIs, check-ins and comments.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckLedger } from '../../electron/peer/lan/ack-ledger';
import { createLogger } from '../../electron/peer/logger';
import { EntityMarks } from '../../renderer/src/network/entity-marks';
import { addCheckIn, addKpi, createGoal, initGoalsBoard } from '../../shared/model';

const quiet = createLogger(() => undefined);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const sv = (entries: [number, number][]) => new Map(entries);

describe('the acknowledgement ledger', () => {
  it('says which teammates hold a change and since when, and keeps it across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-acks-'));
    dirs.push(dir);
    let now = 1_000;
    const ledger = await AckLedger.load(dir, quiet, () => now);
    ledger.describe('p_b', 'm_li', 'li-laptop');
    ledger.record('p_b', 'board', sv([[1, 5]]));
    now = 2_000;
    ledger.record('p_b', 'board', sv([[1, 9], [2, 3]]));
    ledger.record('p_c', 'board', sv([[1, 4]]));
    const reach = ledger.reachOf('board', sv([[1, 7]]));
    expect(reach).toEqual([
      { peerId: 'p_b', memberId: 'm_li', device: 'li-laptop', reachedAt: 2_000, reachedBy: false },
      { peerId: 'p_c', memberId: null, device: null, reachedAt: null, reachedBy: false },
    ]);
    expect(ledger.reachOf('board', sv([[1, 5]]))[0]).toMatchObject({ reachedAt: 1_000, reachedBy: true });
    expect(ledger.reachOf('other-board', sv([[1, 1]])).every((r) => r.reachedAt === null)).toBe(true);

    await ledger.flush();
    expect(statSync(join(dir, 'lan-acks.json')).mode & 0o777).toBe(0o600);
    const reloaded = await AckLedger.load(dir, quiet, () => 9_000);
    expect(reloaded.known().map((t) => t.peerId).sort()).toEqual(['p_b', 'p_c']);
    // After a restart only the latest acknowledgement is known: "reached by" its time.
    expect(reloaded.reachOf('board', sv([[1, 7]]))[0]).toMatchObject({ memberId: 'm_li', reachedAt: 2_000, reachedBy: true });
    expect(reloaded.reachOf('board', sv([[1, 10]]))[0]).toMatchObject({ reachedAt: null });
  });

  it('starts afresh from a damaged file instead of failing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-acks-'));
    dirs.push(dir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'lan-acks.json'), '{"teammates": [{"peerId": 42}]');
    const ledger = await AckLedger.load(dir, quiet);
    expect(ledger.known()).toEqual([]);
  });
});

describe('entity marks', () => {
  it('an item needs the clocks of its own latest changes, and a goal those of its KPIs and check-ins', () => {
    const doc = new Y.Doc();
    initGoalsBoard(doc, 1);
    const period = { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' } as const;
    const early = createGoal(doc, { title: 'Early', team: 'shared', period, createdBy: 'm_1' });
    const marks = new EntityMarks(doc);
    const opened = marks.of(early);
    expect(opened.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));

    const goal = createGoal(doc, { title: 'Grow', team: 'shared', period, createdBy: 'm_1' });
    const afterCreate = Y.getState(doc.store, doc.clientID);
    expect(marks.of(goal).get(doc.clientID)).toBe(afterCreate);
    const kpi = addKpi(doc, { goalId: goal, name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 });
    addCheckIn(doc, { kpiId: kpi, value: 10, date: '2026-01-15', authorId: 'm_1' });
    expect(marks.of(goal).get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));
    // The other goal did not change: it still needs only what the doc held when opened.
    expect(marks.of(early)).toBe(opened);

    // A teammate's change arrives: the goal now needs their clock too.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    (other.getMap('goals').get(goal) as Y.Map<unknown>).set('title', 'Grow faster');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(marks.of(goal).get(other.clientID)).toBe(Y.getState(other.store, other.clientID));
    marks.destroy();
  });
});
