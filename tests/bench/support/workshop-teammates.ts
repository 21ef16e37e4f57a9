// A room of teammates on a workshop board, from elsewhere: one Node client of the hub's local
// link (the app's own sync session) writing as `laptops` laptops in turn (each its own Yjs
// client id and member), with the workshop model's real mutations: new notes, typing into
// their notes, and dot votes (cast, or taken back once the budget is spent).
import type * as Y from 'yjs';
import { castVote, createNote, deleteNotes, editNoteText, retractVote, startVoting, workshopNotesOf, workshopVotesOf } from '../../../shared/model';
import { LinkTestClient } from '../../integration/support/link-test-client';
import type { AppHub } from './app-hub';
import { SeededRandom } from './prng';

const SYNC_DEADLINE_MS = 60_000;
const WORDS = 'checkout slow confusing invoice export onboarding pricing trial mobile offline search filter email'.split(' ');
/** Of each laptop's edits: new notes, votes, and the rest typing. */
const SHARE = { note: 0.1, vote: 0.3 } as const;
/** Where new notes go, in canvas units: what a 1440 × 900 window shows of a board opened at rest. */
const AREA = { x: 1_000, y: 420, top: 40 } as const;

export interface WorkshopRoom {
  readonly doc: Y.Doc;
  /** Starts `perSecondEach` edits a second from every laptop; returns a stopper giving the counts sent. */
  stream(perSecondEach: number, seed: number): () => { edits: number; notes: number };
  /** Deletes every note and vote (between runs, so the board starts each run empty). */
  clear(): void;
  close(): void;
}

export async function joinWorkshopRoom(hub: AppHub, boardId: string, laptops: number, seed: number): Promise<WorkshopRoom> {
  const client = await LinkTestClient.connect(hub.port, hub.token);
  const doc = client.open(boardId);
  const started = Date.now();
  while (doc.getMap('meta').get('kind') !== 'workshops') {
    if (client.closed) throw new Error(`the room's link closed (${client.closeCode})`);
    if (Date.now() - started > SYNC_DEADLINE_MS) throw new Error(`the room did not sync the workshop board within ${SYNC_DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const rng = new SeededRandom(seed);
  const people = Array.from({ length: laptops }, (_, i) => ({ clientId: 1_000_000 + rng.int(2 ** 30) + i, memberId: rng.id('m'), notes: [] as string[], voted: [] as string[] }));
  startVoting(doc, { budget: 20, onePerNote: false, minutes: null }, { now: Date.now(), clock: 'room', remainingMs: 0 });
  const as = <T>(clientId: number, fn: () => T): T => {
    doc.clientID = clientId;
    return fn();
  };
  return {
    doc,
    stream(perSecondEach, streamSeed) {
      const pick = new SeededRandom(streamSeed);
      const perSecond = perSecondEach * laptops;
      let edits = 0;
      let notes = 0;
      let failure: unknown;
      const began = performance.now();
      const send = () => {
        const person = people[edits % laptops] as (typeof people)[number];
        const draw = pick.next();
        const allNotes = [...workshopNotesOf(doc).keys()];
        as(person.clientId, () => {
          const own = person.notes.filter((id) => workshopNotesOf(doc).has(id));
          if (draw < SHARE.note || own.length === 0) {
            const id = createNote(doc, { text: pick.words(WORDS, 2), colour: 'yellow', x: pick.int(AREA.x), y: AREA.top + pick.int(AREA.y), authorId: person.memberId });
            person.notes.push(id);
            notes++;
          } else if (draw < SHARE.note + SHARE.vote && allNotes.length > 0) {
            const noteId = pick.pick(allNotes);
            try {
              castVote(doc, { noteId, memberId: person.memberId });
              person.voted.push(noteId);
            } catch {
              // Budget spent: take their oldest dot back instead, as a person moving a dot would.
              const back = person.voted.findIndex((id) => workshopNotesOf(doc).has(id));
              if (back >= 0) {
                retractVote(doc, { noteId: person.voted[back] as string, memberId: person.memberId });
                person.voted.splice(back, 1);
              } else createNote(doc, { text: 'more', colour: 'pink', x: pick.int(AREA.x), y: AREA.top + pick.int(AREA.y), authorId: person.memberId });
            }
          } else {
            const noteId = own[own.length - 1] as string;
            const text = (workshopNotesOf(doc).get(noteId) as Y.Map<unknown>).get('text') as Y.Text;
            editNoteText(doc, { id: noteId, text: `${text.toString()}${pick.pick(['a', 'e', 'i', 'o', ' ', 's', 't'])}`.slice(-400) });
          }
        });
        edits++;
      };
      const timer = setInterval(() => {
        const due = Math.floor(((performance.now() - began) / 1000) * perSecond);
        try {
          while (edits < due) send();
        } catch (error) {
          failure = error;
          clearInterval(timer);
        }
      }, 1000 / perSecond);
      return () => {
        clearInterval(timer);
        if (failure) throw failure;
        return { edits, notes };
      };
    },
    clear() {
      const ids = [...workshopNotesOf(doc).keys()];
      doc.transact(() => {
        if (ids.length > 0) deleteNotes(doc, { ids });
        // And the dots: left stored, every run would start with the last runs' votes on the board.
        workshopVotesOf(doc).clear();
      });
      for (const person of people) {
        person.notes.length = 0;
        person.voted.length = 0;
      }
    },
    close: () => client.close(),
  };
}
