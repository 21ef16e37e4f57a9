// The shape of a meetings board doc: its collections (meetings, recurring series, agenda items,
// decisions, action items, each an entity map keyed by id), the meeting types and cadences,
// and the input pieces every meetings mutation shares.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityId } from '../validate';

export const MEETING_TYPES = ['regular-sync', 'kpi-review', 'workshop', 'retrospective'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const CADENCES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const MEETINGS_LIMITS = { timeBox: 600, attendees: 500, links: 50, draftItems: 50 } as const;

export const meetingsOf = (doc: Y.Doc) => doc.getMap<unknown>('meetings');
export const seriesOf = (doc: Y.Doc) => doc.getMap<unknown>('series');
export const agendaOf = (doc: Y.Doc) => doc.getMap<unknown>('agenda');
export const decisionsOf = (doc: Y.Doc) => doc.getMap<unknown>('decisions');
export const actionItemsOf = (doc: Y.Doc) => doc.getMap<unknown>('actionItems');

/** What undo covers on a meetings board (meta is left out: undo never un-creates a board). */
export const MEETINGS_UNDO_SCOPE = ['meetings', 'series', 'agenda', 'decisions', 'actionItems'] as const;

export const meetingType = z.enum(MEETING_TYPES, { error: 'errors.invalid' });
export const cadence = z.enum(CADENCES, { error: 'errors.invalid' });

/** A time of day `HH:MM`, 24-hour. */
export const timeOfDay = z.string({ error: 'errors.invalidTime' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'errors.invalidTime' });

/** A time box in whole minutes: "abc", 0 and 10 hours are refused. */
export const timeBox = z
  .number({ error: 'errors.notANumber' })
  .refine(Number.isFinite, { error: 'errors.notANumber' })
  .pipe(z.number().int({ error: 'errors.timeBox|600' }).min(1, { error: 'errors.timeBox|600' }).max(MEETINGS_LIMITS.timeBox, { error: 'errors.timeBox|600' }));

/** A board or entity id that can be part of a `${boardId}:${entityId}` key. */
const linkPart = entityId.refine((id) => !id.includes(':'), { error: 'errors.invalid' });

/** A link to a goal or a feedback item on another board. */
export const linkInput = z.object({ kind: z.enum(['goal', 'feedback'], { error: 'errors.invalid' }), boardId: linkPart, entityId: linkPart });
export type LinkInput = z.output<typeof linkInput>;

export const linkKeyOf = (link: { boardId: string; entityId: string }) => `${link.boardId}:${link.entityId}`;

/** A stored link, or null when a peer wrote something else. */
export function readLink(value: unknown): LinkInput | null {
  const parsed = linkInput.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Writes `fields` to a new entity map. */
export function entityWith(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** Marks a new doc as a meetings board. */
export function initMeetingsBoard(doc: Y.Doc, schemaVersion: number): void {
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (!meta.has('kind')) meta.set('kind', 'meetings');
    if (!meta.has('schemaVersion')) meta.set('schemaVersion', schemaVersion);
  });
}
