// The sample workspace a new person may try Tandem with: a plan (goals with a KPI and a
// quarter's check-ins so far, forty feedback items with customers' votes, comments and links to
// the goals) in the reader's language; the writes that add it through the ordinary mutations,
// each board's part in one transaction, marking each goal and the board as sample; and the one
// step that removes everything so marked, on any laptop, at any later time.
import type * as Y from 'yjs';
import type { Locale } from '../api/bridge';
import { paletteEn } from '../i18n/palette.en';
import { paletteZhCN } from '../i18n/palette.zh-CN';
import { sampleCustomersEn, sampleItemsEn, type SampleItemContent } from '../i18n/sample-items.en';
import { sampleCustomersZhCN, sampleItemsZhCN } from '../i18n/sample-items.zh-CN';
import { entities, transactLocal } from './doc';
import { addComment } from './feedback/comments';
import { createFeedbackItem, linkGoal } from './feedback/items';
import { addCustomerVote, toggleVote } from './feedback/votes';
import { createGoal, deleteGoal } from './goals/goals';
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

export interface SampleItem extends Omit<SampleItemContent, 'votes'> {
  /** The customers who voted for it. */
  readonly voters: readonly string[];
}

export interface SamplePlan {
  readonly feedbackBoardName: string;
  readonly goals: readonly SampleGoal[];
  readonly items: readonly SampleItem[];
}

const CONTENT = {
  en: { ...paletteEn.sample.content, items: sampleItemsEn, customers: sampleCustomersEn },
  'zh-CN': { ...paletteZhCN.sample.content, items: sampleItemsZhCN, customers: sampleCustomersZhCN },
} as const;

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
  const items = content.items.map(({ votes, ...item }, i): SampleItem => {
    // The customer who asked votes first, then others in turn, so counts differ from item to item.
    const others = content.customers.filter((c) => c !== item.customer);
    const voters = [...(item.customer ? [item.customer] : []), ...Array.from({ length: others.length }, (_, k) => others[(i + k) % others.length] as string)];
    return { ...item, voters: voters.slice(0, votes) };
  });
  return { feedbackBoardName: content.feedbackBoard, goals, items };
}

/** Adds the plan's goals, KPIs and check-ins to a goals board in one transaction; returns the goal ids in plan order. */
export function writeSampleGoals(doc: Y.Doc, plan: SamplePlan, memberId: string, now = Date.now()): string[] {
  return transactLocal(doc, () =>
    plan.goals.map((goal) => {
      const goalId = createGoal(doc, { title: goal.title, description: goal.description, team: goal.team, period: goal.period, ownerId: memberId, createdBy: memberId }, now);
      (doc.getMap('goals').get(goalId) as Y.Map<unknown>).set('sample', true);
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
      const itemId = createFeedbackItem(
        doc,
        { title: item.title, description: item.description, channelId: item.channel, statusId: item.status, customer: item.customer, impact: item.impact, effort: item.effort, createdBy: args.memberId },
        now,
      );
      const goalId = item.goal === null ? undefined : args.goalIds[item.goal];
      if (goalId) linkGoal(doc, { itemId, boardId: args.goalsBoardId, goalId, actorId: args.memberId }, now);
      for (const customer of item.voters) addCustomerVote(doc, { itemId, customer, recordedBy: args.memberId }, now);
      if (item.mine) toggleVote(doc, { itemId, memberId: args.memberId }, now);
      if (item.comment) addComment(doc, { itemId, authorId: args.memberId, body: item.comment, members: [...args.members] }, now);
      return itemId;
    }),
  );
}

/** Marks a board of the workspace index as the sample's, so "Remove sample data" finds it on any laptop. */
export function markSampleBoard(workspaceDoc: Y.Doc, boardId: string): void {
  transactLocal(workspaceDoc, () => (workspaceDoc.getMap('boards').get(boardId) as Y.Map<unknown> | undefined)?.set('sample', true));
}

/** Deletes the sample's goals (with their KPIs and check-ins) from a goals board in one transaction; returns how many. */
export function removeSampleGoals(doc: Y.Doc): number {
  return transactLocal(doc, () => {
    const ids = [...entities(doc.getMap('goals'))].filter(([, goal]) => goal.get('sample') === true).map(([id]) => id);
    for (const id of ids) deleteGoal(doc, { id });
    return ids.length;
  });
}

/**
 * Archives the sample's boards in one transaction; returns how many. Archived, not erased: an
 * item a person added to the sample board by hand comes back with the board if they restore it.
 */
export function archiveSampleBoards(workspaceDoc: Y.Doc): number {
  return transactLocal(workspaceDoc, () => {
    let count = 0;
    for (const [, board] of entities(workspaceDoc.getMap('boards'))) {
      if (board.get('sample') !== true || board.get('archived') === true) continue;
      board.set('archived', true);
      count++;
    }
    return count;
  });
}
