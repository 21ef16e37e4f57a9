// The probe the Chromium rows inject into the real app's page before any of its scripts run
// (Playwright `addInitScript`; bundled by esbuild into one IIFE). It changes nothing in the app:
// it counts frames with its own requestAnimationFrame loop, stamps every WebSocket message
// before the app sees it, records React commits through a stub of the DevTools hook (React's
// production build reports every commit to `__REACT_DEVTOOLS_GLOBAL_HOOK__`), observes long
// tasks, and drives the app through `window.__tandem` (its runtime) and the DOM.
import { canvasProbe, type WorkshopDocLike } from './canvas-probe';
import { planProbe } from './plan-probe';
import type { AppProbeApi, BatchTiming, BurstTiming, ComponentRenders, OpenTiming, RemoteEditTiming, ScrollTiming } from './app-probe-api';

// ——— What the probe needs of the app's runtime (window.__tandem), structurally ———

interface ItemLike {
  readonly id: string;
  readonly title: string;
  readonly customer: string;
  readonly channelId: string | null;
  readonly ownerId: string | null;
  readonly voteCount: number;
  readonly commentCount: number;
  readonly priority: number;
  readonly importance: number;
  readonly impact: number;
  readonly effort: number;
}
interface BoardLike {
  readonly items: ReadonlyMap<string, ItemLike>;
  readonly columns: readonly { readonly status: { readonly id: string }; readonly items: readonly ItemLike[] }[];
}
interface DocLike {
  on(event: 'update', listener: (update: Uint8Array, origin: unknown) => void): void;
  off(event: 'update', listener: (update: Uint8Array, origin: unknown) => void): void;
}
interface RuntimeLike {
  readonly store: { getState(): { feedbackBoards: Readonly<Record<string, BoardLike>> } };
  readonly feedback: { update(input: Record<string, unknown>): { ok: boolean } };
  readonly docs: { cachePending(): number };
  readonly boards: { get(boardId: string): { doc: DocLike } | undefined };
}

function runtime(): RuntimeLike {
  const value = (window as unknown as { __tandem?: RuntimeLike }).__tandem;
  if (!value) throw new Error('window.__tandem (the app runtime) is not there');
  return value;
}

const originSource = (origin: unknown) => (typeof origin === 'object' && origin !== null ? (origin as { source?: unknown }).source : undefined);
const countNodes = (root: Document | Element = document) => root.getElementsByTagName('*').length;

// ——— Frames: our own rAF loop, on only while a measurement runs ———

const nativeRaf = window.requestAnimationFrame.bind(window);
let frame = 0;
/** True from our rAF callback of `frame` until the task posted from it runs, i.e. until that frame is painted. */
let frameOpen = false;
let loopUsers = 0;
let looping = false;
const frameListeners = new Set<(frame: number, now: number) => void>();
const paintListeners = new Set<(frame: number, at: number) => void>();

function tick(now: number): void {
  frame++;
  frameOpen = true;
  const current = frame;
  // Registered every frame before anything the app registers during it, so this runs first in each frame.
  if (loopUsers > 0) nativeRaf(tick);
  else looping = false;
  // A task posted from a rAF callback runs after that frame's rendering (style, layout, paint).
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (frame === current) frameOpen = false;
    const at = performance.now();
    for (const listener of [...paintListeners]) listener(current, at);
  };
  channel.port2.postMessage(null);
  for (const listener of [...frameListeners]) listener(current, now);
}

function startLoop(): void {
  loopUsers++;
  if (!looping) {
    looping = true;
    nativeRaf(tick);
  }
}

function stopLoop(): void {
  loopUsers = Math.max(0, loopUsers - 1);
}

/** Resolves at the start of the first frame numbered ≥ `at` (in our rAF callback). */
function frameStart(at: number): Promise<{ frame: number; now: number }> {
  return new Promise((resolve) => {
    const listener = (f: number, now: number) => {
      if (f < at) return;
      frameListeners.delete(listener);
      resolve({ frame: f, now });
    };
    frameListeners.add(listener);
  });
}

/** Resolves (with performance.now()) in the task after frame `at` has been painted. */
function painted(at: number): Promise<number> {
  return new Promise((resolve) => {
    const listener = (f: number, time: number) => {
      if (f < at) return;
      paintListeners.delete(listener);
      resolve(time);
    };
    paintListeners.add(listener);
  });
}

