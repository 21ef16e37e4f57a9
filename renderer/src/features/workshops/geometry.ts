// Canvas geometry of the workshop board: the size of a sticky note, where a new note goes, and
// the frame drawn around a cluster's notes (clusters have no position of their own).
import type { NoteSnapshot } from '../../../../shared/model/workshops/read';

export const NOTE_WIDTH = 168;
export const NOTE_HEIGHT = 112;
const FRAME_PADDING = 14;
const FRAME_HEADER = 34;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A note's position while some notes are dragged by (dx, dy) canvas units. */
export interface DragOffset {
  readonly ids: ReadonlySet<string>;
  readonly dx: number;
  readonly dy: number;
}

export function notePosition(note: NoteSnapshot, drag: DragOffset | null): { x: number; y: number } {
  return drag?.ids.has(note.id) ? { x: note.x + drag.dx, y: note.y + drag.dy } : { x: note.x, y: note.y };
}

/** The frame around a cluster's notes, or null when it has none. */
export function clusterFrame(notes: readonly NoteSnapshot[], drag: DragOffset | null): Rect | null {
  if (notes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const note of notes) {
    const { x, y } = notePosition(note, drag);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + NOTE_WIDTH);
    maxY = Math.max(maxY, y + NOTE_HEIGHT);
  }
  return { x: minX - FRAME_PADDING, y: minY - FRAME_PADDING - FRAME_HEADER, width: maxX - minX + 2 * FRAME_PADDING, height: maxY - minY + 2 * FRAME_PADDING + FRAME_HEADER };
}

/** Where a new note goes: the next free cell of a grid from the top left of what is on screen. */
export function newNotePlace(view: { x: number; y: number; k: number }, viewport: { width: number; height: number }, count: number): { x: number; y: number } {
  const gap = 16;
  const columns = Math.max(1, Math.floor((viewport.width / view.k - gap) / (NOTE_WIDTH + gap)));
  const rows = Math.max(1, Math.floor((viewport.height / view.k - gap) / (NOTE_HEIGHT + gap)));
  const cell = count % (columns * rows);
  return {
    x: Math.round((gap - view.x) / view.k + (cell % columns) * (NOTE_WIDTH + gap)),
    y: Math.round((gap + 40 - view.y) / view.k + Math.floor(cell / columns) * (NOTE_HEIGHT + gap)),
  };
}

/** The part of the canvas worth rendering: what is on screen, a screen's width and height to each side. */
export interface CullWindow extends Rect {
  /** The zoom it was made at. */
  readonly k: number;
}

/** The canvas rectangle on screen in a viewport of `size` at `view`. */
export function visibleRect(view: { x: number; y: number; k: number }, size: { width: number; height: number }): Rect {
  return { x: -view.x / view.k, y: -view.y / view.k, width: size.width / view.k, height: size.height / view.k };
}

/** The window to render for `view`: the visible rectangle grown by a screen on every side. */
export function cullWindow(view: { x: number; y: number; k: number }, size: { width: number; height: number }): CullWindow {
  const r = visibleRect(view, size);
  return { x: r.x - r.width, y: r.y - r.height, width: r.width * 3, height: r.height * 3, k: view.k };
}

/**
 * Whether `window` still serves `view`: the screen is at least half a screen inside it on every
 * side, and the window is not far larger than needed (after zooming in a long way).
 */
export function windowServes(window: CullWindow, view: { x: number; y: number; k: number }, size: { width: number; height: number }): boolean {
  const r = visibleRect(view, size);
  const mx = r.width / 2;
  const my = r.height / 2;
  return r.x - mx >= window.x && r.y - my >= window.y && r.x + r.width + mx <= window.x + window.width && r.y + r.height + my <= window.y + window.height && view.k / window.k < 4;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
