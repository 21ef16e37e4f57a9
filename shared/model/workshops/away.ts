// "While you were away" for a workshop board: nothing. A workshop is run live, in the room, and
// its notes are anonymous until the facilitator reveals authors, so a per-author summary of
// what teammates wrote while this laptop was away would undo that anonymity.
import type * as Y from 'yjs';
import type { AwayChange } from '../away';

export function readWorkshopChanges(_doc: Y.Doc, _seen: ReadonlyMap<number, number>, _me: string, _out: AwayChange[]): void {
  // Deliberately adds no entries; see the note above.
}
