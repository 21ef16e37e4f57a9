// What teammates changed on a meetings board since a saved state vector, for "While you were
// away": decisions recorded in my absence, and action items someone gave me. Each opens its meeting.
import type * as Y from 'yjs';
import type { AwayChange } from '../away';
import { entities, num, str } from '../doc';
import { isNewSince, markOf, type ChangeMark } from '../field-writes';
import { actionItemsOf, decisionsOf, meetingsOf } from './schema';

export function readMeetingChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
  const meetings = meetingsOf(doc);
  for (const [id, decision] of entities(decisionsOf(doc))) {
    const by = str(decision.get('by'));
    const meetingId = str(decision.get('meetingId'));
    if (by === me || !meetings.has(meetingId) || !isNewSince(seen, markOf(decision))) continue;
    out.push({ kind: 'decision', by, at: num(decision.get('createdAt')), target: 'meeting', targetId: meetingId, title: str(decision.get('text')), value: null, kpiName: null, entityId: id });
  }
  for (const [id, item] of entities(actionItemsOf(doc))) {
    // Only an item's origin holds its owner; rolled copies point at it.
    if (typeof item.get('originId') === 'string' || item.get('ownerId') !== me || item.get('done') === true) continue;
    const by = item.get('assignedBy');
    const mark = item.get('assignedMark') as Partial<ChangeMark> | undefined;
    const meetingId = str(item.get('meetingId'));
    if (typeof by !== 'string' || by === me || !mark || !meetings.has(meetingId) || !isNewSince(seen, mark)) continue;
    const due = item.get('due');
    out.push({ kind: 'action-assigned', by, at: num(item.get('createdAt')), target: 'meeting', targetId: meetingId, title: str(item.get('title')), value: typeof due === 'string' ? due : null, kpiName: null, entityId: id });
  }
}
