// What teammates changed on a goals board since a saved state vector, for "While you were
// away": goals created, statuses set, KPI targets changed and check-ins.
import type * as Y from 'yjs';
import type { AwayChange } from '../away';
import { entities, num, str } from '../doc';
import { isNewSince, latestNewWrite, markOf } from '../field-writes';

export function readGoalsChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
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

