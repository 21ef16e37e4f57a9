// Why a goal has the status it shows, in numbers a person can check: how much of the target is
// reached against how much of the period has gone ("40% of target at 70% of the period").
import { elapsedFraction } from '../../../../shared/model/goals/period';
import type { GoalSnapshot } from '../../../../shared/model/goals/read';

export interface StatusReason {
  readonly messageKey: 'offTrack.behind' | 'offTrack.onPace' | 'offTrack.setByHand';
  readonly params: { readonly progress: number; readonly elapsed: number };
}

/** The reason under a goal's status pill; null before the first check-in. */
export function statusReason(goal: Pick<GoalSnapshot, 'status' | 'statusOverride' | 'progress' | 'period'>, today: string): StatusReason | null {
  if (goal.status === null || goal.progress === null) return null;
  const params = { progress: Math.round(goal.progress * 100), elapsed: Math.round(elapsedFraction(goal.period, today) * 100) };
  if (goal.statusOverride !== null) return { messageKey: 'offTrack.setByHand', params };
  return { messageKey: goal.status === 'on-track' ? 'offTrack.onPace' : 'offTrack.behind', params };
}
