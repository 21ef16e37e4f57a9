// The contract between the Chromium rows that drive the real app (render-board,
// remote-edit-paint, idb-burst, scroll-under-sync) and the probe they inject into its page
// before any of its scripts run (app-probe.ts): what the probe puts on `window`, and what
// each call returns. Types only, so both sides share it.

/** Components that rendered, by type (an index into `componentTypes()`), with the element each renders first. */
export interface ComponentRenders {
  readonly type: number;
  /** The first DOM element the component renders, `tag.class` (or `tag#testid`), to tell components apart. */
  readonly host: string;
  readonly count: number;
}

/** Opening a view: from the click (or the start of the baseline's render) to the second frame after its first paint. */
export interface OpenTiming {
  /** Start → the task after the second frame's paint. */
  readonly ms: number;
  /** Start → the task after the first frame that showed the view's content. */
  readonly firstPaintMs: number;
  /** `document.getElementsByTagName('*').length` at the end, and again once the view has settled (30 frames later). */
  readonly nodesAtEnd: number;
  readonly nodesSettled: number;
  /** Elements inside the view itself once settled. */
  readonly viewNodes: number;
  /** Long tasks (ms) that started in the measured span. */
  readonly longTasks: readonly number[];
  /** Components that rendered from the start to the end (the probe's React hook). */
  readonly components: readonly ComponentRenders[];
}

export interface RemoteEditTiming {
  /** rAF ticks from the update's arrival to the frame that painted the new title (1 = the very next frame). */
  readonly frames: number;
  /** Arrival (the WebSocket message event that carried it) → the task after that frame's paint. */
  readonly ms: number;
  /** Arrival → the update applied to the doc (decode + Yjs), and → the DOM change. */
  readonly appliedMs: number;
  readonly mutatedMs: number;
  /** React commits from arrival to 2 frames after the paint, and the components each commit rendered. */
  readonly commits: number;
  /** Components that rendered in the commit that put the new title in the DOM. */
  readonly paintCommit: readonly ComponentRenders[];
  /** Components that rendered in every commit from arrival to 2 frames after the paint. */
  readonly allCommits: readonly ComponentRenders[];
}

export interface ScrollTiming {
  /** rAF-to-rAF intervals (ms) over the scroll. */
  readonly intervals: readonly number[];
  readonly longTasks: readonly number[];
  /** Remote updates applied to the board's doc during the scroll. */
  readonly updates: number;
  /** React commits during the scroll. */
  readonly commits: number;
  /** How far the column scrolled (px), so a scroll that did nothing is caught. */
  readonly scrolled: number;
}

/** A pan of the workshop canvas or a drag of one note: one mouse move per frame. */
export interface GestureTiming {
  /** rAF-to-rAF intervals (ms) while the pointer moved. */
  readonly intervals: readonly number[];
  readonly longTasks: readonly number[];
  /** React commits while the pointer moved, and from letting go to 5 frames later. */
  readonly commits: number;
  readonly commitsAtEnd: number;
  /** How far the canvas (or the note) moved on screen, px, so a gesture that did nothing is caught. */
  readonly moved: number;
}

/** A tour of the plan timeline: scrolled right and down a step each frame, zoomed on the way. */
export interface TimelineTourTiming {
  /** rAF-to-rAF intervals (ms) over the tour. */
  readonly intervals: readonly number[];
  readonly longTasks: readonly number[];
  /** React commits during the tour. */
  readonly commits: number;
  /** How far the timeline scrolled in all (px), so a tour that did nothing is caught. */
  readonly scrolledX: number;
  readonly scrolledY: number;
}

/** Notes arriving from teammates while watched. */
export interface NoteArrivals {
  /** Notes added to the board by remote updates. */
  readonly notes: number;
  /** Per note painted: rAF ticks from the message that carried it to the frame that painted it. */
  readonly frames: readonly number[];
  /** Notes that arrived but never appeared. */
  readonly missing: number;
  readonly longTasks: readonly number[];
  readonly commits: number;
  /** Remote updates applied to the board. */
  readonly updates: number;
  readonly spanMs: number;
}

