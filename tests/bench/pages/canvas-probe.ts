// The workshop canvas's part of the app probe (app-probe.ts hands it the probe's frame loop,
// commit counter and long-task log): a pan of the canvas and a drag of a note, each driven by
// the mouse events d3-zoom and d3-drag listen to, one move per frame from our rAF callback; and
// a watch of notes arriving from teammates, from the message that carried each to the frame
// that painted it.
import type { GestureTiming, NoteArrivals } from './app-probe-api';

/** What the canvas probe borrows from the app probe. */
export interface ProbeParts {
  startLoop(): void;
  stopLoop(): void;
  quietFrames(frames: number): Promise<void>;
  onFrame(listener: (frame: number, now: number) => void): () => void;
  /** The frame a DOM change made now will be painted in. */
  paintFrameNow(): number;
  /** The frame counter when the last WebSocket message arrived. */
  lastMessageFrame(): number;
  countCommits(on: boolean): number;
  longTasksBetween(from: number, to: number): Promise<number[]>;
  isLinkOrigin(origin: unknown): boolean;
  boardDoc(boardId: string): WorkshopDocLike;
}

interface MapEventLike {
  readonly changes: { readonly keys: ReadonlyMap<string, { readonly action: string }> };
}
export interface WorkshopDocLike {
  on(event: 'update', listener: (update: Uint8Array, origin: unknown) => void): void;
  off(event: 'update', listener: (update: Uint8Array, origin: unknown) => void): void;
  getMap(name: string): { observe(f: (event: MapEventLike) => void): void; unobserve(f: (event: MapEventLike) => void): void };
}

const mouse = (x: number, y: number, buttons: number) => ({ bubbles: true, cancelable: true, composed: true, view: window, clientX: x, clientY: y, button: 0, buttons });
/** Where an element is on screen, horizontally. */
const screenX = (el: Element) => el.getBoundingClientRect().left;

export function canvasProbe(p: ProbeParts) {
  /** Presses at the middle of `target`, moves `pxPerFrame` left each frame for `frames` frames, and lets go (then, with `restore`, moves it back). */
  async function gesture(target: Element, frames: number, pxPerFrame: number, moved: () => number, restore: boolean): Promise<GestureTiming> {
    p.startLoop();
    try {
      await p.quietFrames(10);
      const rect = target.getBoundingClientRect();
      const [x0, y0] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
      const before = moved();
      const fromCommit = p.countCommits(true);
      const stamps: number[] = [];
      const started = performance.now();
      target.dispatchEvent(new MouseEvent('mousedown', mouse(x0, y0, 1)));
      await new Promise<void>((resolve) => {
        const off = p.onFrame((_f, now) => {
          stamps.push(now);
          if (stamps.length > frames) {
            off();
            resolve();
            return;
          }
          window.dispatchEvent(new MouseEvent('mousemove', mouse(x0 - pxPerFrame * stamps.length, y0, 1)));
        });
      });
      const ended = performance.now();
      const during = p.countCommits(true) - fromCommit;
      window.dispatchEvent(new MouseEvent('mouseup', mouse(x0 - pxPerFrame * frames, y0, 0)));
      await p.quietFrames(5);
      const atEnd = p.countCommits(false) - fromCommit - during;
      const after = moved();
      if (restore) {
        // Back to where it started, in one move, so every run pans the same part of the board.
        target.dispatchEvent(new MouseEvent('mousedown', mouse(x0 - pxPerFrame * frames, y0, 1)));
        window.dispatchEvent(new MouseEvent('mousemove', mouse(x0, y0, 1)));
        window.dispatchEvent(new MouseEvent('mouseup', mouse(x0, y0, 0)));
        await p.quietFrames(3);
      }
      return { intervals: stamps.slice(1).map((t, i) => t - (stamps[i] as number)), longTasks: await p.longTasksBetween(started, ended), commits: during, commitsAtEnd: atEnd, moved: before - after };
    } finally {
      p.countCommits(false);
      p.stopLoop();
    }
  }

  let watch: { stop(settleMs: number): Promise<NoteArrivals> } | null = null;

  return {
    panCanvas({ frames, pxPerFrame }: { frames: number; pxPerFrame: number }) {
      const viewport = document.querySelector('.note-canvas');
      const world = document.querySelector('.note-world');
      if (!viewport || !world) throw new Error('no workshop canvas on screen');
      return gesture(viewport, frames, pxPerFrame, () => screenX(world), true);
    },

    dragNote({ frames, pxPerFrame }: { frames: number; pxPerFrame: number }) {
      const viewport = document.querySelector('.note-canvas')?.getBoundingClientRect();
      // A note wholly on screen, away from the edges, so the drag stays over the canvas.
      const note = [...document.querySelectorAll('.sticky-note')].find((el) => {
        const r = el.getBoundingClientRect();
        return viewport && r.left > viewport.left + viewport.width / 2 && r.right < viewport.right && r.top > viewport.top + 40 && r.bottom < viewport.bottom;
      });
      if (!note) throw new Error('no sticky note on screen to drag');
      return gesture(note, frames, pxPerFrame, () => screenX(note), false);
    },

    watchNotes({ boardId }: { boardId: string }) {
      const doc = p.boardDoc(boardId);
      const world = document.querySelector('.note-world');
      if (!world) throw new Error('no workshop canvas on screen');
      const arrived = new Map<string, number>();
      const shown = new Map<string, number>();
      let updates = 0;
      const onNotes = (event: MapEventLike) => {
        for (const [key, change] of event.changes.keys) if (change.action === 'add' && !arrived.has(key)) arrived.set(key, p.lastMessageFrame());
      };
      const onUpdate = (_u: Uint8Array, origin: unknown) => {
        if (p.isLinkOrigin(origin)) updates++;
      };
      const observer = new MutationObserver((records) => {
        const paintFrame = p.paintFrameNow();
        for (const record of records) {
          for (const node of record.addedNodes) {
            const id = node instanceof HTMLElement ? node.dataset.noteId : undefined;
            if (id && !shown.has(id)) shown.set(id, paintFrame);
          }
        }
      });
      p.startLoop();
      const fromCommit = p.countCommits(true);
      doc.getMap('notes').observe(onNotes);
      doc.on('update', onUpdate);
      observer.observe(world, { childList: true });
      const started = performance.now();
      watch = {
        async stop(settleMs) {
          await new Promise((resolve) => setTimeout(resolve, settleMs));
          await p.quietFrames(3);
          const ended = performance.now();
          observer.disconnect();
          doc.getMap('notes').unobserve(onNotes);
          doc.off('update', onUpdate);
          const commits = p.countCommits(false) - fromCommit;
          p.stopLoop();
          const frames: number[] = [];
          let missing = 0;
          for (const [id, at] of arrived) {
            const paintedAt = shown.get(id);
            if (paintedAt === undefined) missing++;
            else frames.push(paintedAt - at);
          }
          return { notes: arrived.size, frames, missing, longTasks: await p.longTasksBetween(started, ended), commits, updates, spanMs: ended - started };
        },
      };
    },

    stopWatchingNotes({ settleMs }: { settleMs: number }) {
      if (!watch) throw new Error('watchNotes was not called');
      const pending = watch;
      watch = null;
      return pending.stop(settleMs);
    },
  };
}
