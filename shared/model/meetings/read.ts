// Snapshot readers of a meetings board: plain, immutable meetings with their agenda, decisions
// and action items (a rolled copy reads through its origin and is hidden past the meeting its
// item was completed in), the recurring series, and each meeting's previous KPI review.
import * as Y from 'yjs';
import { entities, num, oneOf, str, textOf } from '../doc';
import { compareOrder } from '../order';
import { isOccurrenceShown } from './action-items';
import { attendeesMapOf, notesTextOf } from './meetings';
import { CADENCES, MEETING_TYPES, readLink, type Cadence, type LinkInput, type MeetingType } from './schema';

export type MeetingLink = LinkInput;

export interface AgendaItemSnapshot {
  readonly id: string;
  readonly title: string;
  readonly ownerId: string | null;
  readonly minutes: number;
  readonly order: string;
  readonly link: MeetingLink | null;
}

export interface DecisionSnapshot {
  readonly id: string;
  readonly meetingId: string;
  readonly text: string;
  readonly by: string;
  readonly links: readonly MeetingLink[];
  readonly createdAt: number;
}

export interface ActionItemSnapshot {
  /** This occurrence's id (what done, edit and remove act on). */
  readonly id: string;
  readonly originId: string;
  readonly meetingId: string;
  /** Rolled over from an earlier meeting. */
  readonly rolled: boolean;
  readonly title: string;
  readonly ownerId: string | null;
  readonly due: string | null;
  readonly done: boolean;
  readonly link: MeetingLink | null;
  readonly order: string;
}

export interface MeetingSnapshot {
  readonly id: string;
  readonly title: string;
  readonly type: MeetingType;
  readonly date: string;
  readonly time: string;
  readonly seriesId: string | null;
  readonly attendees: readonly string[];
  readonly notes: string;
  readonly createdBy: string;
  readonly agenda: readonly AgendaItemSnapshot[];
  readonly decisions: readonly DecisionSnapshot[];
  readonly actionItems: readonly ActionItemSnapshot[];
  /** The date of the latest KPI review before this meeting in its series (or on the board, outside a series); null for the first. */
  readonly previousKpiReview: string | null;
}

export interface SeriesSnapshot {
  readonly id: string;
  readonly title: string;
  readonly type: MeetingType;
  readonly cadence: Cadence;
  readonly time: string;
  readonly agenda: readonly AgendaItemSnapshot[];
  /** Its meetings, oldest first. */
  readonly meetingIds: readonly string[];
}

export interface MeetingsBoardSnapshot {
  /** Every meeting, oldest first (by date, time, then id). */
  readonly meetings: readonly MeetingSnapshot[];
  readonly series: readonly SeriesSnapshot[];
}

const keyOfMeeting = (m: { date: string; time: string; id: string }) => `${m.date}T${m.time}|${m.id}`;

function readAgenda(doc: Y.Doc): Map<string, AgendaItemSnapshot[]> {
  const byParent = new Map<string, AgendaItemSnapshot[]>();
  for (const [id, a] of entities(doc.getMap('agenda'))) {
    const parent = typeof a.get('meetingId') === 'string' ? `m:${str(a.get('meetingId'))}` : `s:${str(a.get('seriesId'))}`;
    const list = byParent.get(parent) ?? [];
    list.push({ id, title: textOf(a.get('title')), ownerId: typeof a.get('ownerId') === 'string' ? str(a.get('ownerId')) : null, minutes: num(a.get('minutes'), 5), order: str(a.get('order')), link: readLink(a.get('link')) });
    byParent.set(parent, list);
  }
  for (const list of byParent.values()) list.sort(compareOrder);
  return byParent;
}

