// Board entries in the workspace doc's board index: renaming, archiving and restoring a board
// of any kind. The board's own doc is untouched, so an archived board keeps all its content
// and comes back as it was.
import type * as Y from 'yjs';
import { z } from 'zod';
import { entityOrThrow, transactLocal } from './doc';
import { entityId, LIMITS, parseInput, requiredText } from './validate';

const renameInput = z.object({ id: entityId, name: requiredText(LIMITS.name) });
const idInput = z.object({ id: entityId });

const boardEntry = (doc: Y.Doc, id: string) => entityOrThrow(doc.getMap('boards'), id);

export function renameBoard(doc: Y.Doc, args: z.input<typeof renameInput>): void {
  const input = parseInput(renameInput, args);
  transactLocal(doc, () => {
    const board = boardEntry(doc, input.id);
    if (board.get('name') !== input.name) board.set('name', input.name);
    // Renamed by a person: from now on the board shows the name they gave it in every language.
    if (board.has('builtIn')) board.delete('builtIn');
  });
}

/** Hides a board from the sidebar; its doc and everything in it stay. */
export function archiveBoard(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    const board = boardEntry(doc, id);
    if (board.get('archived') !== true) board.set('archived', true);
  });
}

export function restoreBoard(doc: Y.Doc, args: z.input<typeof idInput>): void {
  const { id } = parseInput(idInput, args);
  transactLocal(doc, () => {
    const board = boardEntry(doc, id);
    if (board.get('archived') !== false) board.set('archived', false);
  });
}
