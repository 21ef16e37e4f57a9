// The sample workspace a new person may try Tandem with: a plan (goals with a KPI and a
// quarter's check-ins so far, feedback items linked to them) in the reader's language, and the
// writes that add it through the ordinary mutations, each board's part in one transaction (one undo step).
import type * as Y from 'yjs';
import type { Locale } from '../api/bridge';
import { paletteEn } from '../i18n/palette.en';
import { paletteZhCN } from '../i18n/palette.zh-CN';
import { transactLocal } from './doc';
import { addComment } from './feedback/comments';
import { createFeedbackItem, linkGoal } from './feedback/items';
import { toggleVote } from './feedback/votes';
import { createGoal } from './goals/goals';
import { addCheckIn, addKpi, type KpiUnit } from './goals/kpis';
import { dayNumber, isoFromDayNumber, quarterOf, quarterPeriod, type Period } from './goals/period';
import type { Team } from './workspace';

export interface SampleCheckIn {
  readonly date: string;
  readonly value: number;
  readonly note: string;
}

export interface SampleGoal {
  readonly title: string;
  readonly description: string;
  readonly team: Team;
  readonly period: Period;
  readonly kpi: { readonly name: string; readonly unit: KpiUnit; readonly direction: 'increase' | 'decrease'; readonly baseline: number; readonly target: number };
  /** Oldest first, none after today. */
  readonly checkIns: readonly SampleCheckIn[];
}

export interface SampleItem {
  readonly title: string;
  readonly description: string;
  /** A channel key of the user-feedback template. */
  readonly channel: string;
  /** Index into the plan's goals, or null when the item is linked to none. */
  readonly goal: number | null;
  readonly vote: boolean;
  readonly comment: string;
}

export interface SamplePlan {
  readonly feedbackBoardName: string;
  readonly goals: readonly SampleGoal[];
  readonly items: readonly SampleItem[];
}

const CONTENT = { en: paletteEn.sample.content, 'zh-CN': paletteZhCN.sample.content } as const;

/** The sample in `locale`, dated in the quarter of `today`: check-ins spread from its first day to today. */
export function samplePlan(locale: Locale, today: string): SamplePlan {
  const content = CONTENT[locale];
  const { year, quarter } = quarterOf(today);
  const period = quarterPeriod(year, quarter);
  const first = dayNumber(period.start);
  const span = Math.max(0, dayNumber(today) - first);
  const goals = content.goals.map((goal): SampleGoal => {
    const count = goal.kpi.values.length;
    const checkIns = goal.kpi.values.map((value, i) => ({
      date: isoFromDayNumber(first + (count > 1 ? Math.round((span * i) / (count - 1)) : span)),
      value,
      note: goal.notes[i] ?? '',
    }));
    const direction = 'direction' in goal.kpi && goal.kpi.direction === 'decrease' ? 'decrease' : 'increase';
    return {
      title: goal.title,
      description: goal.description,
      team: goal.team as Team,
      period,
      kpi: { name: goal.kpi.name, unit: goal.kpi.unit as KpiUnit, direction, baseline: goal.kpi.baseline, target: goal.kpi.target },
      checkIns,
    };
  });
  const items = content.items.map((item): SampleItem => ({ title: item.title, description: item.description, channel: item.channel, goal: item.goal, vote: item.votes > 0, comment: item.comment }));
  return { feedbackBoardName: content.feedbackBoard, goals, items };
}

/** Adds the plan's goals, KPIs and check-ins to a goals board in one transaction; returns the goal ids in plan order. */
export function writeSampleGoals(doc: Y.Doc, plan: SamplePlan, memberId: string, now = Date.now()): string[] {
  return transactLocal(doc, () =>
    plan.goals.map((goal) => {
      const goalId = createGoal(doc, { title: goal.title, description: goal.description, team: goal.team, period: goal.period, ownerId: memberId, createdBy: memberId }, now);
      const kpiId = addKpi(doc, { goalId, ...goal.kpi });
      for (const c of goal.checkIns) addCheckIn(doc, { kpiId, value: c.value, date: c.date, note: c.note, authorId: memberId });
      return goalId;
    }),
  );
}

/**
 * Adds the plan's feedback to a feedback board made from the user-feedback template, in one
 * transaction: items, my votes, comments, and links to the goals written by writeSampleGoals.
 */
export function writeSampleFeedback(
  doc: Y.Doc,
  plan: SamplePlan,
  args: { goalsBoardId: string; goalIds: readonly string[]; memberId: string; members: readonly { id: string; name: string }[] },
  now = Date.now(),
): string[] {
  return transactLocal(doc, () =>
    plan.items.map((item) => {
      const itemId = createFeedbackItem(doc, { title: item.title, description: item.description, channelId: item.channel, createdBy: args.memberId }, now);
      const goalId = item.goal === null ? undefined : args.goalIds[item.goal];
      if (goalId) linkGoal(doc, { itemId, boardId: args.goalsBoardId, goalId, actorId: args.memberId }, now);
      if (item.vote) toggleVote(doc, { itemId, memberId: args.memberId }, now);
      if (item.comment) addComment(doc, { itemId, authorId: args.memberId, body: item.comment, members: [...args.members] }, now);
      return itemId;
    }),
  );
}
