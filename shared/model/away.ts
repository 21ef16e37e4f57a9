// "While you were away": what teammates changed on a board that this laptop had not yet seen
// when it was last caught up, given the state vector it saved then. A change counts when its
// change mark (writer's client id and clock) lies beyond that state vector.
import type * as Y from 'yjs';
import { entities, num, str } from './doc';
import { readFieldWrites, isNewSince, type ChangeMark, type FieldWrite } from './field-writes';

export type AwayChangeKind =
  | 'goal-created' | 'goal-status' | 'kpi-target' | 'check-in'
  | 'item-created' | 'item-moved' | 'item-retitled' | 'item-merged' | 'item-linked' | 'comment';

/** One thing a teammate did. `targetId` is the goal or item to open. */
export interface AwayChange {
  readonly kind: AwayChangeKind;
  readonly by: string;
  readonly at: number;
  readonly target: 'goal' | 'item';
  readonly targetId: string;
  /** The goal's or item's title now. */
  readonly title: string;
  /** The new value: a status key, a column id, a number; null when the kind has none. */
  readonly value: string | number | null;
  /** The KPI's name, for KPI targets and check-ins. */
  readonly kpiName: string | null;
}

/** At most this many changes per board, the latest: the panel is a summary, not a log. */
export const AWAY_LIMIT = 200;

const markOf = (m: Y.Map<unknown>): Partial<ChangeMark> => ({ c: m.get('c') as number, k: m.get('k') as number });

/** The latest write of `field` that is new since `seen` and not mine. */
function latestNewWrite(entity: Y.Map<unknown>, field: string, seen: ReadonlyMap<number, number>, me: string): FieldWrite | undefined {
  let latest: FieldWrite | undefined;
  for (const w of readFieldWrites(entity, field)) {
    if (w.by === null || w.by === me || !isNewSince(seen, w)) continue;
    if (!latest || w.at > latest.at) latest = w;
  }
  return latest;
}

function readGoalsChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
  const titles = new Map<string, string>();
  for (const [id, goal] of entities(doc.getMap('goals'))) {
    const title = str(goal.get('title'));
    titles.set(id, title);
    const base = { target: 'goal', targetId: id, title, kpiName: null } as const;
    const by = str(goal.get('createdBy'));
    if (by !== me && isNewSince(seen, markOf(goal))) out.push({ ...base, kind: 'goal-created', by, at: num(goal.get('createdAt')), value: null });
    const status = latestNewWrite(goal, 'statusOverride', seen, me);
    if (status) out.push({ ...base, kind: 'goal-status', by: status.by as string, at: status.at, value: status.value });
  }
  const kpis = new Map<string, { goalId: string; name: string }>();
  for (const [id, kpi] of entities(doc.getMap('kpis'))) {
    const goalId = str(kpi.get('goalId'));
    const name = str(kpi.get('name'));
    kpis.set(id, { goalId, name });
    const target = latestNewWrite(kpi, 'target', seen, me);
    if (target && titles.has(goalId)) out.push({ kind: 'kpi-target', by: target.by as string, at: target.at, target: 'goal', targetId: goalId, title: titles.get(goalId) ?? '', value: target.value, kpiName: name });
  }
  for (const [, checkIn] of entities(doc.getMap('checkIns'))) {
    const by = str(checkIn.get('authorId'));
    const kpi = kpis.get(str(checkIn.get('kpiId')));
    if (by === me || !kpi || !titles.has(kpi.goalId) || !isNewSince(seen, markOf(checkIn))) continue;
    out.push({ kind: 'check-in', by, at: num(checkIn.get('createdAt')), target: 'goal', targetId: kpi.goalId, title: titles.get(kpi.goalId) ?? '', value: num(checkIn.get('value')), kpiName: kpi.name });
  }
}

const ACTIVITY_KINDS: Readonly<Record<string, AwayChangeKind>> = { created: 'item-created', imported: 'item-created', status: 'item-moved', merged: 'item-merged', linked: 'item-linked' };

function readFeedbackChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
  const titles = new Map<string, string>();
  for (const [id, item] of entities(doc.getMap('items'))) {
    const title = str(item.get('title'));
    titles.set(id, title);
    const retitle = latestNewWrite(item, 'title', seen, me);
    if (retitle) out.push({ kind: 'item-retitled', by: retitle.by as string, at: retitle.at, target: 'item', targetId: id, title, value: retitle.value, kpiName: null });
  }
  for (const [, entry] of entities(doc.getMap('activity'))) {
    const kind = ACTIVITY_KINDS[str(entry.get('kind'))];
    const by = str(entry.get('actorId'));
    const itemId = str(entry.get('itemId'));
    // A merge is logged on both items: list it once, on the item merged away.
    if (!kind || by === me || !titles.has(itemId) || (kind === 'item-merged' && entry.get('from') !== itemId) || !isNewSince(seen, markOf(entry))) continue;
    const to = entry.get('to');
    out.push({ kind, by, at: num(entry.get('at')), target: 'item', targetId: itemId, title: titles.get(itemId) ?? '', value: typeof to === 'string' ? to : null, kpiName: null });
  }
  for (const [, comment] of entities(doc.getMap('comments'))) {
    const by = str(comment.get('authorId'));
    const itemId = str(comment.get('itemId'));
    if (by === me || comment.get('deleted') === true || !titles.has(itemId) || !isNewSince(seen, markOf(comment))) continue;
    out.push({ kind: 'comment', by, at: num(comment.get('createdAt')), target: 'item', targetId: itemId, title: titles.get(itemId) ?? '', value: null, kpiName: null });
  }
}

/**
 * What teammates (anyone but `me`) changed on a board since the state vector `seen`, oldest
 * first. Moves of one item by one person collapse to the last; at most `AWAY_LIMIT` entries.
 */
export function readAwayChanges(doc: Y.Doc, board: 'goals' | 'feedback', seen: ReadonlyMap<number, number>, me: string): AwayChange[] {
  const out: AwayChange[] = [];
  if (board === 'goals') readGoalsChanges(doc, seen, me, out);
  else readFeedbackChanges(doc, seen, me, out);
  out.sort((a, b) => a.at - b.at || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
  const lastMove = new Map<string, number>();
  out.forEach((c, i) => c.kind === 'item-moved' && lastMove.set(`${c.by}|${c.targetId}`, i));
  const kept = out.filter((c, i) => c.kind !== 'item-moved' || lastMove.get(`${c.by}|${c.targetId}`) === i);
  return kept.slice(-AWAY_LIMIT);
}