/** Lets the page settle: the loop runs `frames` frames and we continue after the last one's paint. */
async function quietFrames(frames: number): Promise<void> {
  const until = frame + frames;
  await painted(until);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ——— WebSocket arrivals: stamped before the app's own `onmessage` runs ———

let lastMessage = { at: 0, frame: 0 };
const NativeWebSocket = window.WebSocket;
class ProbedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    // Added in the constructor, before the app sets `onmessage`: listeners run in the order added.
    this.addEventListener('message', () => {
      lastMessage = { at: performance.now(), frame };
    });
  }
}
window.WebSocket = ProbedWebSocket;

// ——— Long tasks ———

const longTasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No long task API: the rows report none.
}

/** Long tasks that started in [from, to], once the observer has had time to report them. */
async function longTasksBetween(from: number, to: number): Promise<number[]> {
  await delay(60);
  return longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration);
}

// ——— React commits, through a stub of the DevTools hook ———

interface Fiber {
  tag: number;
  type: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
  stateNode: unknown;
}
interface CommitRecord {
  readonly at: number;
  readonly frame: number;
  /** Component type index → host description, one entry per rendered component fiber. */
  readonly rendered: readonly (readonly [number, string])[];
  /** What `commitMarker` said right after this commit's DOM changes (false when none is set). */
  readonly marked: boolean;
}

const FUNCTION = 0;
const CLASS = 1;
const HOST_COMPONENTS = new Set([5, 26, 27]);
const FORWARD_REF = 11;
const SIMPLE_MEMO = 15;
/** React's PerformedWork flag: the component's render function ran in this render. */
const PERFORMED_WORK = 1;

const componentTypes: unknown[] = [];
const typeIndex = new Map<unknown, number>();
let recording: 'off' | 'count' | 'walk' = 'off';
/** Asked after each recorded commit, e.g. "is the new title in the DOM yet?". */
let commitMarker: (() => boolean) | null = null;
const commits: CommitRecord[] = [];

function componentFunction(fiber: Fiber): unknown {
  if (fiber.tag === FORWARD_REF) return (fiber.type as { render?: unknown } | null)?.render ?? fiber.type;
  return fiber.type;
}

function hostOf(fiber: Fiber): string {
  let cursor: Fiber | null = fiber.child;
  for (let steps = 0; cursor && steps < 40; steps++) {
    if (HOST_COMPONENTS.has(cursor.tag) && cursor.stateNode instanceof Element) {
      const el = cursor.stateNode;
      const testId = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      return `${el.tagName.toLowerCase()}${testId ? `[${testId}]` : cls ? `.${cls}` : ''}`;
    }
    cursor = cursor.child ?? cursor.sibling;
  }
  return '(no element)';
}

/**
 * The component fibers that rendered in the commit just made: mounted, or re-rendered (the
 * PerformedWork flag), walking only subtrees this commit touched (a bailed-out subtree keeps
 * the very same child fibers as the tree before it), as React DevTools does.
 */
function renderedIn(root: { current: Fiber }): [number, string][] {
  const out: [number, string][] = [];
  const stack: Fiber[] = [root.current];
  while (stack.length > 0) {
    const fiber = stack.pop() as Fiber;
    const prev = fiber.alternate;
    const isComponent = fiber.tag === FUNCTION || fiber.tag === CLASS || fiber.tag === FORWARD_REF || fiber.tag === SIMPLE_MEMO;
    if (isComponent && (prev === null || (fiber.flags & PERFORMED_WORK) !== 0)) {
      const fn = componentFunction(fiber);
      let index = typeIndex.get(fn);
      if (index === undefined) {
        index = componentTypes.length;
        componentTypes.push(fn);
        typeIndex.set(fn, index);
      }
      out.push([index, hostOf(fiber)]);
    }
    if (prev !== null && fiber.child === prev.child) continue;
    for (let child = fiber.child; child; child = child.sibling) stack.push(child);
  }
  return out;
}

(window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  isDisabled: false,
  supportsFiber: true,
  renderers: new Map(),
  inject(internals: unknown) {
    (this as { renderers: Map<number, unknown> }).renderers.set(1, internals);
    return 1;
  },
  onScheduleFiberRoot() {},
  onCommitFiberRoot(_id: number, root: { current: Fiber }) {
    if (recording === 'off') return;
    commits.push({ at: performance.now(), frame, rendered: recording === 'walk' ? renderedIn(root) : [], marked: commitMarker?.() ?? false });
  },
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
  setStrictMode() {},
  checkDCE() {},
};

