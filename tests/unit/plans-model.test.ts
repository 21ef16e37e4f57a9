// Plan items on one laptop: creating and editing them, dates and horizons, launch dates, links
// to goals and feedback, milestones, dependencies and the flags a moved or cancelled item puts
// on what waits on it, and the refusals of bad input (nothing saved).
import { describe, expect, it } from 'vitest';
import {
  acknowledgeSlip, addDependency, addMilestone, createPlanItem, deletePlanItem, editPlanNotes, findCycles, horizonOf, linkPlanFeedback, linkPlanGoal, readPlansBoard,
  removeDependency, setPlanDates, setPlanHorizon, setPlanStatus, unlinkPlanGoal, updatePlanItem,
} from '../../shared/model';
import { ALICE, BOB, itemOf, newPlansBoard, planInput, releaseAndCampaign } from './plans-fixtures';
import { expectRefused } from './support/docs';

describe('plan items', () => {
  it('creates a release with its fields and reads it back', () => {
    const doc = newPlansBoard(1);
    const id = createPlanItem(doc, planInput(), 1_000);
    const item = itemOf(readPlansBoard(doc), id);
    expect(item).toMatchObject({ title: 'Release 2.4', kind: 'release', team: 'product', ownerId: ALICE, status: 'planned', start: '2026-03-02', end: '2026-03-13', horizon: null, launchedOn: null, flags: [], inCycle: false });
  });

  it('an undated item sits on its horizon; a dated one on where its dates fall', () => {
    const doc = newPlansBoard(1);
    const id = createPlanItem(doc, planInput({ start: null, end: null, horizon: 'next' }));
    const item = itemOf(readPlansBoard(doc), id);
    expect(item?.horizon).toBe('next');
    expect(horizonOf(item as never, '2026-03-01')).toBe('next');
    setPlanHorizon(doc, { id, horizon: 'now' });
    expect(itemOf(readPlansBoard(doc), id)?.horizon).toBe('now');
    expect(horizonOf({ start: '2026-03-01', end: '2026-03-10', horizon: null }, '2026-03-05')).toBe('now');
    expect(horizonOf({ start: '2026-04-01', end: '2026-04-10', horizon: null }, '2026-03-05')).toBe('next');
    expect(horizonOf({ start: '2026-09-01', end: '2026-09-10', horizon: null }, '2026-03-05')).toBe('later');
  });

  it('edits only the fields given and keeps notes as text several people type into', () => {
    const doc = newPlansBoard(1);
    const id = createPlanItem(doc, planInput());
    updatePlanItem(doc, { id, title: '  Release 2.5 ', ownerId: BOB, by: ALICE });
    editPlanNotes(doc, { id, text: 'Ship the onboarding checklist' });
    expect(itemOf(readPlansBoard(doc), id)).toMatchObject({ title: 'Release 2.5', ownerId: BOB, kind: 'release', notes: 'Ship the onboarding checklist' });
  });

  it('records the launch date when launched, keeps it when done and clears it when planned again', () => {
    const doc = newPlansBoard(1);
    const id = createPlanItem(doc, planInput());
    setPlanStatus(doc, { id, status: 'launched', today: '2026-03-13' });
    expect(itemOf(readPlansBoard(doc), id)?.launchedOn).toBe('2026-03-13');
    setPlanStatus(doc, { id, status: 'launched', today: '2026-03-20' });
    setPlanStatus(doc, { id, status: 'done', today: '2026-03-30' });
    expect(itemOf(readPlansBoard(doc), id)).toMatchObject({ status: 'done', launchedOn: '2026-03-13' });
    setPlanStatus(doc, { id, status: 'planned', today: '2026-03-30' });
    expect(itemOf(readPlansBoard(doc), id)?.launchedOn).toBeNull();
  });

  it('links goals with their expected effect, feedback items and milestones', () => {
    const doc = newPlansBoard(1);
    const id = createPlanItem(doc, planInput());
    linkPlanGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_1', effect: '+3 pts 30-day retention' });
    linkPlanGoal(doc, { itemId: id, boardId: 'b_goals', goalId: 'g_2' });
    linkPlanFeedback(doc, { itemId: id, boardId: 'b_fb', feedbackId: 'i_1' });
    addMilestone(doc, { itemId: id, title: 'Beta', date: '2026-03-09' });
    addMilestone(doc, { itemId: id, title: 'Code freeze', date: '2026-03-05' });
    unlinkPlanGoal(doc, { itemId: id, boardId: 'b_goals', entityId: 'g_2' });
    const item = itemOf(readPlansBoard(doc), id);
    expect(item?.goals).toEqual([{ boardId: 'b_goals', entityId: 'g_1', effect: '+3 pts 30-day retention' }]);
    expect(item?.feedback).toEqual([{ boardId: 'b_fb', entityId: 'i_1' }]);
    expect(item?.milestones.map((m) => m.title)).toEqual(['Code freeze', 'Beta']);
  });
});

