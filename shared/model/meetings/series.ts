// Recurring series (weekly, fortnightly, monthly). Starting the next meeting of a series copies
// the series' template agenda and rolls over every open action item of the series: the next
// meeting gets one copy per open item, from the item's latest occurrence, so nothing is rolled
// twice (see action-items.ts for how a copy reads `done` through its origin).
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, num, str, textOf, transactLocal } from '../doc';
import { entityId, isoDate, parseInput } from '../validate';
import { agendaOrder, writeAgendaCopy } from './agenda';
import { meetingKey, occurrencesByOrigin, writeRolledCopy } from './action-items';
import { occurrenceId, writeOccurrence } from './meetings';
import { actionItemsOf, agendaOf, meetingsOf, seriesOf, type Cadence } from './schema';

const nextInput = z.object({ seriesId: entityId, createdBy: entityId, date: isoDate.optional() });

/** The date one cadence after `date` (`YYYY-MM-DD`); a monthly series on the 31st falls on the month's last day. */
export function nextMeetingDate(date: string, cadence: Cadence): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (cadence !== 'monthly') return new Date(Date.UTC(y, m - 1, d + (cadence === 'weekly' ? 7 : 14))).toISOString().slice(0, 10);
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The meetings of a series, oldest first, as [id, key]. */
function seriesMeetings(doc: Y.Doc, seriesId: string): { id: string; key: string; date: string }[] {
  const list: { id: string; key: string; date: string }[] = [];
  for (const [id, m] of entities(meetingsOf(doc))) if (m.get('seriesId') === seriesId) list.push({ id, key: meetingKey(doc, id) as string, date: str(m.get('date')) });
  return list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Creates the next meeting of a series (one cadence after its latest, unless `date` is given)
 * with the series' template agenda and its open action items, and returns the meeting's id.
 * Its id, its agenda's and its rolled items' are derived from the series and the date, so two
 * laptops that start the same next meeting while apart make one meeting when they merge; a
 * series that already has a meeting on that date gets no second one (its id is returned).
 */
export function startNextMeeting(doc: Y.Doc, args: z.input<typeof nextInput>, now = Date.now()): string {
  const input = parseInput(nextInput, args);
  return transactLocal(doc, () => {
    const series = entityOrThrow(seriesOf(doc), input.seriesId, 'seriesId');
    const earlier = seriesMeetings(doc, input.seriesId);
    const last = earlier.at(-1);
    const cadence = str(series.get('cadence')) as Cadence;
    const date = input.date ?? nextMeetingDate(last?.date ?? new Date(now).toISOString().slice(0, 10), cadence);
    const existing = earlier.find((m) => m.date === date);
    if (existing) return existing.id;
    const attendees = series.get('attendees') instanceof Y.Map ? [...(series.get('attendees') as Y.Map<unknown>).keys()].sort() : [input.createdBy];
    const meetingId = occurrenceId(input.seriesId, date);
    writeOccurrence(doc, meetingId, {
      title: str(series.get('title')), type: str(series.get('type'), 'regular-sync'), date, time: str(series.get('time'), '10:00'),
      attendees, seriesId: input.seriesId, createdBy: input.createdBy, createdAt: now,
    });
    for (const { id, order } of agendaOrder(doc, `s:${input.seriesId}`)) {
      const item = agendaOf(doc).get(id) as Y.Map<unknown>;
      const ownerId = item.get('ownerId');
      writeAgendaCopy(doc, meetingId, { id, title: textOf(item.get('title')), ownerId: typeof ownerId === 'string' ? ownerId : null, minutes: num(item.get('minutes'), 5), order });
    }
    const inSeries = new Map(earlier.map((m) => [m.id, m.key]));
    for (const [originId, occurrences] of occurrencesByOrigin(doc)) {
      const origin = actionItemsOf(doc).get(originId);
      if (!(origin instanceof Y.Map) || origin.get('done') === true) continue;
      const shown = occurrences
        .filter((o) => inSeries.has(o.meetingId))
        .sort((a, b) => ((inSeries.get(a.meetingId) as string) < (inSeries.get(b.meetingId) as string) ? -1 : 1));
      const latest = shown.at(-1);
      if (latest) writeRolledCopy(doc, originId, latest.id, meetingId, now);
    }
    return meetingId;
  });
}
