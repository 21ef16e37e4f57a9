// Every benchmark row `npm run bench` knows, in the order they run. A new row of
// BENCHMARKS.md (sync-cold, render-board, …) is a module in this folder added here.
import type { BenchRow } from '../support/row';
import { canvasPanRow } from './canvas-pan';
import { idbBurstRow } from './idb-burst';
import { idbLoadRow } from './idb-load';
import { liveLatencyRow } from './live-latency';
import { loadPeerRow } from './load-peer';
import { manyDocsRow } from './many-docs';
import { memoryRow } from './memory';
import { planTimelineRow } from './plan-timeline';
import { presenceFanoutRow } from './presence-fanout';
import { relayColdRow } from './relay-cold';
import { relayFanoutRow } from './relay-fanout';
import { remoteEditPaintRow } from './remote-edit-paint';
import { renderBoardRow } from './render-board';
import { scrollUnderSyncRow } from './scroll-under-sync';
import { syncColdRow } from './sync-cold';
import { syncDeltaRow } from './sync-delta';
import { vsYWebsocketRow } from './vs-y-websocket';
import { workshopBurstRow } from './workshop-burst';

export const ROWS: readonly BenchRow[] = [loadPeerRow, idbLoadRow, renderBoardRow, remoteEditPaintRow, idbBurstRow, scrollUnderSyncRow, syncColdRow, syncDeltaRow, manyDocsRow, liveLatencyRow, presenceFanoutRow, memoryRow, vsYWebsocketRow, relayColdRow, relayFanoutRow, canvasPanRow, workshopBurstRow, planTimelineRow];
