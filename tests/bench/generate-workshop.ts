// Workshop boards for the canvas rows (canvas-pan, workshop-burst), written in the app's real
// workshop model and added to a copy of the standard workspace: one board of N sticky notes on
// a grid (some of them in clusters) and one empty board, the baseline's canvas in the same page.
// Notes are written directly, with the fields `createNote` writes, so the bytes are the same on
// every run (the mutation draws crypto-random ids); the real reader must read them all back.
import * as Y from 'yjs';
import { addBoard, createWorkshopReader, initWorkshopBoard, NOTE_COLOURS, SCHEMA_VERSION, workshopClustersOf, workshopNotesOf } from '../../shared/model';
import { changeMark } from '../../shared/model/field-writes';
import type { ModelWorkspace } from './generate-model';
import { SeededRandom } from './support/prng';

const WORDS = 'checkout slow confusing invoice export onboarding pricing trial mobile offline search filter email reminder dashboard report sync login team goal'.split(' ');
/** Grid pitch of the generated notes (a note is 168 × 112). */
const PITCH = { x: 184, y: 128 } as const;
const COLUMNS = 40;
const NOTES_PER_CLUSTER = 8;

export interface WorkshopBench {
  readonly workspace: ModelWorkspace;
  readonly full: { readonly boardId: string; readonly name: string; readonly notes: number };
  readonly empty: { readonly boardId: string; readonly name: string };
}

function workshopDoc(guid: string, clientID: number, facilitatorId: string): Y.Doc {
  const doc = new Y.Doc({ guid });
  doc.clientID = clientID;
  initWorkshopBoard(doc, { facilitatorId }, SCHEMA_VERSION);
  return doc;
}

/** The standard workspace plus a workshop board of `notes` notes and an empty one (the base workspace's docs are shared, never changed). */
export function generateWorkshopBench(base: ModelWorkspace, notes: number, seed: number): WorkshopBench {
  const rng = new SeededRandom(seed ^ 0x57c4);
  const members = base.board.members.map((m) => m.id);
  const full = { boardId: rng.id('b'), name: `Workshop ${(notes / 1000).toFixed(0)}k`, notes };
  const empty = { boardId: rng.id('b'), name: 'Workshop empty' };
  const source = base.docs.get(base.workspaceId);
  if (!source) throw new Error('the standard workspace has no workspace doc');
  const workspaceDoc = new Y.Doc({ guid: base.workspaceId });
  Y.applyUpdate(workspaceDoc, Y.encodeStateAsUpdate(source));
  workspaceDoc.clientID = 1 + rng.int(2 ** 31 - 1);
  addBoard(workspaceDoc, { id: full.boardId, kind: 'workshops', name: full.name });
  addBoard(workspaceDoc, { id: empty.boardId, kind: 'workshops', name: empty.name });

  const doc = workshopDoc(full.boardId, 1 + rng.int(2 ** 31 - 1), base.memberId);
  let clock = Date.UTC(2025, 0, 6, 9);
  const clusterIds: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < notes; i++) {
      if (i % (NOTES_PER_CLUSTER * 10) === 0 && i + NOTES_PER_CLUSTER <= notes) {
        const id = rng.id('c');
        const cluster = new Y.Map<unknown>();
        for (const [key, value] of Object.entries({ id, title: `Theme ${clusterIds.length + 1}`, createdAt: clock, promotedTo: null, createdBy: base.memberId, ...changeMark(doc) })) cluster.set(key, value);
        workshopClustersOf(doc).set(id, cluster);
        clusterIds.push(id);
      }
      const inCluster = i % (NOTES_PER_CLUSTER * 10) < NOTES_PER_CLUSTER ? (clusterIds.at(-1) ?? null) : null;
      const id = rng.id('n');
      const note = new Y.Map<unknown>();
      clock += rng.between(500, 5_000);
      const fields: Record<string, unknown> = {
        id, text: new Y.Text(rng.words(WORDS, rng.between(3, 9))), colour: rng.pick(NOTE_COLOURS),
        x: (i % COLUMNS) * PITCH.x, y: Math.floor(i / COLUMNS) * PITCH.y, authorId: rng.pick(members), clusterId: inCluster, createdAt: clock, ...changeMark(doc),
      };
      for (const [key, value] of Object.entries(fields)) note.set(key, value);
      workshopNotesOf(doc).set(id, note);
    }
  });
  const read = createWorkshopReader(doc).read();
  if (read.notes.length !== notes) throw new Error(`the workshop reader reads ${read.notes.length} notes, the generator wrote ${notes}`);
  const emptyDoc = workshopDoc(empty.boardId, 1 + rng.int(2 ** 31 - 1), base.memberId);
  const docs = new Map(base.docs);
  docs.set(base.workspaceId, workspaceDoc);
  docs.set(full.boardId, doc);
  docs.set(empty.boardId, emptyDoc);
  return { workspace: { ...base, docs }, full, empty };
}
