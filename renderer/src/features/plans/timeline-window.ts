// Which part of the timeline is drawn, pure so it is tested without a browser: the visible area
// grown to whole blocks, with a block of margin around it, so that scrolling redraws only when
// the visible area crosses a block boundary (not every frame); and the bars and dependency arrows
// that fall in that window. A bar that has focus is always drawn, wherever it is. What enters the
// window beyond the visible area is drawn over the next frames, 16 at a time in their idle part
// (`fillStep`), so a scroll that moves the window never spends one long frame creating a whole
// block's bars.
import type { Zoom } from './timeline-scale';

/** Where the scroller shows the canvas, in canvas pixels. */
export interface Viewport {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The drawn part of the canvas: [x0, x1) × [y0, y1). */
export interface DrawnWindow {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * Block size: a scroll of 40 px a frame moves the window about every 13 frames. Smaller blocks
 * (256 × 128) were measured slower: more, if smaller, redraws while scrolling.
 */
export const BLOCK = { width: 512, height: 256 } as const;

/** At quarter zoom a pixel is three times the days it is at month zoom: narrower blocks keep the window's bar count down. */
export const blockFor = (zoom: Zoom): { width: number; height: number } => (zoom === 'quarter' ? { width: 256, height: BLOCK.height } : BLOCK);

/**
 * The blocks the viewport touches, plus a block of margin on every side (clipped at the canvas'
 * start). Both edges follow the viewport's top-left block, so the window changes once per block
 * scrolled, not also when the far edge crosses a boundary.
 */
export function windowOf(view: Viewport, block: { width: number; height: number } = BLOCK): DrawnWindow {
  const cell = (at: number, size: number) => Math.floor(Math.max(0, at) / size);
  const [column, row] = [cell(view.left, block.width), cell(view.top, block.height)];
  return {
    x0: Math.max(0, column - 1) * block.width,
    x1: (column + 2 + Math.ceil(view.width / block.width)) * block.width,
    y0: Math.max(0, row - 1) * block.height,
    y1: (row + 2 + Math.ceil(view.height / block.height)) * block.height,
  };
}

/**
 * The viewport alone, for the frame that opens the timeline or shows a new zoom: the margin
 * (three to four times as many bars again) is drawn once the page is idle, or at the first scroll.
 */
export function visibleWindowOf(view: Viewport): DrawnWindow {
  return { x0: Math.max(0, view.left), x1: Math.max(0, view.left) + view.width, y0: Math.max(0, view.top), y1: Math.max(0, view.top) + view.height };
}

export const sameWindow = (a: DrawnWindow | null, b: DrawnWindow | null) => a === b || (a !== null && b !== null && a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1);

/** A bar's box on the canvas. */
export interface PlacedBar {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const overlaps = (bar: PlacedBar, win: DrawnWindow) => bar.x < win.x1 && bar.x + bar.width > win.x0 && bar.y < win.y1 && bar.y + bar.height > win.y0;

/** The bars that overlap the window, in their order, plus the one with focus (`keepId`) wherever it is. */
export function barsIn<T extends PlacedBar>(bars: readonly T[], win: DrawnWindow, keepId: string | null = null): T[] {
  return bars.filter((bar) => overlaps(bar, win) || bar.id === keepId);
}

/** A dependency drawn as an arrow from the end of what is waited on to the start of the dependent. */
export interface PlacedArrow {
  readonly key: string;
  readonly fromX: number;
  readonly fromY: number;
  readonly toX: number;
  readonly toY: number;
}

/** The arrows with either end in the window (an arrow passing across it with both ends outside is left out). */
export function arrowsIn<T extends PlacedArrow>(arrows: readonly T[], win: DrawnWindow): T[] {
  const inside = (x: number, y: number) => x >= win.x0 && x <= win.x1 && y >= win.y0 && y <= win.y1;
  return arrows.filter((a) => inside(a.fromX, a.fromY) || inside(a.toX, a.toY));
}

/** The SVG path of an arrow: right from its start, down or up, then right into the dependent. */
export function arrowPath(a: PlacedArrow): string {
  const mid = Math.max(a.fromX + 8, a.toX - 8);
  return `M${a.fromX},${a.fromY} H${mid} V${a.toY} H${a.toX - 2}`;
}

/** How many bars (and, apart, how many arrows) one step of filling adds to what is drawn: 40 missed a vsync at most block crossings. */
export const FILL_STEP = 16;

/** How far a bar lies from an area, in pixels (0 when they overlap). */
export function barDistance(bar: PlacedBar, area: DrawnWindow): number {
  const dx = Math.max(0, area.x0 - (bar.x + bar.width), bar.x - area.x1);
  const dy = Math.max(0, area.y0 - (bar.y + bar.height), bar.y - area.y1);
  return Math.hypot(dx, dy);
}

/** How far the nearer end of an arrow lies from an area, in pixels. */
export function arrowDistance(arrow: PlacedArrow, area: DrawnWindow): number {
  const at = (x: number, y: number) => Math.hypot(Math.max(0, area.x0 - x, x - area.x1), Math.max(0, area.y0 - y, y - area.y1));
  return Math.min(at(arrow.fromX, arrow.fromY), at(arrow.toX, arrow.toY));
}

/**
 * What is drawn after one more frame of filling: whatever of `target` is drawn now, plus up to
 * `perFrame` of the rest, nearest first. What left the target is forgotten.
 */
export function fillStep<T>(target: readonly T[], drawn: ReadonlySet<string>, keyOf: (t: T) => string, distance: (t: T) => number, perFrame: number): Set<string> {
  const next = new Set<string>();
  const missing: { key: string; d: number }[] = [];
  for (const t of target) {
    const key = keyOf(t);
    if (drawn.has(key)) next.add(key);
    else missing.push({ key, d: distance(t) });
  }
  missing.sort((a, b) => a.d - b.d);
  for (const m of missing.slice(0, perFrame)) next.add(m.key);
  return next;
}