function tally(records: readonly CommitRecord[]): ComponentRenders[] {
  const counts = new Map<string, ComponentRenders>();
  for (const record of records) {
    for (const [type, host] of record.rendered) {
      const key = `${type}|${host}`;
      const prev = counts.get(key);
      counts.set(key, { type, host, count: (prev?.count ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.type - b.type);
}

// ——— The measurements ———

/** Waits frame by frame (checked at the start of each frame, before the app's rAF work) for `ready`, then for one more frame. */
async function timeToSecondFrame(started: number, ready: () => boolean, timeoutMs: number): Promise<{ ms: number; firstPaintMs: number }> {
  let first = -1;
  while (first < 0) {
    const { frame: f } = await frameStart(frame + 1);
    if (ready()) first = f;
    else if (performance.now() - started > timeoutMs) throw new Error('the view never appeared');
  }
  const firstPaintAt = await painted(first);
  const end = await painted(first + 1);
  return { ms: end - started, firstPaintMs: firstPaintAt - started };
}

async function measureOpen(view: string, start: () => void, ready: () => boolean, record: boolean): Promise<OpenTiming> {
  startLoop();
  try {
    await quietFrames(3);
    const fromCommit = commits.length;
    recording = record ? 'walk' : 'off';
    const started = performance.now();
    start();
    const { ms, firstPaintMs } = await timeToSecondFrame(started, ready, 60_000);
    const nodesAtEnd = countNodes();
    recording = 'off';
    const rendered = tally(commits.slice(fromCommit));
    await quietFrames(30);
    const viewRoot = document.querySelector(view);
    return {
      ms, firstPaintMs, nodesAtEnd, nodesSettled: countNodes(), viewNodes: viewRoot ? countNodes(viewRoot) : 0,
      longTasks: await longTasksBetween(started, started + ms), components: rendered,
    };
  } finally {
    recording = 'off';
    stopLoop();
  }
}

let remoteEdit: Promise<RemoteEditTiming> | null = null;

const canvas = canvasProbe({
  startLoop,
  stopLoop,
  quietFrames,
  onFrame(listener) {
    frameListeners.add(listener);
    return () => frameListeners.delete(listener);
  },
  paintFrameNow: () => (frameOpen ? frame : frame + 1),
  lastMessageFrame: () => lastMessage.frame,
  countCommits(on) {
    recording = on ? 'count' : 'off';
    return commits.length;
  },
  longTasksBetween,
  isLinkOrigin: (origin) => originSource(origin) === 'link',
  boardDoc(boardId) {
    const doc = runtime().boards.get(boardId)?.doc as unknown as WorkshopDocLike | undefined;
    if (!doc) throw new Error(`board ${boardId} is not open`);
    return doc;
  },
});

const plans = planProbe({
  startLoop,
  stopLoop,
  quietFrames,
  onFrame(listener) {
    frameListeners.add(listener);
    return () => frameListeners.delete(listener);
  },
  countCommits(on) {
    recording = on ? 'count' : 'off';
    return commits.length;
  },
  longTasksBetween,
  measureOpen,
});

const api: AppProbeApi = {
  ...canvas,
  ...plans,
  loadedBoards() {
    const boards = runtime().store.getState().feedbackBoards;
    return Object.fromEntries(Object.entries(boards).map(([id, board]) => [id, board.items.size]));
  },

  openView({ buttonText, ready, view, record = false }) {
    const button = [...document.querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent?.includes(buttonText));
    if (!button) throw new Error(`no sidebar button "${buttonText}"`);
    return measureOpen(view, () => button.click(), () => document.querySelector(ready) !== null, record);
  },

  bareList({ boardId, area, rowHeight, overscan }) {
    const board = runtime().store.getState().feedbackBoards[boardId];
    if (!board) throw new Error(`board ${boardId} is not loaded`);
    const items = board.columns.flatMap((c) => c.items);
    const rect = document.querySelector(area)?.getBoundingClientRect();
    if (!rect) throw new Error(`no ${area} to lay the list over`);
    let host: HTMLDivElement | null = null;
    const render = (scroller: HTMLDivElement, body: HTMLDivElement) => {
      const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - overscan);
      const last = Math.min(items.length, Math.ceil((scroller.scrollTop + scroller.clientHeight) / rowHeight) + overscan);
      const rows = document.createDocumentFragment();
      for (let i = first; i < last; i++) {
        const item = items[i] as ItemLike;
        const row = document.createElement('div');
        row.className = 'bench-row';
        row.style.cssText = `position:absolute;left:0;right:0;top:${i * rowHeight}px;height:${rowHeight}px;display:flex;gap:8px;align-items:center;border-bottom:1px solid #ddd`;
        for (const text of [item.title, item.channelId ?? '', item.customer, `▲ ${item.voteCount}`, `${item.commentCount}`, `★ ${item.priority.toFixed(1)}`, item.ownerId ? item.ownerId.slice(2, 3).toUpperCase() : '']) {
          const cell = document.createElement('span');
          cell.textContent = text;
          row.append(cell);
        }
        rows.append(row);
      }
      body.replaceChildren(rows);
    };
    const view = '#bench-bare-list';
    return measureOpen(
      view,
      () => {
        host = document.createElement('div');
        host.id = 'bench-bare-list';
        host.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px;overflow:auto;background:#fff;z-index:1000;font:13px system-ui,sans-serif`;
        const body = document.createElement('div');
        body.style.cssText = `position:relative;height:${items.length * rowHeight}px`;
        host.append(body);
        const scroller = host;
        host.addEventListener('scroll', () => render(scroller, body));
        document.body.append(host);
        render(scroller, body);
      },
      () => document.querySelector(`${view} .bench-row`) !== null,
      false,
    ).finally(() => (host as HTMLDivElement | null)?.remove());
  },

  visibleCards({ statusId }) {
    const scroller = document.querySelector(`[data-testid="kanban-column"][data-status-id="${statusId}"] .column-scroll`);
    if (!scroller) throw new Error(`no kanban column ${statusId} on screen`);
    const box = scroller.getBoundingClientRect();
    return [...scroller.querySelectorAll<HTMLElement>('[data-testid="item-card"]')]
      .map((card) => ({ id: card.dataset.itemId ?? '', rect: card.getBoundingClientRect() }))
      .filter(({ rect }) => rect.top >= box.top && rect.bottom <= box.bottom && rect.height > 0)
      .sort((a, b) => a.rect.top - b.rect.top)
      .map(({ id }) => id);
  },

  armRemoteEdit({ boardId, itemId, title, timeoutMs }) {
    const doc = runtime().boards.get(boardId)?.doc;
    if (!doc) throw new Error(`board ${boardId} is not open`);
    const titleOf = () => document.querySelector(`[data-item-id="${itemId}"] .item-title`)?.textContent ?? null;
    if (titleOf() === null) throw new Error(`card ${itemId} is not on screen`);
    startLoop();
    const fromCommit = commits.length;
    recording = 'walk';
    commitMarker = () => titleOf() === title;
    let arrival: { at: number; frame: number; appliedAt: number } | null = null;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (arrival === null && originSource(origin) === 'link') arrival = { ...lastMessage, appliedAt: performance.now() };
    };
    doc.on('update', onUpdate);
    remoteEdit = new Promise<RemoteEditTiming>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the edit of ${itemId} was not painted within ${timeoutMs} ms`)), timeoutMs);
      const observer = new MutationObserver(() => {
        if (titleOf() !== title) return;
        observer.disconnect();
        const mutatedAt = performance.now();
        const paintFrame = frameOpen ? frame : frame + 1;
        void painted(paintFrame).then(async (paintedAt) => {
          await painted(paintFrame + 2);
          const got = arrival;
          if (!got) return finish(new Error('the title changed without a remote update'));
          const all = commits.slice(fromCommit);
          const own = all.filter((c) => c.marked).slice(0, 1);
          finish(undefined, {
            frames: paintFrame - got.frame, ms: paintedAt - got.at, appliedMs: got.appliedAt - got.at, mutatedMs: mutatedAt - got.at,
            commits: all.length, paintCommit: tally(own), allCommits: tally(all),
          });
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      function finish(error: Error | undefined, timing?: RemoteEditTiming) {
        clearTimeout(timer);
        observer.disconnect();
        doc?.off('update', onUpdate);
        recording = 'off';
        commitMarker = null;
        stopLoop();
        if (error || !timing) reject(error ?? new Error('no timing'));
        else resolve(timing);
      }
    });
  },

  awaitRemoteEdit() {
    if (!remoteEdit) throw new Error('armRemoteEdit was not called');
    const pending = remoteEdit;
    remoteEdit = null;
    return pending;
  },

  async scrollColumn({ boardId, statusId, frames, pxPerFrame }) {
    const scroller = document.querySelector<HTMLElement>(`[data-testid="kanban-column"][data-status-id="${statusId}"] .column-scroll`);
    const doc = runtime().boards.get(boardId)?.doc;
    if (!scroller || !doc) throw new Error(`no kanban column ${statusId} of board ${boardId} on screen`);
    startLoop();
    let updates = 0;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (originSource(origin) === 'link') updates++;
    };
    try {
      scroller.scrollTop = 0;
      await quietFrames(10);
      const fromCommit = commits.length;
      recording = 'count';
      doc.on('update', onUpdate);
      const stamps: number[] = [];
      const startTop = scroller.scrollTop;
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const listener = (_f: number, now: number) => {
          stamps.push(now);
          if (stamps.length > frames) {
            frameListeners.delete(listener);
            resolve();
            return;
          }
          scroller.scrollTop += pxPerFrame;
        };
        frameListeners.add(listener);
      });
      const ended = performance.now();
      recording = 'off';
      doc.off('update', onUpdate);
      const intervals = stamps.slice(1).map((t, i) => t - (stamps[i] as number));
      const timing: ScrollTiming = {
        intervals, longTasks: await longTasksBetween(started, ended), updates, commits: commits.length - fromCommit, scrolled: scroller.scrollTop - startTop,
      };
      return timing;
    } finally {
      recording = 'off';
      doc.off('update', onUpdate);
      stopLoop();
    }
  },

  async burst({ boardId, itemIds, edits, spanMs }) {
    const app = runtime();
    const board = app.store.getState().feedbackBoards[boardId];
    const doc = app.boards.get(boardId)?.doc;
    if (!board || !doc) throw new Error(`board ${boardId} is not open`);
    const fields = [['impact', 5], ['effort', 5], ['importance', 3]] as const;
    const last = new Map<string, number>();
    for (const id of itemIds) {
      const item = board.items.get(id);
      if (!item) throw new Error(`no item ${id}`);
      for (const [field] of fields) last.set(`${id}.${field}`, item[field]);
    }
    const dbName = `tandem:${boardId}`;
    const before = await lastRowKey(dbName);
    burstUpdates = [];
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (originSource(origin) === 'local') burstUpdates.push(update);
    };
    doc.on('update', onUpdate);
    const fromCommit = commits.length;
    recording = 'walk';
    startLoop();
    let done = 0;
    let failed = 0;
    let firstEditAt = 0;
    let lastEditAt = 0;
    const edit = () => {
      const id = itemIds[done % itemIds.length] as string;
      const [field, max] = fields[Math.floor(done / itemIds.length) % fields.length] as (typeof fields)[number];
      const key = `${id}.${field}`;
      const value = ((last.get(key) ?? 1) % max) + 1; // never the value it has, so every edit is a change
      last.set(key, value);
      if (!app.feedback.update({ id, [field]: value }).ok) failed++;
      done++;
    };
    try {
      await new Promise<void>((resolve) => {
        const listener = () => {
          if (firstEditAt === 0) firstEditAt = performance.now();
          const due = Math.min(edits, Math.ceil(((performance.now() - firstEditAt) / spanMs) * edits) || 1);
          while (done < due) edit();
          if (done >= edits) {
            lastEditAt = performance.now();
            frameListeners.delete(listener);
            resolve();
          }
        };
        frameListeners.add(listener);
      });
      if (failed > 0) throw new Error(`${failed} of ${edits} edits were refused`);
      while (app.docs.cachePending() > 0) await delay(0);
      const persistedAt = performance.now();
      recording = 'off';
      // Checked cheaply here (rows of the whole doc are left to the row, off every clock).
      const after = await rowsAfter(dbName, before);
      const stored = new Set(after.rows.filter((row) => row.byteLength <= SMALL_ROW_BYTES).map(base64Of));
      const missing = burstUpdates.map(base64Of).filter((u) => !stored.has(u));
      // y-indexeddb trims its rows 1 s after the last write once it holds ≥ 500: wait for that
      // (the store back under 500 rows and no long task for a second) and watch it too.
      const settleBy = performance.now() + TRIM_SETTLE_DEADLINE_MS;
      while (performance.now() < settleBy) {
        await delay(250);
        const now = performance.now();
        const lastTaskEnd = Math.max(0, ...longTasks.map((t) => t.start + t.duration));
        if (now - lastTaskEnd > 1_000 && now - lastEditAt > 2_000 && (await rowCount(dbName)) < TRIM_ROWS) break;
      }
      const settledAt = performance.now();
      const during = await longTasksBetween(firstEditAt, persistedAt);
      const trim = await longTasksBetween(persistedAt, settledAt);
      const timing: BurstTiming = {
        edits: done, editSpanMs: lastEditAt - firstEditAt, totalMs: persistedAt - firstEditAt, tailMs: persistedAt - lastEditAt,
        longestTaskMs: Math.max(0, ...during), longestTrimTaskMs: Math.max(0, ...trim), rowsAdded: after.rows.length, keyBefore: before, missing,
        updates: burstUpdates.length, updateBytes: burstUpdates.reduce((n, u) => n + u.byteLength, 0), commits: commits.length - fromCommit, components: tally(commits.slice(fromCommit)),
        tasks: longTasks.filter((t) => t.start >= firstEditAt && t.start <= settledAt).map((t) => [Math.round(t.start - firstEditAt), Math.round(t.duration)] as const),
        marks: { lastEdit: Math.round(lastEditAt - firstEditAt), persisted: Math.round(persistedAt - firstEditAt), settled: Math.round(settledAt - firstEditAt) },
      };
      return timing;
    } finally {
      recording = 'off';
      doc.off('update', onUpdate);
      stopLoop();
    }
  },

  async batchWrite({ dbName }) {
    if (burstUpdates.length === 0) throw new Error('no burst to write');
    const db = await openYIndexedDb(dbName);
    try {
      await committed(clearUpdates(db));
      const started = performance.now();
      const transaction = db.transaction('updates', 'readwrite');
      const store = transaction.objectStore('updates');
      for (const update of burstUpdates) store.add(update);
      await committed(transaction);
      const ended = performance.now();
      const timing: BatchTiming = { ms: ended - started, longestTaskMs: Math.max(0, ...(await longTasksBetween(started, ended))) };
      return timing;
    } finally {
      db.close();
    }
  },

  async rowsAfter({ dbName, afterKey }) {
    return (await rowsAfter(dbName, afterKey)).rows.map(base64Of);
  },

  componentTypes: () => componentTypes,
};

// ——— IndexedDB helpers (y-indexeddb's layout: an auto-increment `updates` store and `custom`) ———

let burstUpdates: Uint8Array[] = [];
/** Rows up to this size are compared byte for byte; bigger ones are whole-doc states. */
const SMALL_ROW_BYTES = 64 * 1024;
/** y-indexeddb's PREFERRED_TRIM_SIZE: it trims once its store holds this many rows. */
const TRIM_ROWS = 500;
const TRIM_SETTLE_DEADLINE_MS = 30_000;

const requested = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

const committed = (transaction: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });

function openYIndexedDb(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('updates', { autoIncrement: true });
    request.result.createObjectStore('custom');
  };
  return requested(request);
}

function clearUpdates(db: IDBDatabase): IDBTransaction {
  const transaction = db.transaction('updates', 'readwrite');
  transaction.objectStore('updates').clear();
  return transaction;
}

/** The highest key of the `updates` store (0 when empty). */
async function lastRowKey(name: string): Promise<number> {
  const db = await openYIndexedDb(name);
  try {
    const cursor = await requested(db.transaction('updates', 'readonly').objectStore('updates').openKeyCursor(null, 'prev'));
    return Number(cursor?.key ?? 0);
  } finally {
    db.close();
  }
}

async function rowCount(name: string): Promise<number> {
  const db = await openYIndexedDb(name);
  try {
    return await requested(db.transaction('updates', 'readonly').objectStore('updates').count());
  } finally {
    db.close();
  }
}

/** Rows of the `updates` store with a key above `afterKey`. */
async function rowsAfter(name: string, afterKey: number): Promise<{ rows: Uint8Array[] }> {
  const db = await openYIndexedDb(name);
  try {
    const rows = await requested(db.transaction('updates', 'readonly').objectStore('updates').getAll(IDBKeyRange.lowerBound(afterKey, true)));
    return { rows: rows as Uint8Array[] };
  } finally {
    db.close();
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

window.tandemProbe = api;
