// The plan on screen and beyond, as pure functions: filters, the timeline's lanes and rows, the
// KPI's change around a launch, the KPI review's launched / slipped / blocked lines, and the
// exports (CSV safe to open in a spreadsheet).
import { describe, expect, it } from 'vitest';
import { addDays, changeAround, createPlanItem, daysBetween, draftKpiReviewAgenda, readPlansBoard, setPlanDates, setPlanStatus, addDependency, type PlanFact } from '../../shared/model';
import { planToCsv, planToMarkdown, type PlanExportNames } from '../../renderer/src/features/plans/export';
import { filterPlanItems, NO_PLAN_FILTERS } from '../../renderer/src/features/plans/filtering';
import { layOut, rangeOf, ticksOf, LANE_HEADER, ROW_HEIGHT } from '../../renderer/src/features/plans/timeline-scale';
import { ALICE, BOB, newPlansBoard, planInput, releaseAndCampaign } from './plans-fixtures';

const NAMES: PlanExportNames = {
  headers: { title: 'Title', kind: 'Kind', team: 'Team', owner: 'Owner', status: 'Status', start: 'Start', end: 'End', horizon: 'Horizon', launched: 'Launched', goals: 'Goals', dependsOn: 'Waits on', flags: 'Flags', milestones: 'Milestones' },
  kind: (k) => k, team: (k) => k, status: (s) => s, horizon: (h) => h, member: (id) => (id === ALICE ? 'Alice' : id === BOB ? 'Bob' : ''), goal: () => 'Grow retention', date: (d) => d,
  flags: (item) => item.flags.map((f) => `moved ${f.reason}`),
};

describe('filters', () => {
  it('filter by team, owner, status, goal and words', () => {
    const { doc } = releaseAndCampaign();
    const items = readPlansBoard(doc).items;
    expect(filterPlanItems(items, { ...NO_PLAN_FILTERS, team: 'operations' }).map((i) => i.title)).toEqual(['Spring win-back campaign']);
    expect(filterPlanItems(items, { ...NO_PLAN_FILTERS, ownerId: ALICE }).map((i) => i.title)).toEqual(['Release 2.4']);
    expect(filterPlanItems(items, { ...NO_PLAN_FILTERS, text: 'WIN-back spring' })).toHaveLength(1);
    expect(filterPlanItems(items, { ...NO_PLAN_FILTERS, goal: 'b:g' })).toEqual([]);
    expect(filterPlanItems(items, NO_PLAN_FILTERS)).toBe(items);
  });
});

