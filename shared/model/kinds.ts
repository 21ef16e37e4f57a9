// The registry of board kinds: the one list through which the workspace, conflict review and
// "while you were away" know what a kind of board holds. A new kind is a folder beside
// goals/ and feedback/ with a descriptor, and one line in BOARD_KINDS.
import type * as Y from 'yjs';
import type { AwayChange } from './away';
import { feedbackKind } from './feedback/kind';
import type { TrackedValue } from './field-writes';
import { goalsKind } from './goals/kind';
import { meetingsKind } from './meetings/kind';
import { plansKind } from './plans/kind';
import { workshopsKind } from './workshops/kind';

/** Fields of one entity kind that keep a write history, so offline conflicts show. */
export interface TrackedFields {
  /** The top-level map of the board doc that holds these entities. */
  readonly collection: string;
  readonly fields: readonly string[];
  /** A field naming the entity the UI opens for a conflict (a KPI opens its goal); else the entity itself. */
  readonly ownerField?: string;
}

/** A version someone chose to keep, handed to the kind before it is written. */
export interface KeptVersion {
  readonly entityKind: string;
  readonly entityId: string;
  readonly field: string;
  readonly value: TrackedValue;
  readonly actorId: string;
  readonly now: number;
}

/** What the model knows of a board kind. Each kind folder exports one (its `kind.ts`). */
export interface BoardKindModel {
  /** The doc schema version this app writes for the kind. */
  readonly schemaVersion: number;
  /** Top-level maps of the board doc that undo covers. */
  readonly undoScope: readonly string[];
  /** Top-level types the kind makes per entity (named by its id) that undo covers too. */
  readonly undoEntityTypes?: (doc: Y.Doc) => readonly (Y.Text | Y.Map<unknown>)[];
  /** Entity kind → the fields tracked for conflict review. */
  readonly conflictFields: Readonly<Record<string, TrackedFields>>;
  /** Appends what teammates changed since `seen` (not yet sorted or capped). */
  readAwayChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void;
  /** Checks (and may record) a kept conflict version before it is written; throws to refuse it. */
  beforeKeepVersion?(doc: Y.Doc, kept: KeptVersion): void;
}

/** Every board kind, by the id stored in the workspace's board index. Order is the sidebar's. */
export const BOARD_KINDS = {
  goals: goalsKind,
  feedback: feedbackKind,
  meetings: meetingsKind,
  workshops: workshopsKind,
  plans: plansKind,
} as const satisfies Readonly<Record<string, BoardKindModel>>;

export type BoardKind = keyof typeof BOARD_KINDS;
export const BOARD_KIND_IDS = Object.keys(BOARD_KINDS) as readonly BoardKind[];

/** An entity kind some board kind tracks for conflicts ('goal', 'kpi', 'item', …). */
export type ConflictEntityKind = { [K in BoardKind]: keyof (typeof BOARD_KINDS)[K]['conflictFields'] & string }[BoardKind];

/** Which fields of which entity kind keep a write history, gathered from every kind. */
export const TRACKED_FIELDS = Object.fromEntries(
  BOARD_KIND_IDS.flatMap((kind) => Object.entries(BOARD_KINDS[kind].conflictFields as Readonly<Record<string, TrackedFields>>)),
) as Readonly<Record<ConflictEntityKind, TrackedFields>>;

/** The board kind that owns an entity kind. */
export function boardKindOfEntity(entityKind: ConflictEntityKind): BoardKind {
  return BOARD_KIND_IDS.find((kind) => entityKind in BOARD_KINDS[kind].conflictFields) as BoardKind;
}

export const isBoardKind = (value: unknown): value is BoardKind => typeof value === 'string' && Object.hasOwn(BOARD_KINDS, value);
