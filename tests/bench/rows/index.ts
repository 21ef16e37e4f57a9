// Every benchmark row `npm run bench` knows, in the order they run. A new row of
// BENCHMARKS.md (sync-cold, render-board, …) is a module in this folder added here.
import type { BenchRow } from '../support/row';
import { idbLoadRow } from './idb-load';
import { loadPeerRow } from './load-peer';

export const ROWS: readonly BenchRow[] = [loadPeerRow, idbLoadRow];
