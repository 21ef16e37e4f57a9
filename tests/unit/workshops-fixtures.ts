// Shared pieces of the workshop model tests: a fresh workshop board doc and members.
import * as Y from 'yjs';
import { initWorkshopBoard, SCHEMA_VERSION } from '../../shared/model';

export const FACILITATOR = 'm_facil000000000';
export const ALICE = 'm_alice0000000000';
export const BOB = 'm_bob00000000000';

export function newWorkshop(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initWorkshopBoard(doc, { facilitatorId: FACILITATOR }, SCHEMA_VERSION);
  return doc;
}

/** A reading as a window whose clock says `now` would take it (no timer running yet). */
export const reading = (now: number, clock = 'w1', remainingMs = 0) => ({ now, clock, remainingMs });
