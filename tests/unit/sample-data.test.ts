// The sample workspace: a plan in the reader's language dated within the current quarter, and
// its writes through the ordinary mutations, each board's part one transaction (one undo step).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../../shared/model/origin';
import { initFeedbackBoard } from '../../shared/model/feedback/board';
import { readFeedbackBoard } from '../../shared/model/feedback/read';
import { createGoalsReader } from '../../shared/model/goals/read';
import { archiveSampleBoards, markSampleBoard, removeSampleGoals, samplePlan, writeSampleFeedback, writeSampleGoals } from '../../shared/model/sample';
import { createGoal } from '../../shared/model/goals/goals';
import { addBoard, initWorkspace, readWorkspace } from '../../shared/model/workspace';

const TODAY = '2026-05-20';

describe('the sample plan', () => {
  it('dates every check-in within the current quarter, oldest first and none after today', () => {
    const plan = samplePlan('en', TODAY);
    expect(plan.goals.length).toBeGreaterThanOrEqual(3);
    for (const goal of plan.goals) {
      expect(goal.period).toEqual({ kind: 'quarter', start: '2026-04-01', end: '2026-06-30' });
      const dates = goal.checkIns.map((c) => c.date);
      expect(dates).toEqual([...dates].sort());
      expect(dates[0]).toBe('2026-04-01');
      expect(dates.at(-1)).toBe(TODAY);
    }
  });

  it('reads in 简体中文 with the same shape as in English', () => {
    const en = samplePlan('en', TODAY);
    const zh = samplePlan('zh-CN', TODAY);
    expect(zh.feedbackBoardName).toBe('用户反馈（示例）');
    expect(zh.goals.map((g) => g.kpi.target)).toEqual(en.goals.map((g) => g.kpi.target));
    expect(zh.items.map((i) => [i.channel, i.goal])).toEqual(en.items.map((i) => [i.channel, i.goal]));
    expect(zh.goals[0]?.title).toBe('提升每周活跃团队数');
  });

  it('has about forty items in every column but Merged, most with votes', () => {
    const plan = samplePlan('en', TODAY);
    expect(plan.items.length).toBe(40);
    expect(new Set(plan.items.map((i) => i.status))).toEqual(new Set(['new', 'under-review', 'planned', 'in-progress', 'done', 'declined']));
    expect(plan.items.filter((i) => i.voters.length > 0).length).toBeGreaterThan(30);
    for (const item of plan.items) expect(new Set(item.voters).size).toBe(item.voters.length);
  });

  it('links items only to goals the plan has', () => {
    const plan = samplePlan('en', TODAY);
    for (const item of plan.items) if (item.goal !== null) expect(plan.goals[item.goal]).toBeDefined();
  });
});

describe('writing the sample', () => {
  it('adds goals with a KPI and their check-ins as one undo step', () => {
    const doc = new Y.Doc();
    const undo = new Y.UndoManager([doc.getMap('goals'), doc.getMap('kpis'), doc.getMap('checkIns')], { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    const plan = samplePlan('en', TODAY);
    const ids = writeSampleGoals(doc, plan, 'm_mei', 1_000);
    const board = createGoalsReader(doc, () => TODAY).read();
    expect(board.goals.map((g) => g.id)).toEqual(ids);
    expect(board.goals.map((g) => g.kpis[0]?.checkIns.length)).toEqual(plan.goals.map((g) => g.checkIns.length));
    expect(board.goals.every((g) => g.status !== null)).toBe(true);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(createGoalsReader(doc, () => TODAY).read().goals).toEqual([]);
  });

  it('adds the feedback with votes, comments and links to the sample goals in one transaction', () => {
    const doc = new Y.Doc();
    initFeedbackBoard(doc, { source: 'user' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const plan = samplePlan('zh-CN', TODAY);
    const goalIds = plan.goals.map((_, i) => `g_sample${i}`);
    const ids = writeSampleFeedback(doc, plan, { goalsBoardId: 'b_goals', goalIds, memberId: 'm_mei', members: [{ id: 'm_mei', name: 'Mei' }] }, 1_000);
    expect(transactions).toBe(1);
    const board = readFeedbackBoard(doc);
    const items = ids.map((id) => board.items.get(id));
    expect(items.map((i) => i?.title)).toEqual(plan.items.map((i) => i.title));
    plan.items.forEach((planned, index) => {
      const item = items[index];
      expect(item?.links.map((l) => l.goalId)).toEqual(planned.goal === null ? [] : [goalIds[planned.goal]]);
      expect(item?.voteCount).toBe(planned.voters.length + (planned.mine ? 1 : 0));
      expect(item?.statusId).toBe(planned.status);
      expect(board.comments.get(ids[index] ?? '')?.length ?? 0).toBe(planned.comment ? 1 : 0);
    });
  });
});

describe('removing the sample', () => {
  it('deletes only the goals marked as sample, with their KPIs and check-ins, in one transaction', () => {
    const doc = new Y.Doc();
    const mine = createGoal(doc, { title: 'My own goal', team: 'product', period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' }, createdBy: 'm_mei' }, 500);
    const before = JSON.stringify(doc.getMap('goals').get(mine));
    writeSampleGoals(doc, samplePlan('en', TODAY), 'm_mei', 1_000);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(removeSampleGoals(doc)).toBe(3);
    expect(transactions).toBe(1);
    const board = createGoalsReader(doc, () => TODAY).read();
    expect(board.goals.map((g) => g.id)).toEqual([mine]);
    expect(board.goals[0]?.sample).toBe(false);
    expect(JSON.stringify(doc.getMap('goals').get(mine))).toBe(before);
    expect(doc.getMap('kpis').size).toBe(0);
    expect(doc.getMap('checkIns').size).toBe(0);
  });

  it('archives only the boards marked as sample', () => {
    const doc = new Y.Doc();
    initWorkspace(doc, { name: 'Acme', member: { id: 'm_mei', name: 'Mei', team: 'product' }, goalsBoard: { id: 'b_goals', name: 'Goals' } });
    addBoard(doc, { id: 'b_mine', kind: 'feedback', name: 'Mine' });
    addBoard(doc, { id: 'b_sample', kind: 'feedback', name: 'User feedback (sample)' });
    markSampleBoard(doc, 'b_sample');
    expect(archiveSampleBoards(doc)).toBe(1);
    const boards = readWorkspace(doc).boards;
    expect(boards.map((b) => [b.id, b.archived, b.sample])).toEqual([
      ['b_goals', false, false],
      ['b_mine', false, false],
      ['b_sample', true, true],
    ]);
    expect(archiveSampleBoards(doc)).toBe(0);
  });
});
