// The drafted agenda of a KPI review, and the KPI table as it stood on a date: pure functions
// over plain facts (goals with their KPI check-ins, feedback items with votes) that the
// renderer gathers from the open boards through the registry of kinds.
import type { FeedbackFact, GoalFact, PlanFact } from '../facts';

export interface DraftedGoal {
  readonly boardId: string;
  readonly goalId: string;
  readonly title: string;
  readonly status: 'at-risk' | 'off-track';
}

export interface DraftedKpiMove {
  readonly boardId: string;
  readonly goalId: string;
  readonly goalTitle: string;
  readonly kpiId: string;
  readonly kpiName: string;
  readonly unit: GoalFact['kpis'][number]['unit'];
  readonly from: number;
  readonly to: number;
  readonly delta: number;
}

export interface DraftedFeedback {
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly votes: number;
}

/** A plan item launched, slipped or blocked since the last review. */
export interface DraftedPlanItem {
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly change: 'launched' | 'slipped' | 'blocked';
  /** Launched: the day; slipped: how many days later in all since the last review. */
  readonly launchedOn?: string;
  readonly days?: number;
  /** Blocked: the titles of what moved (empty when what moved is gone). */
  readonly waitsOn?: readonly string[];
}

export interface KpiReviewDraft {
  readonly atRisk: readonly DraftedGoal[];
  readonly moved: readonly DraftedKpiMove[];
  readonly topFeedback: readonly DraftedFeedback[];
  readonly plans: readonly DraftedPlanItem[];
}

export interface KpiReviewInputs {
  readonly goals: readonly GoalFact[];
  readonly feedback: readonly FeedbackFact[];
  /** The date of the series' previous KPI review; null for the first review (everything counts). */
  readonly since: string | null;
  /** The review's own date: later check-ins are not yet known. */
  readonly until: string;
  /** How many feedback items to bring (the most voted). */
  readonly topFeedback?: number;
  /** Plan items of every open plan board. */
  readonly plans?: readonly PlanFact[];
}

/** The value of a KPI on `date`: its latest check-in on or before it (check-ins oldest first). */
export function valueOn(checkIns: readonly { date: string; value: number }[], date: string): number | undefined {
  let value: number | undefined;
  for (const c of checkIns) if (c.date <= date) value = c.value;
  return value;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a KPI review should discuss: goals at risk or off track, KPIs whose value moved since the
 * last review (with the change), and the most-voted feedback that arrived since then.
 */
export function draftKpiReviewAgenda(inputs: KpiReviewInputs): KpiReviewDraft {
  const atRisk: DraftedGoal[] = [];
  const moved: DraftedKpiMove[] = [];
  for (const goal of inputs.goals) {
    if (goal.status === 'at-risk' || goal.status === 'off-track') atRisk.push({ boardId: goal.boardId, goalId: goal.id, title: goal.title, status: goal.status });
    for (const kpi of goal.kpis) {
      const to = valueOn(kpi.checkIns, inputs.until);
      // Before a first review, a KPI moved from its first check-in.
      const from = inputs.since === null ? kpi.checkIns[0]?.value : valueOn(kpi.checkIns, inputs.since);
      if (to === undefined || from === undefined || to === from) continue;
      moved.push({ boardId: goal.boardId, goalId: goal.id, goalTitle: goal.title, kpiId: kpi.id, kpiName: kpi.name, unit: kpi.unit, from, to, delta: to - from });
    }
  }
  // Off track before at risk: the most urgent first.
  atRisk.sort((a, b) => (a.status === b.status ? 0 : a.status === 'off-track' ? -1 : 1));
  const since = inputs.since;
  const topFeedback = inputs.feedback
    .filter((f) => f.votes > 0 && dayOf(f.createdAt) <= inputs.until && (since === null || dayOf(f.createdAt) > since))
    .sort((a, b) => b.votes - a.votes || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
    .slice(0, inputs.topFeedback ?? 5)
    .map((f) => ({ boardId: f.boardId, id: f.id, title: f.title, votes: f.votes }));
  return { atRisk, moved, topFeedback, plans: draftPlans(inputs.plans ?? [], since, inputs.until) };
}

/** Launched in (since, until], slipped in (since, until] (days added up), or blocked now; in that order, then by title. */
function draftPlans(plans: readonly PlanFact[], since: string | null, until: string): DraftedPlanItem[] {
  const within = (day: string) => day <= until && (since === null || day > since);
  const out: DraftedPlanItem[] = [];
  const sorted = [...plans].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1));
  for (const p of sorted) if (p.launchedOn !== null && within(p.launchedOn)) out.push({ boardId: p.boardId, id: p.id, title: p.title, change: 'launched', launchedOn: p.launchedOn });
  for (const p of sorted) {
    const days = p.slips.filter((s) => within(dayOf(s.at))).reduce((sum, s) => sum + s.days, 0);
    if (days > 0 && p.status !== 'cancelled') out.push({ boardId: p.boardId, id: p.id, title: p.title, change: 'slipped', days });
  }
  for (const p of sorted) if (p.blocked && p.status !== 'done' && p.status !== 'cancelled') out.push({ boardId: p.boardId, id: p.id, title: p.title, change: 'blocked', waitsOn: p.waitsOn });
  return out;
}

export interface KpiTableRow {
  readonly goalTitle: string;
  readonly status: GoalFact['status'];
  readonly kpiName: string;
  readonly unit: GoalFact['kpis'][number]['unit'];
  /** The value on the date; undefined before the first check-in. */
  readonly value: number | undefined;
  readonly target: number;
}

/** Every KPI of the goals with its value and its goal's status as they stood on `date`, for a meeting's minutes. */
export function kpiTableOn(goals: readonly GoalFact[], date: string): KpiTableRow[] {
  return goals.flatMap((goal) => goal.kpis.map((kpi) => ({ goalTitle: goal.title, status: goal.statusOn ? goal.statusOn(date) : goal.status, kpiName: kpi.name, unit: kpi.unit, value: valueOn(kpi.checkIns, date), target: kpi.target })));
}
