// Plan boards for the plan-timeline row, written in the app's real plans model and added to a copy
// of the standard workspace: one board of N dated plan items over three years with dependencies
// between them (some flagged: what they wait on moved later), and one whose only item is undated,
// so its timeline is the same view with nothing on it (the baseline, in the same page).
// Items are written directly with the fields `createPlanItem` writes, so the bytes are the same on
// every run (the mutations draw crypto-random ids); the real reader must read them all back.
import * as Y from 'yjs';
import { addBoard, addDays, dependenciesOf, initPlansBoard, newPlanEntity, planItemsOf, readPlansBoard, SCHEMA_VERSION } from '../../shared/model';
import type { ModelWorkspace } from './generate-model';
import { SeededRandom } from './support/prng';

const WORDS = 'launch checkout pricing onboarding mobile offline search export billing partner spring summer webinar retention trial referral'.split(' ');
const KINDS = ['release', 'campaign', 'initiative'] as const;
const TEAMS = ['product', 'operations', 'shared'] as const;
const STATUSES = ['idea', 'planned', 'in-progress', 'launched', 'done'] as const;
/** The first day items may start on; items spread over the three years from here. */
const FIRST_DAY = '2026-01-05';
const SPAN_DAYS = 3 * 365;
/** One dependency in this many is flagged (what it waits on ended later than its people saw). */
const FLAGGED_EVERY = 20;

export interface PlansBench {
  readonly workspace: ModelWorkspace;
  readonly full: { readonly boardId: string; readonly name: string; readonly items: number; readonly dependencies: number };
  readonly empty: { readonly boardId: string; readonly name: string };
}

function plansDoc(guid: string, clientID: number): Y.Doc {
  const doc = new Y.Doc({ guid });
  doc.clientID = clientID;
  initPlansBoard(doc, SCHEMA_VERSION);
  return doc;
}

function planItem(id: string, fields: { title: string; kind: string; team: string; ownerId: string | null; status: string; start: string | null; end: string | null; createdBy: string; createdAt: number }): Y.Map<unknown> {
  return newPlanEntity({
    id, ...fields, horizon: fields.start === null ? 'later' : null, launchedOn: fields.status === 'launched' || fields.status === 'done' ? fields.end : null,
    goals: new Y.Map(), feedback: new Y.Map(), milestones: new Y.Map(), slips: new Y.Map(), notes: new Y.Text(),
  });
}

/** The standard workspace plus a plan board of `items` items and `dependencies` dependencies, and the empty one (the base workspace's docs are shared, never changed). */
export function generatePlansBench(base: ModelWorkspace, items: number, dependencies: number, seed: number): PlansBench {
  const rng = new SeededRandom(seed ^ 0x91a7);
  const members = base.board.members.map((m) => m.id);
  const full = { boardId: rng.id('b'), name: `Plan ${(items / 1000).toFixed(0)}k`, items, dependencies };
  const empty = { boardId: rng.id('b'), name: 'Plan empty' };
  const source = base.docs.get(base.workspaceId);
  if (!source) throw new Error('the standard workspace has no workspace doc');
  const workspaceDoc = new Y.Doc({ guid: base.workspaceId });
  Y.applyUpdate(workspaceDoc, Y.encodeStateAsUpdate(source));
  workspaceDoc.clientID = 1 + rng.int(2 ** 31 - 1);
  addBoard(workspaceDoc, { id: full.boardId, kind: 'plans', name: full.name });
  addBoard(workspaceDoc, { id: empty.boardId, kind: 'plans', name: empty.name });

  const doc = plansDoc(full.boardId, 1 + rng.int(2 ** 31 - 1));
  const createdAt = Date.UTC(2025, 11, 1, 9);
  // Items in order of start, so a dependency on an earlier item never closes a cycle.
  const planned: { id: string; end: string }[] = [];
  doc.transact(() => {
    for (let i = 0; i < items; i++) {
      const id = rng.id('p');
      const start = addDays(FIRST_DAY, Math.floor((i / items) * SPAN_DAYS) + rng.int(5));
      const end = addDays(start, rng.between(3, 60));
      planItemsOf(doc).set(id, planItem(id, {
        title: `${rng.words(WORDS, rng.between(2, 4))} ${i + 1}`, kind: rng.pick(KINDS), team: rng.pick(TEAMS), ownerId: rng.chance(0.8) ? rng.pick(members) : null,
        status: rng.pick(STATUSES), start, end, createdBy: base.memberId, createdAt: createdAt + i * 60_000,
      }));
      planned.push({ id, end });
    }
    const pairs = new Set<string>();
    while (pairs.size < dependencies) {
      // A dependent waits on an item that started up to ~80 items (about six weeks) before it.
      const from = rng.between(1, items - 1);
      const to = Math.max(0, from - rng.between(1, 80));
      const key = `${from}:${to}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const target = planned[to] as { id: string; end: string };
      const id = rng.id('d');
      const seenEnd = pairs.size % FLAGGED_EVERY === 0 ? addDays(target.end, -7) : target.end;
      dependenciesOf(doc).set(id, newPlanEntity({ id, fromId: (planned[from] as { id: string }).id, toId: target.id, seenEnd, seenHorizon: null, by: base.memberId, createdAt }));
    }
  });
  const read = readPlansBoard(doc);
  const edges = read.items.reduce((n, item) => n + item.dependsOn.length, 0);
  if (read.items.length !== items || edges !== dependencies) throw new Error(`the plans reader reads ${read.items.length} items and ${edges} dependencies, the generator wrote ${items} and ${dependencies}`);

  const emptyDoc = plansDoc(empty.boardId, 1 + rng.int(2 ** 31 - 1));
  emptyDoc.transact(() => {
    const id = rng.id('p');
    planItemsOf(emptyDoc).set(id, planItem(id, { title: 'Someday', kind: 'initiative', team: 'shared', ownerId: null, status: 'idea', start: null, end: null, createdBy: base.memberId, createdAt }));
  });
  const docs = new Map(base.docs);
  docs.set(base.workspaceId, workspaceDoc);
  docs.set(full.boardId, doc);
  docs.set(empty.boardId, emptyDoc);
  return { workspace: { ...base, docs }, full, empty };
}
