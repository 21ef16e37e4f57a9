// Helpers the model and protocol unit tests share: fresh board docs with valid inputs,
// merging two replicas both ways, comparing replicas by a hash of their content (equal
// state vectors can hide diverged content), and asserting that a refused mutation left
// the doc byte-identical.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { en } from '../../../shared/i18n/en';
import { initGoalsBoard, ModelError, SCHEMA_VERSION, type CreateGoalInput, type ModelErrorCode, type TxOrigin } from '../../../shared/model';

/** The origin a transport uses for a teammate's update. */
export const peerOrigin = (peerId = 'x'): TxOrigin => ({ source: 'peer', peerId });

/** A new, empty goals board doc. */
export function newBoard(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initGoalsBoard(doc, SCHEMA_VERSION);
  return doc;
}

/** A second replica of `doc`, as a teammate's laptop would hold it after one sync. */
export function replicaOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), peerOrigin('seed'));
  return copy;
}

export function goalInput(overrides: Partial<CreateGoalInput> = {}): CreateGoalInput {
  return {
    title: 'Cut onboarding time',
    team: 'operations',
    period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' },
    createdBy: 'm_alice0000000000',
    ...overrides,
  };
}

/** Exchanges what each doc lacks, both ways, as two peers meeting would. */
export function syncBoth(a: Y.Doc, b: Y.Doc, origin: TxOrigin = peerOrigin('sync')): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, origin);
  Y.applyUpdate(a, toA, origin);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * sha256 of every non-empty top-level map's content, keys sorted. Empty maps are left out
 * because merely asking a doc for a map (`getMap`) creates it locally.
 */
export function contentHash(doc: Y.Doc): string {
  const content: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    // Roots are maps, except a series occurrence's notes (`notes:<meetingId>`), a text.
    if (name.startsWith('notes:')) {
      const text = doc.getText(name).toString();
      if (text.length > 0) content[name] = text;
      continue;
    }
    const json = doc.getMap(name).toJSON();
    if (Object.keys(json).length > 0) content[name] = json;
  }
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}

export function docBytes(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** Runs `fn`, returning what it threw (or failing the test if it did not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected the call to throw');
}

export interface ExpectedRefusal {
  code: ModelErrorCode;
  messageKey: string;
  field?: string | undefined;
  params?: Record<string, string | number>;
}

/**
 * Asserts that `mutate` throws a ModelError matching `expected`, that its message key is in
 * the English catalogue, and that the doc is byte-identical afterwards.
 */
export function expectRefused(doc: Y.Doc, mutate: () => unknown, expected: ExpectedRefusal): ModelError {
  const before = docBytes(doc);
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array) => updates.push(update);
  doc.on('update', onUpdate);
  let error: unknown;
  try {
    error = thrown(mutate);
  } finally {
    doc.off('update', onUpdate);
  }
  expect(error).toBeInstanceOf(ModelError);
  const modelError = error as ModelError;
  expect({ code: modelError.code, messageKey: modelError.messageKey, field: modelError.field }).toEqual({
    code: expected.code,
    messageKey: expected.messageKey,
    field: expected.field,
  });
  if (expected.params) expect(modelError.params).toEqual(expected.params);
  const [group, key] = modelError.messageKey.split('.');
  expect(group).toBe('errors');
  expect(Object.keys(en.errors)).toContain(key);
  expect(updates).toHaveLength(0);
  expect(docBytes(doc)).toEqual(before);
  return modelError;
}

/** A small seeded generator (mulberry32), so a failing random test can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
