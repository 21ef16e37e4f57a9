// "While you were away" for a workshop board: notes added, clusters made and votes revealed.
// Notes are anonymous until the facilitator reveals authors, so until then notes added while
// this laptop was away are counted under no one ("someone added 5 notes"), never per author.
import type * as Y from 'yjs';
import type { AwayChange } from '../away';
import { entities, num, str, textOf } from '../doc';
import { isNewSince, markOf, type ChangeMark } from '../field-writes';
import { workshopClustersOf, workshopNotesOf, workshopSessionOf } from './schema';

/** Who anonymous notes are counted under. */
export const ANONYMOUS = '';

export function readWorkshopChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
  const session = workshopSessionOf(doc);
  const revealed = session.get('authorsRevealed') === true;
  const added = new Map<string, { count: number; at: number; id: string; text: string }>();
  for (const [id, note] of entities(workshopNotesOf(doc))) {
    const author = str(note.get('authorId'));
    if (author === me || !isNewSince(seen, markOf(note))) continue;
    const by = revealed ? author : ANONYMOUS;
    const at = num(note.get('createdAt'));
    const last = added.get(by);
    const later = !last || at > last.at || (at === last.at && id > last.id);
    added.set(by, { count: (last?.count ?? 0) + 1, ...(later ? { at, id, text: textOf(note.get('text')) } : { at: last.at, id: last.id, text: last.text }) });
  }
  for (const [by, n] of added) out.push({ kind: 'notes-added', by, at: n.at, target: 'note', targetId: n.id, title: n.text, value: n.count, kpiName: null });
  for (const [id, cluster] of entities(workshopClustersOf(doc))) {
    const by = typeof cluster.get('createdBy') === 'string' ? str(cluster.get('createdBy')) : ANONYMOUS;
    if (by === me || !isNewSince(seen, markOf(cluster))) continue;
    out.push({ kind: 'cluster-created', by, at: num(cluster.get('createdAt')), target: 'note', targetId: id, title: str(cluster.get('title')), value: null, kpiName: null });
  }
  const voting = session.get('voting') as { revealed?: unknown; revealedBy?: unknown; revealedAt?: unknown; revealMark?: Partial<ChangeMark> } | undefined;
  if (voting && typeof voting === 'object' && voting.revealed === true && voting.revealMark && isNewSince(seen, voting.revealMark)) {
    const facilitator = session.get('facilitatorId');
    const by = typeof voting.revealedBy === 'string' ? voting.revealedBy : typeof facilitator === 'string' ? facilitator : ANONYMOUS;
    if (by !== me) out.push({ kind: 'votes-revealed', by, at: num(voting.revealedAt), target: 'note', targetId: '', title: '', value: null, kpiName: null });
  }
}
