// Exports of a plan: CSV (one row per item, through the CSV-injection-safe writer) and Markdown
// (one section per horizon), in the language on screen; the names come from the caller.
import { horizonOf, type PlanItemSnapshot } from '../../../../shared/model/plans';
import { toSafeCsv } from '../../export/csv';

export interface PlanExportNames {
  headers: Record<'title' | 'kind' | 'team' | 'owner' | 'status' | 'start' | 'end' | 'horizon' | 'launched' | 'goals' | 'dependsOn' | 'flags' | 'milestones', string>;
  kind(kind: PlanItemSnapshot['kind']): string;
  team(team: PlanItemSnapshot['team']): string;
  status(status: PlanItemSnapshot['status']): string;
  horizon(horizon: 'now' | 'next' | 'later'): string;
  member(id: string | null): string;
  goal(key: string): string;
  date(iso: string): string;
  /** The item's flags, each in words ("“Release 2.4” moved 2 weeks later"). */
  flags(item: PlanItemSnapshot): string[];
}

const COLUMNS = ['title', 'kind', 'team', 'owner', 'status', 'start', 'end', 'horizon', 'launched', 'goals', 'dependsOn', 'flags', 'milestones'] as const;

function rowOf(item: PlanItemSnapshot, titles: ReadonlyMap<string, string>, names: PlanExportNames, today: string): string[] {
  return [
    item.title, names.kind(item.kind), names.team(item.team), names.member(item.ownerId), names.status(item.status), item.start ?? '', item.end ?? '',
    names.horizon(horizonOf(item, today)), item.launchedOn ?? '',
    item.goals.map((g) => `${names.goal(`${g.boardId}:${g.entityId}`)}${g.effect ? ` (${g.effect})` : ''}`).join('; '),
    item.dependsOn.map((d) => titles.get(d.itemId) ?? '').join('; '),
    names.flags(item).join('; '),
    item.milestones.map((m) => `${m.title} ${m.date}`).join('; '),
  ];
}

/** The plan as a CSV safe to open in a spreadsheet (dates as `YYYY-MM-DD`, so they sort). */
export function planToCsv(items: readonly PlanItemSnapshot[], names: PlanExportNames, today: string): string {
  const titles = new Map(items.map((i) => [i.id, i.title]));
  return toSafeCsv(COLUMNS.map((c) => names.headers[c]), items.map((item) => rowOf(item, titles, names, today)));
}

function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

export function planToMarkdown(title: string, items: readonly PlanItemSnapshot[], names: PlanExportNames, today: string): string {
  const titles = new Map(items.map((i) => [i.id, i.title]));
  const lines = [`# ${mdEscape(title)}`, ''];
  for (const horizon of ['now', 'next', 'later'] as const) {
    const list = items.filter((i) => horizonOf(i, today) === horizon);
    if (list.length === 0) continue;
    lines.push(`## ${mdEscape(names.horizon(horizon))} (${list.length})`, '');
    for (const item of list) {
      const when = item.start && item.end ? `${names.date(item.start)} – ${names.date(item.end)}` : '';
      const details = [names.kind(item.kind), names.team(item.team), names.status(item.status), when, names.member(item.ownerId)].filter(Boolean).join(' · ');
      lines.push(`- **${mdEscape(item.title)}** — ${mdEscape(details)}`);
      for (const g of item.goals) lines.push(`  - ${mdEscape(names.headers.goals)}: ${mdEscape(names.goal(`${g.boardId}:${g.entityId}`))}${g.effect ? ` — ${mdEscape(g.effect)}` : ''}`);
      for (const d of item.dependsOn) lines.push(`  - ${mdEscape(names.headers.dependsOn)}: ${mdEscape(titles.get(d.itemId) ?? '')}`);
      for (const f of names.flags(item)) lines.push(`  - ⚠ ${mdEscape(f)}`);
      for (const m of item.milestones) lines.push(`  - ◇ ${mdEscape(m.title)} ${names.date(m.date)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
