// Row `many-docs`: a workspace of 5,000 boards of 20 items each (500 with --quick), cold-synced
// from hub A to an empty hub B, against one doc holding the same items, in the same run: time
// from connect to "B has it all on disk" and bytes on the wire, and B's memory once it holds
// them. The limit on docs per connection must cost neither sync time nor bytes nor memory.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LinkTestClient, waitFor } from '../../integration/support/link-test-client';
import { docsHash } from '../../support/doc-hash';
import { docsOnDisk } from '../../support/docs-on-disk';
import { SeededRandom } from '../support/prng';
import type { BenchContext, BenchRow, RowReport } from '../support/row';
import { newBenchWorkspace, peerDataDir, startLanHub, writePeerData, type BenchWorkspace, type LanHub } from '../support/lan-hub';
import { timeSync, type SyncTiming } from '../support/lan-sync-timing';
import { cpuProfileArgs, describeWindow, profileWindow } from '../support/peer-profile';
import { formatValue } from '../support/table';
import { median, sampleRoundRobin } from '../support/timing';
import { startWireMeter } from '../support/wire-meter';

const ITEMS_PER_BOARD = 20;
const SYNC_DEADLINE_MS = 240_000;
/** /healthz reads every doc's state: polled at 5 ms (as sync-cold does) it would take A's time from the sync it measures. */
const POLL_MS = 50;
const WORDS = 'export csv dashboard slow login sso mobile offline sync board goal kpi filter search sort tag owner deadline reminder email chat invoice report chart quarter team roadmap'.split(' ');

/** One item as a board holds it: a few fields and a description. */
function addItem(items: Y.Map<Y.Map<unknown>>, id: string, rng: SeededRandom): void {
  const item = new Y.Map<unknown>();
  item.set('title', rng.words(WORDS, 4));
  item.set('status', rng.pick(['new', 'planned', 'done']));
  item.set('votes', rng.int(40));
  item.set('description', new Y.Text(rng.words(WORDS, 30)));
  items.set(id, item);
}

interface Workload {
  /** Board id → its one update. */
  readonly boards: Map<string, Uint8Array>;
  readonly boardsHash: string;
  /** The same items in one doc. */
  readonly single: Uint8Array;
}

/** The boards, and one doc holding the same items: item for item, each board's items one transaction. */
function generate(boardCount: number, seed: number): Workload {
  const boardsRng = new SeededRandom(seed);
  const singleRng = new SeededRandom(seed);
  const single = new Y.Doc();
  const singleItems = single.getMap<Y.Map<unknown>>('items');
  const boards = new Map<string, Uint8Array>();
  const docs = new Map<string, Y.Doc>();
  for (let b = 0; b < boardCount; b++) {
    const id = `b_many${String(b).padStart(5, '0')}`;
    const doc = new Y.Doc();
    const items = doc.getMap<Y.Map<unknown>>('items');
    doc.transact(() => {
      for (let i = 0; i < ITEMS_PER_BOARD; i++) addItem(items, `i${b}_${i}`, boardsRng);
    });
    single.transact(() => {
      for (let i = 0; i < ITEMS_PER_BOARD; i++) addItem(singleItems, `i${b}_${i}`, singleRng);
    });
    boards.set(id, Y.encodeStateAsUpdate(doc));
    docs.set(id, doc);
  }
  const boardsHash = docsHash(docs);
  for (const doc of docs.values()) doc.destroy();
  return { boards, boardsHash, single: Y.encodeStateAsUpdate(single) };
}

/** Resident memory of a process, from /proc. */
function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** The hash of every doc a stopped hub left on disk. */
async function hashOnDisk(dataDir: string): Promise<string> {
  return docsHash(await docsOnDisk(dataDir));
}

interface ColdRun {
  readonly ms: number;
  readonly bytes: number;
  readonly rss: number;
  readonly window: SyncTiming['window'];
}

/** A fresh empty B dials A through a wire meter; the clock stops when A sees B holding everything on disk. */
async function coldSync(hubA: LanHub, workspace: BenchWorkspace, expectedHash: string, nodeArgsB: readonly string[] = []): Promise<ColdRun> {
  const meter = await startWireMeter(hubA.lanPort);
  const bDir = await peerDataDir('many-docs-b');
  let hubB: LanHub | undefined;
  let link: LinkTestClient | undefined;
  try {
    await writePeerData(bDir, workspace, new Map());
    hubB = await startLanHub({ dataDir: bDir, nodeArgs: nodeArgsB });
    const client = await LinkTestClient.connect(hubB.port, hubB.token);
    link = client;
    await waitFor(() => client.hello !== null);
    const timing = await timeSync({ dialler: hubB, diallerLink: client, meter, savedOn: [hubA], watch: [], expected: new Map(), deadlineMs: SYNC_DEADLINE_MS, pollMs: POLL_MS });
    const rss = rssBytes(hubB.pid);
    client.close();
    link = undefined;
    await hubB.close();
    hubB = undefined;
    const hash = await hashOnDisk(bDir);
    if (hash !== expectedHash) throw new Error("B's docs differ from A's after sync");
    return { ms: timing.savedMs, bytes: timing.toListener + timing.toDialler, rss, window: timing.window };
  } finally {
    link?.close();
    await hubB?.close();
    await meter.close();
    await rm(bDir, { recursive: true, force: true });
  }
}

