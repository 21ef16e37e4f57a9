// The contract of a board kind on screen: what the registry (./kinds.ts) holds for each kind,
// so the workspace, sidebar, search and runtime reach a kind's views and snapshots through it.
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type * as Y from 'yjs';
import type { Locale } from '../../../shared/api/bridge';
import type { AwayChange } from '../../../shared/model/away';
import type { ChartMarker, FeedbackFact, GoalFact, PlanFact } from '../../../shared/model/facts';
import type { FieldConflict } from '../../../shared/model/conflicts';
import type { TrackedValue } from '../../../shared/model/field-writes';
import type { SnapshotReader } from '../boards/board-set';
import type { AppState } from '../state/store';
import type { ActionResult, Runtime } from '../runtime';

/** Something made on another kind's board, handed over as plain data (a workshop cluster becoming feedback). */
export interface IntakeEntry {
  readonly title: string;
  readonly description: string;
}

/** A kind that takes entries made elsewhere: adds one to a board, and takes that same step back. */
export interface BoardIntake {
  /** Adds the entry to board `boardId` as one undo step of that board; returns the new entity's id. */
  add(runtime: Runtime, boardId: string, entry: IntakeEntry): Promise<ActionResult<string>>;
  /** Undoes the add of `entityId`, refused when later edits of mine on that board came after it. */
  undoAdd(runtime: Runtime, boardId: string, entityId: string): ActionResult;
}

/** A kind whose entities others can mark finished (feedback a release addressed goes to Done). */
export interface BoardCompletion {
  /** Moves `ids` of board `boardId` to their board's done state as one undo step there; returns how many moved. */
  markDone(runtime: Runtime, boardId: string, ids: readonly string[]): ActionResult<number>;
  /** Takes that step back, refused when later edits of mine on that board came after it. */
  undoMarkDone(runtime: Runtime, boardId: string): ActionResult;
  /** Whether entity `id` of the board is done already. */
  isDone(board: unknown, id: string): boolean;
}

/** The store slices that hold a kind's snapshots, by board id. */
export type SnapshotSlice = 'goalsBoards' | 'feedbackBoards' | 'meetingsBoards' | 'workshopsBoards' | 'plansBoards';

/** One search result within a board: the goal or item to open. */
export interface SearchHit {
  readonly id: string;
  readonly title: string;
}

/** Something of a board another kind may link to (a goal, for a feedback item), with how it is doing. */
export interface LinkTarget {
  readonly id: string;
  readonly title: string;
  readonly status: 'on-track' | 'at-risk' | 'off-track' | null;
  /** 0–1, or null before there is anything to measure. */
  readonly progress: number | null;
}

/** Plain facts a kind shares with other kinds (a KPI review drafts its agenda from them). */
export interface BoardFacts {
  readonly goals?: readonly GoalFact[];
  readonly feedback?: readonly FeedbackFact[];
  readonly plans?: readonly PlanFact[];
}

/** How a kind's changes read in conflict review and the away summary; `board` is undefined while it loads. */
export interface ReviewLabels<S> {
  /** "Goal “Grow activation”", "Feedback “Dark mode”"; null when the entity is gone. */
  conflictSubject(board: S | undefined, conflict: FieldConflict, t: TFunction): string | null;
  /** A conflicting version in the user's words; undefined when it reads as quoted text. */
  conflictValue(board: S | undefined, conflict: FieldConflict, value: TrackedValue, t: TFunction, locale: Locale): string | undefined;
  /** The new value of a teammate's change; undefined when it reads as a plain number or text. */
  awayValue(board: S | undefined, change: AwayChange, t: TFunction): string | undefined;
}

/** What the renderer knows of a board kind. Each `features/<kind>/index.tsx` exports one. */
export interface BoardFeature<K extends SnapshotSlice = SnapshotSlice> {
  /** The sidebar's mark for boards of this kind. */
  readonly icon: string;
  /** The board view, shown when a board of this kind is open. */
  readonly View: ComponentType;
  /** The sidebar's "+ New …" entry, for kinds a person may add boards of. */
  readonly newBoard?: { readonly labelKey: string; readonly Dialog: ComponentType<{ onClose(): void }> };
  /** Where the runtime keeps this kind's snapshots. */
  readonly slice: K;
  /** A snapshot reader of one board doc; `today` dates period and progress reads. */
  createReader(doc: Y.Doc, today: () => string): SnapshotReader<AppState[K][string]>;
  /** The goal or item `id` of one board, or undefined: its snapshot changes whenever it is edited. */
  entityOf(board: AppState[K][string], id: string): object | undefined;
  /** For kinds other kinds link to: the linkable entities of one board, in board order. */
  linkTargets?(board: AppState[K][string]): readonly LinkTarget[];
  /** For kinds others read facts from: one board's goals or feedback as plain data. */
  facts?(board: AppState[K][string], boardId: string): BoardFacts;
  /**
   * For kinds that mark goals' trend charts (decisions; later, launches). Markers are derived
   * from this kind's own board snapshots rather than written into the goals doc, so a goal
   * never holds a stale copy, deleting the decision removes its marker, and goals need know
   * nothing of the kinds that mark them; only open boards are read, so the cost is per board open.
   */
  chartMarkers?(board: AppState[K][string], boardId: string, t: TFunction, locale: Locale): readonly ChartMarker[];
  /** What of this kind is mine to act on, shown in "My work" beside the meetings' action items. */
  readonly MyWork?: ComponentType;
  /** For kinds other kinds may hand entries to (feedback takes a workshop's cluster). */
  readonly intake?: BoardIntake;
  /** For kinds whose entities others may mark done (feedback items a release addressed). */
  readonly completion?: BoardCompletion;
  readonly reviewLabels: ReviewLabels<AppState[K][string]>;
  readonly search: {
    /** Prefix of a result's key and class of its label (`result-kind <className>`). */
    readonly className: string;
    readonly labelKey: string;
    /** What of one board matches every word (lower-cased), in board order. */
    hits(board: AppState[K][string], words: readonly string[]): Iterable<SearchHit>;
    /** The store change that opens a hit once its board is on screen. */
    select(id: string): Partial<AppState>;
  };
}