describe('waiting on each other', () => {
  it('flags the campaign with how far its release moved, and clears the flag once seen', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    const dep = addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    expect(itemOf(readPlansBoard(doc), campaign)?.dependsOn).toEqual([{ depId: dep, itemId: release }]);
    expect(itemOf(readPlansBoard(doc), release)?.dependents).toEqual([campaign]);
    setPlanDates(doc, { id: release, start: '2026-03-16', end: '2026-03-27', by: ALICE }, 5_000);
    expect(itemOf(readPlansBoard(doc), campaign)?.flags).toEqual([{ depId: dep, itemId: release, reason: 'moved', days: 14 }]);
    expect(itemOf(readPlansBoard(doc), release)?.slips).toMatchObject([{ from: '2026-03-13', to: '2026-03-27', days: 14, at: 5_000 }]);
    acknowledgeSlip(doc, { id: dep });
    expect(itemOf(readPlansBoard(doc), campaign)?.flags).toEqual([]);
  });

  it('does not flag a dependent when what it waits on moves earlier', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    setPlanDates(doc, { id: release, start: '2026-02-23', end: '2026-03-06' });
    expect(itemOf(readPlansBoard(doc), campaign)?.flags).toEqual([]);
  });

  it('flags a dependent when what it waits on is cancelled, or deleted, or moves to a later horizon', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    const other = createPlanItem(doc, planInput({ title: 'Pricing page', start: null, end: null, horizon: 'now' }));
    addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    addDependency(doc, { fromId: campaign, toId: other, by: BOB });
    setPlanStatus(doc, { id: release, status: 'cancelled', today: '2026-03-01' });
    setPlanHorizon(doc, { id: other, horizon: 'later' });
    expect(itemOf(readPlansBoard(doc), campaign)?.flags.map((f) => f.reason).sort()).toEqual(['cancelled', 'moved-horizon']);
    deletePlanItem(doc, { id: release });
    const flags = itemOf(readPlansBoard(doc), campaign)?.flags ?? [];
    expect(flags.map((f) => f.reason).sort()).toEqual(['deleted', 'moved-horizon']);
    expect(itemOf(readPlansBoard(doc), campaign)?.dependsOn.map((d) => d.itemId)).toEqual([other]);
  });

  it('removing a dependency removes its flag', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    const dep = addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    setPlanDates(doc, { id: release, start: '2026-03-09', end: '2026-03-20' });
    removeDependency(doc, { id: dep });
    expect(itemOf(readPlansBoard(doc), campaign)).toMatchObject({ flags: [], dependsOn: [] });
  });

  it('finds cycles of any length without recursing', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `p${String(i).padStart(5, '0')}`);
    const edges = ids.slice(1).map((id, i) => ({ fromId: ids[i] as string, toId: id }));
    expect(findCycles(ids, edges)).toEqual([]);
    expect(findCycles(ids, [...edges, { fromId: ids[ids.length - 1] as string, toId: ids[0] as string }])[0]).toHaveLength(20_000);
  });
});

describe('bad input: a clear message, nothing saved', () => {
  it('refuses an end before its start', () => {
    const { doc, release } = releaseAndCampaign();
    expectRefused(doc, () => setPlanDates(doc, { id: release, start: '2026-03-10', end: '2026-03-01' }), { code: 'invalid-input', messageKey: 'errors.planEndBeforeStart', field: 'end' });
    expectRefused(doc, () => createPlanItem(doc, planInput({ start: '2026-03-10', end: '2026-03-01' })), { code: 'invalid-input', messageKey: 'errors.planEndBeforeStart', field: 'end' });
  });

  it('refuses a date that is not a date', () => {
    const { doc, release } = releaseAndCampaign();
    expectRefused(doc, () => setPlanDates(doc, { id: release, start: '2026-02-30', end: '2026-03-01' }), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'start' });
    expectRefused(doc, () => setPlanDates(doc, { id: release, start: '2026-03-01', end: 'next Friday' }), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'end' });
    // What a date field sends when the date typed does not exist (renderer/src/features/plans/date-input.ts).
    expectRefused(doc, () => setPlanDates(doc, { id: release, start: 'not a date', end: 'not a date' }), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'start' });
    expectRefused(doc, () => createPlanItem(doc, planInput({ start: 'not a date', end: 'not a date' })), { code: 'invalid-input', messageKey: 'errors.invalidDate', field: 'start' });
  });

  it('refuses a 100,000-character title', () => {
    const { doc, release } = releaseAndCampaign();
    const title = 'x'.repeat(100_000);
    expectRefused(doc, () => createPlanItem(doc, planInput({ title })), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'title', params: { max: 200 } });
    expectRefused(doc, () => updatePlanItem(doc, { id: release, title }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'title', params: { max: 200 } });
  });

  it('refuses a dependency on itself, and one that closes a cycle', () => {
    const { doc, release, campaign } = releaseAndCampaign();
    expectRefused(doc, () => addDependency(doc, { fromId: release, toId: release, by: ALICE }), { code: 'invalid-input', messageKey: 'errors.planSelfDependency', field: 'toId' });
    addDependency(doc, { fromId: campaign, toId: release, by: BOB });
    expectRefused(doc, () => addDependency(doc, { fromId: release, toId: campaign, by: ALICE }), { code: 'invalid-input', messageKey: 'errors.planCycle', field: 'toId' });
  });

  it('refuses only one date of a range', () => {
    const { doc, release } = releaseAndCampaign();
    expectRefused(doc, () => setPlanDates(doc, { id: release, start: '2026-03-10', end: null }), { code: 'invalid-input', messageKey: 'errors.planDatesBoth', field: 'end' });
  });
});