describe('timeline geometry', () => {
  it('packs overlapping bars into rows within each team lane, and spans today', () => {
    const doc = newPlansBoard(1);
    createPlanItem(doc, planInput({ title: 'A', start: '2026-03-01', end: '2026-03-10' }));
    createPlanItem(doc, planInput({ title: 'B', start: '2026-03-05', end: '2026-03-12' }));
    createPlanItem(doc, planInput({ title: 'C', start: '2026-03-11', end: '2026-03-20' }));
    createPlanItem(doc, planInput({ title: 'D', team: 'operations', start: '2026-03-01', end: '2026-03-02' }));
    createPlanItem(doc, planInput({ title: 'Undated', start: null, end: null }));
    const items = readPlansBoard(doc).items;
    const layout = layOut(items, 'team', ['product', 'operations', 'shared']);
    expect(layout.lanes.map((l) => l.key)).toEqual(['product', 'operations']);
    const rowOf = (title: string) => ((layout.items.find((l) => l.item.title === title)?.y ?? 0) - LANE_HEADER) / ROW_HEIGHT;
    expect([rowOf('A'), rowOf('B'), rowOf('C')]).toEqual([0, 1, 0]);
    expect(layout.items).toHaveLength(4);
    const range = rangeOf(items, '2026-06-01');
    expect(range.start).toBe('2026-02-15');
    expect(ticksOf(range, 'month', 1)[0]).toBe('2026-03-01');
    expect(new Date(`${ticksOf(range, 'week', 1)[0]}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(new Date(`${ticksOf(range, 'week', 0)[0]}T00:00:00Z`).getUTCDay()).toBe(0);
  });

  it('puts a tick on every week, month or quarter start in the range, and nowhere else', () => {
    // What the ticks are, read day by day.
    const reference = (range: { start: string; days: number }, zoom: 'week' | 'month' | 'quarter', weekStartsOn: 0 | 1) =>
      Array.from({ length: range.days }, (_, d) => addDays(range.start, d)).filter((date) => {
        const day = new Date(`${date}T00:00:00Z`);
        return zoom === 'week' ? day.getUTCDay() === weekStartsOn : day.getUTCDate() === 1 && (zoom === 'month' || day.getUTCMonth() % 3 === 0);
      });
    for (const start of ['2026-01-01', '2026-01-02', '2025-12-31', '2026-02-28', '2024-02-29', '2026-03-01', '2026-06-30', '2026-10-01', '2026-11-15']) {
      for (const days of [1, 2, 27, 31, 32, 92, 400, 1_200]) {
        for (const zoom of ['week', 'month', 'quarter'] as const) {
          for (const weekStartsOn of [0, 1] as const) expect(ticksOf({ start, days }, zoom, weekStartsOn), `${start} + ${days} days, ${zoom}, weeks from ${weekStartsOn}`).toEqual(reference({ start, days }, zoom, weekStartsOn));
        }
      }
    }
  });

  it('counts the days between two dates as Date.parse does, both for dates read digit by digit and for the odd ones it leaves to Date.parse', () => {
    const parsed = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    const dates = ['2026-01-01', '2026-12-31', '2024-02-29', '2100-02-28', '2000-02-29', '1999-12-31', '1000-01-01', '0999-06-15', '2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-04-00', '2026-1-01', 'abcd-ef-gh', '', '2026/01/01', '+02026-01-01'];
    for (const from of dates) {
      for (const to of dates) expect(daysBetween(from, to), `${from} → ${to}`).toEqual(parsed(from, to));
    }
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('not a date', '2026-03-01')).toBeNaN();
  });
});

describe('launch and after', () => {
  const checkIns = [
    { date: '2026-02-01', value: 30 },
    { date: '2026-02-20', value: 31 },
    { date: '2026-03-01', value: 32 },
    { date: '2026-03-20', value: 35 },
    { date: '2026-05-01', value: 50 },
  ];
  it('compares the latest check-in before the launch with the latest after it, within the window', () => {
    expect(changeAround(checkIns, '2026-03-13', 30)).toEqual({ before: 32, after: 35, delta: 3, checkInsBefore: 2, checkInsAfter: 1 });
    expect(changeAround(checkIns, '2026-03-13', 7)).toBeNull();
  });

  it('the KPI review lists items launched, slipped and blocked since the last review', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    setPlanDates(doc, { id: release, start: '2026-03-09', end: '2026-03-20' }, Date.parse('2026-03-05T10:00:00Z'));
    setPlanStatus(doc, { id: release, status: 'launched', today: '2026-03-20' });
    const plans: PlanFact[] = readPlansBoard(doc).items.map((i) => ({
      boardId: 'b_plan', id: i.id, title: i.title, status: i.status, ownerId: i.ownerId, launchedOn: i.launchedOn, slips: i.slips, blocked: i.flags.length > 0, waitsOn: [], goalKeys: [], feedbackKeys: [],
    }));
    const draft = draftKpiReviewAgenda({ goals: [], feedback: [], plans, since: '2026-03-02', until: '2026-03-23' });
    expect(draft.plans.map((p) => [p.title, p.change, p.days ?? p.launchedOn ?? null])).toEqual([
      ['Release 2.4', 'launched', '2026-03-20'],
      ['Release 2.4', 'slipped', 7],
      ['Spring win-back campaign', 'blocked', null],
    ]);
    expect(draftKpiReviewAgenda({ goals: [], feedback: [], plans, since: '2026-03-20', until: '2026-03-30' }).plans.map((p) => p.change)).toEqual(['blocked']);
  });
});

describe('export', () => {
  it('writes CSV a spreadsheet cannot run, and Markdown by horizon', () => {
    const doc = newPlansBoard(1);
    createPlanItem(doc, planInput({ title: '=HYPERLINK("http://x")' }));
    const items = readPlansBoard(doc).items;
    const csv = planToCsv(items, NAMES, '2026-03-01');
    expect(csv.startsWith('\uFEFFTitle,Kind,Team')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('2026-03-02,2026-03-13');
    const md = planToMarkdown('Q2 plan', items, NAMES, '2026-03-01');
    expect(md).toContain('# Q2 plan');
    expect(md).toContain('## next (1)');
  });
});
