// Facts and chart markers gathered from every open board through the registry of kinds: the
// goals and feedback a KPI review drafts from, and the markers a goal's trend chart shows.
// Kinds meet here as plain data and never import each other's folders.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartMarker, FeedbackFact, GoalFact, PlanFact } from '../../../shared/model/facts';
import { useApp } from '../context';
import type { AppState } from '../state/store';
import type { BoardFeature, SnapshotSlice } from './board-feature';
import { boardFeatures } from './kinds';

/** Every open board's snapshots, per kind, in the registry's order (stable while none changes). */
function useAllBoards(): readonly (readonly [BoardFeature, AppState[SnapshotSlice]])[] {
  const goals = useApp((s) => s.goalsBoards);
  const feedback = useApp((s) => s.feedbackBoards);
  const meetings = useApp((s) => s.meetingsBoards);
  const workshops = useApp((s) => s.workshopsBoards);
  const plans = useApp((s) => s.plansBoards);
  return useMemo(() => {
    const slices: Record<SnapshotSlice, AppState[SnapshotSlice]> = { goalsBoards: goals, feedbackBoards: feedback, meetingsBoards: meetings, workshopsBoards: workshops, plansBoards: plans };
    return boardFeatures().map(([, feature]) => [feature, slices[feature.slice]] as const);
  }, [goals, feedback, meetings, workshops, plans]);
}

/** Goals, feedback items and plan items of every open board, as plain facts. */
export function useBoardFacts(): { goals: readonly GoalFact[]; feedback: readonly FeedbackFact[]; plans: readonly PlanFact[] } {
  const all = useAllBoards();
  return useMemo(() => {
    const goals: GoalFact[] = [];
    const feedback: FeedbackFact[] = [];
    const plans: PlanFact[] = [];
    for (const [feature, boards] of all) {
      if (!feature.facts) continue;
      for (const [boardId, board] of Object.entries(boards)) {
        const facts = feature.facts(board as never, boardId);
        goals.push(...(facts.goals ?? []));
        feedback.push(...(facts.feedback ?? []));
        plans.push(...(facts.plans ?? []));
      }
    }
    return { goals, feedback, plans };
  }, [all]);
}

/** The markers every kind puts on the trend chart of goal `goalKey` (`${boardId}:${goalId}`), by date. */
export function useChartMarkers(goalKey: string): readonly ChartMarker[] {
  const all = useAllBoards();
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return useMemo(() => {
    const markers: ChartMarker[] = [];
    for (const [feature, boards] of all) {
      if (!feature.chartMarkers) continue;
      for (const [boardId, board] of Object.entries(boards)) {
        for (const marker of feature.chartMarkers(board as never, boardId, t, locale)) if (marker.goalKey === goalKey) markers.push(marker);
      }
    }
    return markers.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
  }, [all, goalKey, t, locale]);
}