function readDecisions(doc: Y.Doc): Map<string, DecisionSnapshot[]> {
  const byMeeting = new Map<string, DecisionSnapshot[]>();
  for (const [id, d] of entities(doc.getMap('decisions'))) {
    const links = d.get('links') instanceof Y.Map ? [...(d.get('links') as Y.Map<unknown>).values()].map(readLink).filter((l): l is MeetingLink => l !== null) : [];
    links.sort((a, b) => (`${a.boardId}:${a.entityId}` < `${b.boardId}:${b.entityId}` ? -1 : 1));
    const snap: DecisionSnapshot = { id, meetingId: str(d.get('meetingId')), text: str(d.get('text')), by: str(d.get('by')), links, createdAt: num(d.get('createdAt')) };
    const list = byMeeting.get(snap.meetingId) ?? [];
    list.push(snap);
    byMeeting.set(snap.meetingId, list);
  }
  for (const list of byMeeting.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return byMeeting;
}

function readActionItems(doc: Y.Doc, keys: ReadonlyMap<string, string>): Map<string, ActionItemSnapshot[]> {
  const all = doc.getMap('actionItems');
  const byMeeting = new Map<string, ActionItemSnapshot[]>();
  for (const [id, occurrence] of entities(all)) {
    const meetingId = str(occurrence.get('meetingId'));
    const key = keys.get(meetingId);
    const originId = typeof occurrence.get('originId') === 'string' ? str(occurrence.get('originId')) : id;
    const origin = all.get(originId);
    if (key === undefined || !(origin instanceof Y.Map)) continue;
    const done = origin.get('done') === true;
    const doneIn = typeof origin.get('doneIn') === 'string' ? keys.get(str(origin.get('doneIn'))) ?? null : null;
    if (!isOccurrenceShown({ done, doneInKey: doneIn, isOrigin: originId === id }, key)) continue;
    const list = byMeeting.get(meetingId) ?? [];
    list.push({
      id, originId, meetingId, rolled: originId !== id, title: str(origin.get('title')), ownerId: typeof origin.get('ownerId') === 'string' ? str(origin.get('ownerId')) : null,
      due: typeof origin.get('due') === 'string' ? str(origin.get('due')) : null, done, link: readLink(origin.get('link')), order: str(occurrence.get('order')),
    });
    byMeeting.set(meetingId, list);
  }
  for (const list of byMeeting.values()) list.sort(compareOrder);
  return byMeeting;
}

/** Reads the whole board into a fresh snapshot. */
export function readMeetingsBoard(doc: Y.Doc): MeetingsBoardSnapshot {
  const raw: { id: string; m: Y.Map<unknown>; date: string; time: string }[] = [];
  for (const [id, m] of entities(doc.getMap('meetings'))) raw.push({ id, m, date: str(m.get('date'), '1970-01-01'), time: str(m.get('time'), '00:00') });
  raw.sort((a, b) => (keyOfMeeting(a) < keyOfMeeting(b) ? -1 : 1));
  const keys = new Map(raw.map((r) => [r.id, keyOfMeeting(r)]));
  const agenda = readAgenda(doc);
  const decisions = readDecisions(doc);
  const actionItems = readActionItems(doc, keys);
  const lastReview = new Map<string, string>();
  const meetings = raw.map(({ id, m, date, time }): MeetingSnapshot => {
    const seriesId = typeof m.get('seriesId') === 'string' ? str(m.get('seriesId')) : null;
    const type = oneOf(m.get('type'), MEETING_TYPES, 'regular-sync');
    const scope = seriesId ?? '';
    const previousKpiReview = lastReview.get(scope) ?? null;
    if (type === 'kpi-review') lastReview.set(scope, date);
    const attendeeSet = attendeesMapOf(doc, m);
    const attendees = attendeeSet ? [...attendeeSet.keys()].sort() : [];
    return {
      id, title: str(m.get('title')), type, date, time, seriesId, attendees, notes: notesTextOf(doc, m)?.toString() ?? textOf(m.get('notes')), createdBy: str(m.get('createdBy')),
      agenda: agenda.get(`m:${id}`) ?? [], decisions: decisions.get(id) ?? [], actionItems: actionItems.get(id) ?? [], previousKpiReview,
    };
  });
  const series: SeriesSnapshot[] = [];
  for (const [id, s] of entities(doc.getMap('series'))) {
    series.push({
      id, title: str(s.get('title')), type: oneOf(s.get('type'), MEETING_TYPES, 'regular-sync'), cadence: oneOf(s.get('cadence'), CADENCES, 'weekly'), time: str(s.get('time'), '10:00'),
      agenda: agenda.get(`s:${id}`) ?? [], meetingIds: meetings.filter((m) => m.seriesId === id).map((m) => m.id),
    });
  }
  series.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1));
  return { meetings, series };
}

/**
 * A reader that keeps the identity of meetings and series whose content did not change, so
 * components showing one meeting re-render only when it does. Call `read()` after each change.
 */
export function createMeetingsReader(doc: Y.Doc) {
  let last: MeetingsBoardSnapshot = { meetings: [], series: [] };
  let lastJson = new Map<string, string>();
  function read(): MeetingsBoardSnapshot {
    const next = readMeetingsBoard(doc);
    const json = new Map<string, string>();
    const keep = <T extends { id: string }>(prefix: string, list: readonly T[], prev: readonly T[]) => {
      const prevById = new Map(prev.map((p) => [p.id, p]));
      return list.map((entity) => {
        const text = JSON.stringify(entity);
        json.set(`${prefix}${entity.id}`, text);
        const old = prevById.get(entity.id);
        return old && lastJson.get(`${prefix}${entity.id}`) === text ? old : entity;
      });
    };
    const meetings = keep('m:', next.meetings, last.meetings);
    const series = keep('s:', next.series, last.series);
    lastJson = json;
    const same = meetings.length === last.meetings.length && meetings.every((m, i) => m === last.meetings[i]) && series.length === last.series.length && series.every((s, i) => s === last.series[i]);
    if (!same) last = { meetings, series };
    return last;
  }
  return { read, destroy: () => undefined };
}
