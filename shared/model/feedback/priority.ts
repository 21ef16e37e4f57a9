// The priority score of a feedback item: a pure function of its votes, importance, impact and
// effort, so every laptop shows and sorts by the same number.

export interface PriorityInput {
  /** Distinct voters, members and customers alike. */
  readonly votes: number;
  /** 1 nice-to-have, 2 important, 3 critical. */
  readonly importance: number;
  /** 1–5. */
  readonly impact: number;
  /** 1–5. */
  readonly effort: number;
}

/** Importance as reach-equivalent points: critical weighs as much as 15 votes. */
export const IMPORTANCE_WEIGHT: Readonly<Record<1 | 2 | 3, number>> = { 1: 1, 2: 2, 3: 4 };

const clamp = (value: number, min: number, max: number, fallback: number) => (Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback);

/**
 * A RICE-like score:
 *
 *     priority = (log2(1 + votes) + importanceWeight) × impact ÷ effort
 *
 * - Reach grows with the logarithm of the votes: each doubling adds a point (1 vote → 1,
 *   3 → 2, 7 → 3, 15 → 4), so a popular request rises steadily without a hundred votes
 *   drowning every critical issue.
 * - Importance adds 1, 2 or 4 points (nice-to-have, important, critical), so an unvoted
 *   critical item starts above an unvoted nice-to-have.
 * - Impact multiplies and effort divides (both 1–5), as in RICE and the impact-versus-effort
 *   matrix: a quick win (impact 5, effort 1) scores 25 times a long shot (impact 1, effort 5).
 *
 * The score is always finite and positive: from 0.2 (no votes, nice-to-have, impact 1, effort
 * 5). Values a peer wrote out of range are clamped into range.
 */
export function feedbackPriority(input: PriorityInput): number {
  const votes = Number.isFinite(input.votes) ? Math.max(0, Math.floor(input.votes)) : 0;
  const importance = clamp(input.importance, 1, 3, 1) as 1 | 2 | 3;
  const impact = clamp(input.impact, 1, 5, 3);
  const effort = clamp(input.effort, 1, 5, 3);
  return ((Math.log2(1 + votes) + IMPORTANCE_WEIGHT[importance]) * impact) / effort;
}

export interface Prioritised {
  readonly id: string;
  readonly priority: number;
  readonly voteCount: number;
  readonly createdAt: number;
}

/** Highest priority first; then more votes, then older, then by id, so the order is total and the same everywhere. */
export function compareByPriority(a: Prioritised, b: Prioritised): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.voteCount !== b.voteCount) return b.voteCount - a.voteCount;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
