// What teammates changed on a feedback board since a saved state vector, for "While you were
// away": items created, moved, retitled, merged or linked, and comments.
import type * as Y from 'yjs';
import type { AwayChange, AwayChangeKind } from '../away';
import { entities, num, str } from '../doc';
import { isNewSince, latestNewWrite, markOf } from '../field-writes';

const ACTIVITY_KINDS: Readonly<Record<string, AwayChangeKind>> = { created: 'item-created', imported: 'item-created', status: 'item-moved', merged: 'item-merged', linked: 'item-linked' };

export function readFeedbackChanges(doc: Y.Doc, seen: ReadonlyMap<number, number>, me: string, out: AwayChange[]): void {
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

