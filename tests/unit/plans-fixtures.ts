// Helpers the plans tests share: a plan board doc, valid plan item input, and merging two
// laptops while checking they agree.
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { createPlanItem, initPlansBoard, readPlansBoard, SCHEMA_VERSION, type CreatePlanItemInput, type PlansBoardSnapshot } from '../../shared/model';
import { contentHash, syncBoth } from './support/docs';
import * as Yjs from 'yjs';

export const ALICE = 'm_alice0000000000';
export const BOB = 'm_bob000000000000';

export function newPlansBoard(clientID?: number): Y.Doc {
  const doc = new Yjs.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initPlansBoard(doc, SCHEMA_VERSION);
  return doc;
}

export function planInput(overrides: Partial<CreatePlanItemInput> = {}): CreatePlanItemInput {
  return { title: 'Release 2.4', kind: 'release', team: 'product', ownerId: ALICE, start: '2026-03-02', end: '2026-03-13', createdBy: ALICE, ...overrides };
}

/** A board with a release and a campaign that waits on it. */
export function releaseAndCampaign() {
  const doc = newPlansBoard(1);
  const release = createPlanItem(doc, planInput(), 1_000);
  const campaign = createPlanItem(doc, planInput({ title: 'Spring win-back campaign', kind: 'campaign', team: 'operations', ownerId: BOB, start: '2026-03-16', end: '2026-04-10' }), 2_000);
  return { doc, release, campaign };
}

/** Merges both ways and asserts both laptops hold the same content and read the same board. */
export function mergeAndAgree(alice: Y.Doc, bob: Y.Doc): PlansBoardSnapshot {
  syncBoth(alice, bob);
  expect(contentHash(bob)).toBe(contentHash(alice));
  const snapshot = readPlansBoard(alice);
  expect(readPlansBoard(bob)).toEqual(snapshot);
  return snapshot;
}

export const itemOf = (snapshot: PlansBoardSnapshot, id: string) => snapshot.items.find((i) => i.id === id);
