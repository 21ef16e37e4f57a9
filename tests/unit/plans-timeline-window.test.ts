// The timeline's drawn window: whole blocks around the visible area, redrawn only when the
// visible area crosses a block boundary, the bars and arrows in it, and the focused bar kept.
import { describe, expect, it } from 'vitest';
import { arrowDistance, arrowPath, arrowsIn, barDistance, barsIn, blockFor, fillStep, sameWindow, visibleWindowOf, windowOf } from '../../renderer/src/features/plans/timeline-window';

const BLOCK = { width: 100, height: 50 };
const view = (left: number, top: number) => ({ left, top, width: 250, height: 120 });

describe('timeline window', () => {
  it('covers the visible area with a block of margin on every side, clipped at the start', () => {
    expect(windowOf(view(0, 0), BLOCK)).toEqual({ x0: 0, x1: 500, y0: 0, y1: 250 });
    expect(windowOf(view(430, 260), BLOCK)).toEqual({ x0: 300, x1: 900, y0: 200, y1: 500 });
    // Whatever the position in a block, at least a block of margin beyond the visible area.
    for (let left = 0; left < 1_000; left += 7) {
      const at = windowOf(view(left, 0), BLOCK);
      expect(at.x1 - (left + 250)).toBeGreaterThanOrEqual(100);
      if (left >= 100) expect(left - at.x0).toBeGreaterThanOrEqual(100);
    }
  });

  it('stays the same while scrolling within a block, and changes once a boundary is crossed', () => {
    const start = windowOf(view(410, 0), BLOCK);
    expect(sameWindow(start, windowOf(view(499, 49), BLOCK))).toBe(true);
    expect(sameWindow(start, windowOf(view(399, 0), BLOCK))).toBe(false);
    expect(sameWindow(start, windowOf(view(500, 0), BLOCK))).toBe(false);
    expect(sameWindow(start, windowOf(view(410, 50), BLOCK))).toBe(false);
    let redraws = 0;
    let last = windowOf(view(0, 0), BLOCK);
    for (let left = 0; left <= 1_000; left += 10) {
      const next = windowOf(view(left, 0), BLOCK);
      if (!sameWindow(last, next)) redraws++;
      last = next;
    }
    expect(redraws).toBe(10);
  });

  it('uses narrower blocks at quarter zoom, where a pixel holds three times the days', () => {
    expect(blockFor('quarter').width).toBeLessThan(blockFor('month').width);
    expect(blockFor('week')).toEqual(blockFor('month'));
    const wide = { left: 5_000, top: 0, width: 1_400, height: 500 };
    const span = (w: { x0: number; x1: number }) => w.x1 - w.x0;
    expect(span(windowOf(wide, blockFor('quarter')))).toBeLessThan(span(windowOf(wide, blockFor('month'))));
  });

  it('opens on the visible area alone, which the full window (drawn once idle) contains', () => {
    expect(visibleWindowOf(view(430, 260))).toEqual({ x0: 430, x1: 680, y0: 260, y1: 380 });
    expect(visibleWindowOf(view(-5, -5))).toEqual({ x0: 0, x1: 250, y0: 0, y1: 120 });
    const bars = [
      { id: 'seen', x: 600, y: 300, width: 40, height: 22 },
      { id: 'margin', x: 700, y: 300, width: 40, height: 22 },
    ];
    expect(barsIn(bars, visibleWindowOf(view(430, 260))).map((b) => b.id)).toEqual(['seen']);
    expect(barsIn(bars, windowOf(view(430, 260), BLOCK)).map((b) => b.id)).toEqual(['seen', 'margin']);
  });

  it('fills the rest of the window a few at a time, nearest the visible area first, forgetting what left it', () => {
    const visible = { x0: 0, x1: 100, y0: 0, y1: 100 };
    const bars = [
      { id: 'far', x: 900, y: 0, width: 40, height: 22 },
      { id: 'near', x: 120, y: 0, width: 40, height: 22 },
      { id: 'seen', x: 10, y: 10, width: 40, height: 22 },
      { id: 'middle', x: 400, y: 0, width: 40, height: 22 },
    ];
    expect(barDistance(bars[2]!, visible)).toBe(0);
    expect(barDistance(bars[1]!, visible)).toBe(20);
    const key = (b: { id: string }) => b.id;
    const first = fillStep(bars, new Set(['seen', 'gone']), key, (b) => barDistance(b, visible), 2);
    expect([...first].sort()).toEqual(['middle', 'near', 'seen']);
    const second = fillStep(bars, first, key, (b) => barDistance(b, visible), 2);
    expect([...second].sort()).toEqual(['far', 'middle', 'near', 'seen']);
    expect(fillStep(bars, second, key, (b) => barDistance(b, visible), 2)).toEqual(second);
    // An arrow is as near as its nearer end.
    expect(arrowDistance({ key: 'a', fromX: 50, fromY: 50, toX: 900, toY: 50 }, visible)).toBe(0);
    expect(arrowDistance({ key: 'b', fromX: 130, fromY: 50, toX: 900, toY: 50 }, visible)).toBe(30);
  });

  it('draws the bars overlapping the window, and the focused bar wherever it is', () => {
    const bars = [
      { id: 'in', x: 350, y: 210, width: 40, height: 22 },
      { id: 'edge', x: 280, y: 210, width: 21, height: 22 },
      { id: 'left', x: 100, y: 210, width: 199, height: 22 },
      { id: 'below', x: 350, y: 480, width: 40, height: 22 },
      { id: 'under', x: 350, y: 500, width: 40, height: 22 },
      { id: 'focused', x: 5_000, y: 0, width: 40, height: 22 },
    ];
    const win = windowOf(view(430, 260), BLOCK);
    expect(win).toEqual({ x0: 300, x1: 900, y0: 200, y1: 500 });
    expect(barsIn(bars, win).map((b) => b.id)).toEqual(['in', 'edge', 'below']);
    expect(barsIn(bars, win, 'focused').map((b) => b.id)).toEqual(['in', 'edge', 'below', 'focused']);
  });

  it('draws an arrow when either end is in the window', () => {
    const win = { x0: 0, x1: 100, y0: 0, y1: 100 };
    const arrows = [
      { key: 'both', fromX: 10, fromY: 10, toX: 50, toY: 50 },
      { key: 'from', fromX: 10, fromY: 10, toX: 500, toY: 50 },
      { key: 'to', fromX: -10, fromY: 500, toX: 50, toY: 50 },
      { key: 'across', fromX: -10, fromY: 50, toX: 500, toY: 50 },
    ];
    expect(arrowsIn(arrows, win).map((a) => a.key)).toEqual(['both', 'from', 'to']);
    expect(arrowPath({ key: 'a', fromX: 10, fromY: 14, toX: 60, toY: 42 })).toBe('M10,14 H52 V42 H58');
    expect(arrowPath({ key: 'b', fromX: 10, fromY: 14, toX: 12, toY: 42 })).toBe('M10,14 H18 V42 H10');
  });
});
