// The sample workspace: a plan in the reader's language dated within the current quarter, and
// its writes through the ordinary mutations, each board's part one transaction (one undo step).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../../shared/model/origin';
import { initFeedbackBoard } from '../../shared/model/feedback/board';
import { readFeedbackBoard } from '../../shared/model/feedback/read';
import { createGoalsReader } from '../../shared/model/goals/read';
import { samplePlan, writeSampleFeedback, writeSampleGoals } from '../../shared/model/sample';

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
      expect(item?.voteCount).toBe(planned.vote ? 1 : 0);
      expect(board.comments.get(ids[index] ?? '')?.length ?? 0).toBe(planned.comment ? 1 : 0);
    });
  });
});
