// Helpers the feedback tests share: a board doc from a template, a teammate's replica of it,
// valid item input, merging two laptops and checking they agree, and an undo manager that
// tracks only this person's edits.
import { expect } from 'vitest';
import * as Y from 'yjs';
import {
  createFeedbackItem,
  feedbackUndoScope,
  initFeedbackBoard,
  LOCAL_ORIGIN,
  readFeedbackBoard,
  type CreateFeedbackItemInput,
  type FeedbackBoardSnapshot,
  type FeedbackSource,
} from '../../shared/model';
import { contentHash, replicaOf, syncBoth } from './support/docs';

export const ALICE = 'm_alice0000000000';
export const BOB = 'm_bob000000000000';
export const CAROL = 'm_carol0000000000';
export const MEMBERS = [
  { id: ALICE, name: 'Alice Wong' },
  { id: BOB, name: 'Bob' },
  { id: CAROL, name: '张伟' },
];

/** A new feedback board doc made from `source`'s template. */
export function newFeedbackBoard(source: FeedbackSource = 'user', clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initFeedbackBoard(doc, { source });
  return doc;
}

export function itemInput(overrides: Partial<CreateFeedbackItemInput> = {}): CreateFeedbackItemInput {
  return { title: 'Export reports to Excel', channelId: 'support', createdBy: ALICE, ...overrides };
}

/** A board with items titled `titles` (in New), and a teammate's replica of it. */
export function twoLaptops(...titles: string[]): { alice: Y.Doc; bob: Y.Doc; ids: string[] } {
  const alice = newFeedbackBoard('user', 1);
  const ids = titles.map((title, i) => createFeedbackItem(alice, itemInput({ title }), 1_000 + i));
  return { alice, bob: replicaOf(alice, 2), ids };
}

/** Merges both ways and asserts both laptops hold the same content and show the same board. */
export function mergeAndAgree(alice: Y.Doc, bob: Y.Doc): FeedbackBoardSnapshot {
  syncBoth(alice, bob);
  expect(contentHash(bob)).toBe(contentHash(alice));
  const snapshot = readFeedbackBoard(alice);
  expect(readFeedbackBoard(bob)).toEqual(snapshot);
  return snapshot;
}

export function undoManagerFor(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(feedbackUndoScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
}

/** Titles per column id, in order. */
export function columnTitles(snapshot: FeedbackBoardSnapshot): Record<string, string[]> {
  return Object.fromEntries(snapshot.columns.map((c) => [c.status.id, c.items.map((i) => i.title)]));
}

/** Asserts every item of the board shows in exactly one column, once, and returns its column per id. */
export function expectEachItemOnce(snapshot: FeedbackBoardSnapshot): Map<string, string> {
  const where = new Map<string, string>();
  for (const column of snapshot.columns) {
    for (const item of column.items) {
      expect(where.has(item.id), `item ${item.title} shows twice`).toBe(false);
      expect(item.columnId).toBe(column.status.id);
      where.set(item.id, column.status.id);
    }
  }
  expect([...where.keys()].sort()).toEqual([...snapshot.items.keys()].sort());
  return where;
}

export function item(snapshot: FeedbackBoardSnapshot, id: string) {
  const found = snapshot.items.get(id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}
