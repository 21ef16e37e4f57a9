// The drafted agenda of a KPI review and the KPI table as it stood on a meeting's date: pure
// functions over plain goal and feedback facts.
import { describe, expect, it } from 'vitest';
import { draftKpiReviewAgenda, kpiTableOn, type FeedbackFact, type GoalFact } from '../../shared/model';

const goal = (id: string, status: GoalFact['status'], checkIns: { date: string; value: number }[]): GoalFact => ({
  boardId: 'b_goals0000000000', id, title: `Goal ${id}`, status, kpis: [{ id: `k_${id}`, name: 'Activation', unit: 'percent', target: 40, checkIns }],
});
const day = (date: string) => Date.parse(`${date}T12:00:00Z`);
const feedback = (id: string, votes: number, created: string): FeedbackFact => ({ boardId: 'b_fb000000000000', id, title: `Item ${id}`, votes, createdAt: day(created) });

describe('a KPI review draft', () => {
  const goals = [
    goal('calm', 'on-track', [{ date: '2026-02-01', value: 30 }, { date: '2026-02-20', value: 30 }]),
    goal('slip', 'at-risk', [{ date: '2026-02-01', value: 30 }, { date: '2026-02-20', value: 27 }, { date: '2026-03-05', value: 25 }]),
    goal('lost', 'off-track', []),
  ];

  it('brings goals at risk or off track, the most urgent first', () => {
    const draft = draftKpiReviewAgenda({ goals, feedback: [], since: '2026-02-10', until: '2026-03-02' });
    expect(draft.atRisk.map((g) => [g.goalId, g.status])).toEqual([['lost', 'off-track'], ['slip', 'at-risk']]);
  });

  it('brings KPIs that moved since the previous review, with the change, ignoring later check-ins', () => {
    const draft = draftKpiReviewAgenda({ goals, feedback: [], since: '2026-02-10', until: '2026-03-02' });
    expect(draft.moved.map((m) => [m.goalId, m.from, m.to, m.delta])).toEqual([['slip', 30, 27, -3]]);
  });

  it('counts a first review from each KPI’s first check-in', () => {
    const draft = draftKpiReviewAgenda({ goals, feedback: [], since: null, until: '2026-03-10' });
    expect(draft.moved.map((m) => [m.goalId, m.delta])).toEqual([['slip', -5]]);
  });

  it('brings the most-voted feedback that arrived since the previous review', () => {
    const items = [feedback('old', 50, '2026-01-05'), feedback('few', 2, '2026-02-15'), feedback('many', 9, '2026-02-20'), feedback('none', 0, '2026-02-21'), feedback('late', 99, '2026-03-04')];
    const draft = draftKpiReviewAgenda({ goals: [], feedback: items, since: '2026-02-10', until: '2026-03-02', topFeedback: 2 });
    expect(draft.topFeedback.map((f) => [f.id, f.votes])).toEqual([['many', 9], ['few', 2]]);
  });

  it('reads each KPI as it stood on the meeting’s date for the minutes', () => {
    expect(kpiTableOn(goals, '2026-02-25').map((r) => [r.goalTitle, r.value])).toEqual([['Goal calm', 30], ['Goal slip', 27], ['Goal lost', undefined]]);
  });

  it('gives each goal the status it had on the meeting’s date, not today’s', () => {
    const slipping: GoalFact = { ...goal('slip', 'off-track', [{ date: '2026-02-01', value: 30 }]), statusOn: (date) => (date < '2026-03-01' ? 'on-track' : 'off-track') };
    expect(kpiTableOn([slipping], '2026-02-25').map((r) => r.status)).toEqual(['on-track']);
    expect(kpiTableOn([slipping], '2026-03-02').map((r) => r.status)).toEqual(['off-track']);
  });
});
