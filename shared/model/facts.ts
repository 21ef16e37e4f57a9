// Plain facts one board kind shares with others through the registries, never by importing
// another kind's folder: a goal with its KPI history, a feedback item with its votes, and a
// dated marker for a goal's trend chart. Kinds produce and consume these as plain data.

/** A goal's status, as its board reads it; null before anything can be measured. */
export type FactStatus = 'on-track' | 'at-risk' | 'off-track' | null;

/** A goal of some goals board with each KPI's dated values (oldest first). */
export interface GoalFact {
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly status: FactStatus;
  /** The goal's status as it stood on a date (`YYYY-MM-DD`), a pure function of its board; absent: `status`. */
  readonly statusOn?: (date: string) => FactStatus;
  readonly kpis: readonly {
    readonly id: string;
    readonly name: string;
    readonly unit: 'number' | 'percent' | 'currency' | 'boolean';
    readonly target: number;
    readonly checkIns: readonly { readonly date: string; readonly value: number }[];
  }[];
}

/** A live (not merged-away) feedback item of some feedback board. */
export interface FeedbackFact {
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly votes: number;
  /** When it was created, in ms since the epoch. */
  readonly createdAt: number;
}

/** A plan item of some plan board, as other kinds see it (a KPI review lists launches and slips). */
export interface PlanFact {
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly status: 'idea' | 'planned' | 'in-progress' | 'launched' | 'done' | 'cancelled';
  readonly ownerId: string | null;
  /** `YYYY-MM-DD`, once launched. */
  readonly launchedOn: string | null;
  /** Each time its end moved later: when (ms since the epoch) and by how many days. */
  readonly slips: readonly { readonly at: number; readonly days: number }[];
  /** Waits on something that moved later, was cancelled or deleted. */
  readonly blocked: boolean;
  /** The titles of what moved, up its chain or directly (none for what was deleted). */
  readonly waitsOn: readonly string[];
  /** Goals it should move, as `${boardId}:${goalId}`. */
  readonly goalKeys: readonly string[];
  /** Feedback items it addresses, as `${boardId}:${itemId}`. */
  readonly feedbackKeys: readonly string[];
}

/** A dated mark another kind puts on a goal's trend chart (a decision, a launch). */
export interface ChartMarker {
  /** Unique among all markers: the providing kind's entity key. */
  readonly key: string;
  /** The goal it marks, as `${boardId}:${goalId}`. */
  readonly goalKey: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** What happened, in the user's words ("Decision: pause the paid campaign"). */
  readonly label: string;
  /** Where it happened ("Weekly KPI review, 3 March"). */
  readonly detail: string;
  /** A launch: the goal's panel compares each KPI before and after this date. */
  readonly compare?: boolean;
}