export interface BurstTiming {
  readonly edits: number;
  /** First edit → last edit. */
  readonly editSpanMs: number;
  /** First edit → `docs.cachePending()` back to 0. */
  readonly totalMs: number;
  /** Last edit → `docs.cachePending()` back to 0. */
  readonly tailMs: number;
  /** Longest main-thread task from the first edit until everything is persisted. */
  readonly longestTaskMs: number;
  /** Longest task after that until y-indexeddb has trimmed its rows (it does once it holds ≥ 500) and the page is quiet. */
  readonly longestTrimTaskMs: number;
  /** Every long task from the first edit until then: [start after the first edit, duration] (ms). */
  readonly tasks: readonly (readonly [number, number])[];
  /** When the last edit, the persistence and the trim's end happened, ms after the first edit. */
  readonly marks: { readonly lastEdit: number; readonly persisted: number; readonly settled: number };
  /** Rows y-indexeddb added during the burst (its highest key before it), and the burst's updates not among them byte for byte, base64 (y-indexeddb's trim may have merged them into one row already). */
  readonly rowsAdded: number;
  readonly keyBefore: number;
  readonly missing: readonly string[];
  /** The updates the burst made, kept in the page for the baseline. */
  readonly updates: number;
  readonly updateBytes: number;
  readonly commits: number;
  readonly components: readonly ComponentRenders[];
}

export interface BatchTiming {
  /** One read-write transaction adding every blob of the last burst, created → complete. */
  readonly ms: number;
  readonly longestTaskMs: number;
}

export interface AppProbeApi {
  /** Board ids with a snapshot in the store, and their item counts. */
  loadedBoards(): Record<string, number>;
  /** Clicks the sidebar button whose text contains `buttonText`, and times the view until `ready` matches and two frames have passed. */
  openView(args: { buttonText: string; ready: string; view: string; record?: boolean }): Promise<OpenTiming>;
  /** The baseline of render-board: a plain-DOM virtualised list of the board's items over the board area, timed the same way. */
  bareList(args: { boardId: string; area: string; rowHeight: number; overscan: number }): Promise<OpenTiming>;
  /** Ids of the cards fully visible in the kanban column `statusId`, top to bottom. */
  visibleCards(args: { statusId: string }): string[];
  /** Starts watching for `title` to appear on card `itemId`; `awaitRemoteEdit` resolves with the timing. */
  armRemoteEdit(args: { boardId: string; itemId: string; title: string; timeoutMs: number }): void;
  awaitRemoteEdit(): Promise<RemoteEditTiming>;
  /** Scrolls the kanban column `statusId` by `pxPerFrame` each frame for `frames` frames, from the top. */
  scrollColumn(args: { boardId: string; statusId: string; frames: number; pxPerFrame: number }): Promise<ScrollTiming>;
  /** `edits` single-field edits through `__tandem.feedback.update`, spread over `spanMs`, on the cards `itemIds` in turn. */
  burst(args: { boardId: string; itemIds: string[]; edits: number; spanMs: number }): Promise<BurstTiming>;
  /** Every row of y-indexeddb's `updates` store in `dbName` with a key above `afterKey`, base64. */
  rowsAfter(args: { dbName: string; afterKey: number }): Promise<string[]>;
  /** The baseline of idb-burst: the last burst's update blobs added to a scratch y-indexeddb database in one transaction. */
  batchWrite(args: { dbName: string }): Promise<BatchTiming>;
  /** Pans the workshop canvas on screen leftwards by `pxPerFrame` each frame (a mouse drag on its background). */
  panCanvas(args: { frames: number; pxPerFrame: number }): Promise<GestureTiming>;
  /** Drags a sticky note on screen leftwards by `pxPerFrame` each frame, then lets go. */
  dragNote(args: { frames: number; pxPerFrame: number }): Promise<GestureTiming>;
  /** Starts watching notes arrive on the workshop board `boardId`; `stopWatchingNotes` ends it `settleMs` later. */
  watchNotes(args: { boardId: string }): void;
  stopWatchingNotes(args: { settleMs: number }): Promise<NoteArrivals>;
  /** Clicks the plan board's Timeline tab and times it until `ready` matches and two frames have passed. */
  openPlanTimeline(args: { ready: string; record?: boolean }): Promise<OpenTiming>;
  /** Scrolls the plan timeline on screen right and down each frame, zooming to quarter, week and month on the way. */
  tourPlanTimeline(args: { pxX: number; pxY: number }): Promise<TimelineTourTiming>;
  /** Switches the plan board on screen to its Calendar tab (the view each open starts from). */
  leavePlanTimeline(args: Record<string, never>): Promise<void>;
  /** The component functions seen so far (index = `ComponentRenders.type`), for naming them via the source map. */
  componentTypes(): unknown[];
}

declare global {
  interface Window {
    tandemProbe?: AppProbeApi;
  }
}