/** One more cold sync of `dataDir`'s docs with both peers under `--cpu-prof`, never timed: where each spent the window. */
async function profiledColdSync(label: string, dataDir: string, workspace: BenchWorkspace, expectedHash: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-profile-'));
  try {
    const hubA = await startLanHub({ dataDir, nodeArgs: cpuProfileArgs(dir, 'a') });
    let run: ColdRun;
    try {
      run = await coldSync(hubA, workspace, expectedHash, cpuProfileArgs(dir, 'b'));
    } finally {
      await hubA.close();
    }
    const { fromMicros, toMicros } = run.window;
    return `many-docs profile, ${label} (one extra run under --cpu-prof, ${formatValue(run.ms, 'ms')} to saved): A ${describeWindow(profileWindow(dir, 'a', fromMicros, toMicros), 10)}. B ${describeWindow(profileWindow(dir, 'b', fromMicros, toMicros), 10)}.`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const manyDocsRow: BenchRow = {
  name: 'many-docs',
  description: 'empty peer B dials peer A holding 5,000 boards of 20 items (500 with --quick), connect to all saved on B, vs one doc of the same items in the same run',
  async run(context: BenchContext): Promise<RowReport> {
    const boardCount = context.quick ? 500 : 5_000;
    context.progress(`many-docs: generating ${boardCount} boards of ${ITEMS_PER_BOARD} items`);
    const workload = generate(boardCount, context.seed);
    const workspace = newBenchWorkspace();
    const [manyDir, oneDir] = [await peerDataDir('many-docs-a'), await peerDataDir('one-doc-a')];
    context.progress('many-docs: writing the peers’ data');
    await writePeerData(manyDir, workspace, new Map([...workload.boards].map(([id, update]) => [id, [update]])));
    await writePeerData(oneDir, workspace, new Map([['b_single', [workload.single]]]));
    const singleHash = await hashOnDisk(oneDir);
    const hubs = { many: await startLanHub({ dataDir: manyDir }), one: await startLanHub({ dataDir: oneDir }) };
    const runs: Record<'many' | 'one', ColdRun[]> = { many: [], one: [] };
    try {
      const rssA = { many: rssBytes(hubs.many.pid), one: rssBytes(hubs.one.pid) };
      await sampleRoundRobin(
        {
          many: async () => (runs.many.push(await coldSync(hubs.many, workspace, workload.boardsHash)), 0),
          one: async () => (runs.one.push(await coldSync(hubs.one, workspace, singleHash)), 0),
        },
        { runs: context.runs, onRound: (round) => context.progress(round < 0 ? 'many-docs: warm-up' : `many-docs: run ${round + 1}/${context.runs}`) },
      );
      await hubs.many.close();
      await hubs.one.close();
      // With --quick only: the full run's ten minutes go to the measured runs, and 500 boards show where each board's time goes as well.
      const profiles: string[] = [];
      if (context.quick) {
        context.progress('many-docs: one more run of each under --cpu-prof (not timed)');
        profiles.push(await profiledColdSync('the boards', manyDir, workspace, workload.boardsHash), await profiledColdSync('the one doc', oneDir, workspace, singleHash));
      }
      // The warm-up's runs are the first of each list.
      const measured = (key: 'many' | 'one', pick: (r: ColdRun) => number) => runs[key].slice(1).map(pick);
      const label = `many-docs (${boardCount} boards × ${ITEMS_PER_BOARD} items)`;
      return {
        lines: [
          { workload: label, metric: 'connect to all saved on B (A sees nothing pending)', unit: 'ms', measured: { samples: measured('many', (r) => r.ms) }, baseline: { samples: measured('one', (r) => r.ms), label: '(one doc)' }, maxRatio: 1.5 },
          { workload: label, metric: 'bytes on the wire, both ways', unit: 'bytes', measured: { samples: measured('many', (r) => r.bytes) }, baseline: { samples: measured('one', (r) => r.bytes), label: '(one doc)' }, maxRatio: 1.2 },
          { workload: label, metric: "B's resident memory once it holds them", unit: 'bytes', measured: { samples: measured('many', (r) => r.rss) }, baseline: { samples: measured('one', (r) => r.rss), label: '(one doc)' } },
        ],
        notes: [
          `many-docs: A holds ${boardCount} boards of ${ITEMS_PER_BOARD} items (4 fields and a 30-word text each), one update per board; the baseline's A holds the same ${boardCount * ITEMS_PER_BOARD} items in one doc (${formatValue(workload.single.byteLength, 'bytes')} encoded; the boards ${formatValue([...workload.boards.values()].reduce((sum, u) => sum + u.byteLength, 0), 'bytes')}). ` +
            `Each run starts a fresh empty B that dials A through a wire meter; the clock runs from the TCP accept to A's /healthz (read every ${POLL_MS} ms, both workloads) listing B with nothing pending, then B stops and every doc it left on disk is hashed against A's. ` +
            `B's memory is its RSS at that moment; A's RSS at start: ${formatValue(rssA.many, 'bytes')} holding the boards, ${formatValue(rssA.one, 'bytes')} holding the one doc. ` +
            `Medians: many ${formatValue(median(measured('many', (r) => r.ms)), 'ms')}, one ${formatValue(median(measured('one', (r) => r.ms)), 'ms')}.`,
          ...profiles,
        ],
      };
    } finally {
      await hubs.many.close();
      await hubs.one.close();
      await rm(manyDir, { recursive: true, force: true });
      await rm(oneDir, { recursive: true, force: true });
    }
  },
};
