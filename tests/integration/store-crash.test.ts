// Kills a real writer process at random moments and checks the replica store's promise: every
// acknowledged record survives, in order and byte-identical; nothing corrupt is ever loaded; the
// store takes new appends afterwards. Seeded (TANDEM_CRASH_SEED), rounds via TANDEM_CRASH_ROUNDS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ReplicaStore } from '../../electron/peer/store/replica-store';
import type { StoreLogger, StoreWarning } from '../../electron/peer/store/replica-store';
import { logFileName } from '../../electron/peer/store/doc-file-names';
import { INBOX_FILE_NAME } from '../../electron/peer/store/doc-inbox';
import { burstDocId, compactedState, CRASH_DOC_ID, crashRecord, recordIndex, stateCount, writerArgv } from './fixtures/store-writer';
import type { WriterArgs } from './fixtures/store-writer';

const ROUNDS = Number(process.env.TANDEM_CRASH_ROUNDS ?? 50);
const BURST_ROUNDS = Math.max(10, Math.round(ROUNDS / 2));
const BURST_DOCS = 60;
const SEED = Number(process.env.TANDEM_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const quiet: StoreLogger = { info: () => undefined, warn: () => undefined };

let tmp: string;
let writerBundle: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-crash-'));
  writerBundle = path.join(tmp, 'store-writer.cjs');
  // One bundle, started many times: plain node on a .cjs starts far faster than a TS loader.
  await build({
    stdin: { contents: "import { runWriter } from './store-writer';\nvoid runWriter(process.argv.slice(2));\n", resolveDir: fixtures, sourcefile: 'store-writer-main.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: writerBundle,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type KillPlan = { afterMs: number } | { afterAcks: number; extraMs: number };

/** Runs the writer until the plan says kill; returns the acknowledged indices, in the order printed. */
async function runAndKill(args: WriterArgs, plan: KillPlan): Promise<number[]> {
  const child = spawn(process.execPath, [writerBundle, ...writerArgv(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: number[] = [];
  let stderr = '';
  let partial = '';
  let killed = false;
  const kill = () => {
    if (!killed) child.kill('SIGKILL');
    killed = true;
  };
  const safety = setTimeout(kill, 15_000);
  if ('afterMs' in plan) setTimeout(kill, plan.afterMs);
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^ack (\d+)$/.exec(line);
      if (!match) {
        stderr += `unexpected stdout line ${JSON.stringify(line)}\n`;
        continue;
      }
      acks.push(Number(match[1]));
      if ('afterAcks' in plan && acks.length === plan.afterAcks) setTimeout(kill, plan.extraMs);
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(safety);
  if ((signal !== 'SIGKILL' && code !== 0) || stderr.includes('unexpected stdout')) throw new Error(`writer exited with ${code ?? signal}: ${stderr}`);
  return acks;
}

const expectedRecords = new Map<number, Buffer>();
function expected(seed: number, index: number): Buffer {
  let record = expectedRecords.get(index);
  if (!record) {
    const bytes = crashRecord(seed, index);
    record = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expectedRecords.set(index, record);
  }
  return record;
}
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/**
 * Checks the loaded log is exactly a sequence the writer could have produced: an optional
 * compacted state for records 0..c-1, then records c, c+1, … each byte-identical. Returns how
 * many records it covers.
 */
function coveredBy(seed: number, updates: Uint8Array[]): number {
  const first = updates[0];
  const count = first === undefined ? undefined : stateCount(first);
  let covered = 0;
  if (count !== undefined) {
    expect(same(first!, compactedState(seed, count)), `compacted state for ${count} records is intact`).toBe(true);
    covered = count;
  }
  for (const update of updates.slice(count === undefined ? 0 : 1)) {
    expect(same(update, expected(seed, covered)), `record ${covered} is byte-identical`).toBe(true);
    covered++;
  }
  return covered;
}

async function loadChecked(dir: string, seed: number): Promise<{ store: ReplicaStore; covered: number; updates: Uint8Array[]; warnings: StoreWarning[] }> {
  const store = await ReplicaStore.open(dir, { logger: quiet });
  const { updates, warnings } = await store.loadDoc(CRASH_DOC_ID);
  for (const warning of warnings) {
    expect(await fs.stat(warning.setAsideFile).then((s) => s.isFile())).toBe(true);
  }
  return { store, covered: coveredBy(seed, updates), updates, warnings };
}

/** Appends the next record of the sequence from this process, and checks it reloads cleanly. */
async function appendNextAndReload(store: ReplicaStore, dir: string, seed: number, covered: number): Promise<number> {
  await store.append(CRASH_DOC_ID, expected(seed, covered));
  await store.close();
  const again = await loadChecked(dir, seed);
  await again.store.close();
  expect(again.warnings).toEqual([]);
  expect(again.covered).toBe(covered + 1);
  return covered + 1;
}

describe('replica store under SIGKILL', () => {
  it(`keeps every acknowledged record through ${ROUNDS} random kills (seed ${SEED})`, async () => {
    const dir = path.join(tmp, 'rounds');
    const random = prng(SEED);
    let start = 0;
    let tornTails = 0;
    let unackedButDurable = 0;
    let compacted = 0;
    let round = 0;
    try {
      for (round = 0; round < ROUNDS; round++) {
        const window = 1 + Math.floor(random() * 16);
        const args: WriterArgs = { dir, seed: SEED, start, window, compactEvery: random() < 0.5 ? 0 : 5 + Math.floor(random() * 40), limit: 2000 };
        // Some kills land during start-up or recovery, most in the thick of writing.
        const plan: KillPlan = random() < 0.25 ? { afterMs: Math.floor(random() * 120) } : { afterAcks: 1 + Math.floor(random() * 60), extraMs: Math.floor(random() * 4) };
        const acks = await runAndKill(args, plan);
        expect(acks, 'acks arrive in append order').toEqual(acks.map((_, i) => start + i));
        const lastAcked = acks.at(-1) ?? start - 1;

        const { store, covered, updates, warnings } = await loadChecked(dir, SEED);
        // A killed process cannot flip bits: the only damage it may leave is a short tail.
        expect(warnings.map((w) => w.kind).filter((kind) => kind !== 'torn-tail')).toEqual([]);
        tornTails += warnings.length;
        if (covered > lastAcked + 1) unackedButDurable++;
        if (updates[0] !== undefined && stateCount(updates[0]) !== undefined) compacted++;
        expect(covered, 'every acknowledged record is present').toBeGreaterThanOrEqual(lastAcked + 1);
        expect(covered, 'nothing beyond what was in flight').toBeLessThanOrEqual(lastAcked + 1 + window);
        start = await appendNextAndReload(store, dir, SEED, covered);
      }
    } catch (error) {
      throw new Error(`crash round ${round} failed; rerun with TANDEM_CRASH_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
    }
    console.info(`store crash test: seed ${SEED}, ${ROUNDS} kills, ${start} records, ${tornTails} torn tails repaired, ${unackedButDurable} kills caught records written but not yet acknowledged, ${compacted} rounds began with a compacted state`);
  });

  it(`a tail torn or bit-flipped after a kill loses only that record, with a warning (seed ${SEED})`, async () => {
    const dir = path.join(tmp, 'damaged');
    const log = path.join(dir, 'docs', logFileName(CRASH_DOC_ID));
    try {
      const acks = await runAndKill({ dir, seed: SEED, start: 0, window: 4, compactEvery: 0, limit: 2000 }, { afterAcks: 8, extraMs: 0 });
      expect(acks.length).toBeGreaterThanOrEqual(8);
      const first = await loadChecked(dir, SEED);
      await first.store.close();
      const lastSize = 8 + first.updates.at(-1)!.byteLength;

      const torn = (await fs.readFile(log)).subarray(0, -5);
      await fs.writeFile(log, torn);
      const afterTear = await loadChecked(dir, SEED);
      expect(afterTear.covered).toBe(first.covered - 1);
      expect(afterTear.warnings).toMatchObject([{ kind: 'torn-tail', keptRecords: first.updates.length - 1, droppedBytes: lastSize - 5 }]);
      expect((await fs.readFile(afterTear.warnings[0]!.setAsideFile)).equals(torn), 'set-aside copy is byte-identical').toBe(true);
      const covered = await appendNextAndReload(afterTear.store, dir, SEED, afterTear.covered);

      const flipped = await fs.readFile(log);
      flipped[flipped.length - 1]! ^= 0x80;
      await fs.writeFile(log, flipped);
      const afterFlip = await loadChecked(dir, SEED);
      expect(afterFlip.covered).toBe(covered - 1);
      expect(afterFlip.warnings).toMatchObject([{ kind: 'bad-checksum', keptRecords: afterFlip.updates.length }]);
      expect((await fs.readFile(afterFlip.warnings[0]!.setAsideFile)).equals(flipped), 'set-aside copy is byte-identical').toBe(true);
      await appendNextAndReload(afterFlip.store, dir, SEED, afterFlip.covered);
    } catch (error) {
      throw new Error(`rerun with TANDEM_CRASH_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
    }
  });

  it(`boards created together go through the inbox and to their own logs, and keep every acknowledged record through ${BURST_ROUNDS} random kills (seed ${SEED})`, async () => {
    const dir = path.join(tmp, 'burst');
    const random = prng(SEED ^ 0x5bd1e995);
    const acked = new Set<number>();
    let start = 0;
    let round = 0;
    const seen = { inboxInUse: 0, someMoved: 0 };
    try {
      for (round = 0; round < BURST_ROUNDS; round++) {
        const window = 2 + Math.floor(random() * 30);
        const args: WriterArgs = { dir, seed: SEED, start, window, compactEvery: 0, limit: 2000, docs: BURST_DOCS, quietMs: 15 };
        // Kills land while docs are created, while they sit in the inbox and while they move.
        const acks = await runAndKill(args, { afterMs: 20 + Math.floor(random() * 400) });
        for (const index of acks) acked.add(index);
        const inboxBytes = (await fs.stat(path.join(dir, 'docs', INBOX_FILE_NAME)).catch(() => undefined))?.size ?? 0;
        const ownLogs = (await fs.readdir(path.join(dir, 'docs')).catch(() => [])).filter((name) => name.endsWith('.tlog') && name !== INBOX_FILE_NAME).length;
        if (inboxBytes > 8) seen.inboxInUse++;
        if (inboxBytes > 8 && ownLogs > 1) seen.someMoved++;

        const store = await ReplicaStore.open(dir, { logger: quiet });
        const loaded = new Set<number>();
        let highest = start - 1;
        for (const docId of await store.listDocIds()) {
          const { updates, warnings } = await store.loadDoc(docId);
          expect(warnings.map((w) => w.kind).filter((kind) => kind !== 'torn-tail')).toEqual([]);
          let previous = -1;
          for (const update of updates) {
            const index = recordIndex(update);
            expect(burstDocId(index, BURST_DOCS), `record ${index} is in its own doc`).toBe(docId);
            expect(index, `${docId}'s records are in order, each once`).toBeGreaterThan(previous);
            expect(same(update, expected(SEED, index)), `record ${index} is byte-identical`).toBe(true);
            previous = index;
            loaded.add(index);
            highest = Math.max(highest, index);
          }
        }
        await store.close();
        const lost = [...acked].filter((index) => !loaded.has(index));
        expect(lost, 'every acknowledged record is present').toEqual([]);
        expect(highest, 'nothing the writer never wrote').toBeLessThan(start + 2000);
        start = Math.max(highest, ...acks) + 1;
      }
    } catch (error) {
      throw new Error(`burst round ${round} failed; rerun with TANDEM_CRASH_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
    }
    console.info(`store burst crash test: seed ${SEED}, ${BURST_ROUNDS} kills, ${acked.size} acknowledged records over ${BURST_DOCS} docs; the inbox held docs at ${seen.inboxInUse} kills, ${seen.someMoved} of them with some docs moved`);
    expect(seen.inboxInUse, 'some kills landed with docs in the inbox').toBeGreaterThan(0);
  });
});
