// The plan timeline's part of the app probe (app-probe.ts hands it the probe's frame loop, open
// timer, commit counter and long-task log): opening the Timeline tab of the plan board on screen,
// timed to its second frame, and a tour of the timeline driven one step per frame from our rAF
// callback: scrolling right and down, and zooming to quarter, week and back to month on the way.
import type { OpenTiming, TimelineTourTiming } from './app-probe-api';

/** What the plan probe borrows from the app probe. */
export interface PlanProbeParts {
  startLoop(): void;
  stopLoop(): void;
  quietFrames(frames: number): Promise<void>;
  onFrame(listener: (frame: number, now: number) => void): () => void;
  countCommits(on: boolean): number;
  longTasksBetween(from: number, to: number): Promise<number[]>;
  measureOpen(view: string, start: () => void, ready: () => boolean, record: boolean): Promise<OpenTiming>;
}

/** The tour: frames of scrolling, each segment at a zoom (clicked at the segment's first frame). */
const TOUR: readonly { zoom: 'month' | 'quarter' | 'week'; frames: number }[] = [
  { zoom: 'month', frames: 60 },
  { zoom: 'quarter', frames: 40 },
  { zoom: 'week', frames: 40 },
  { zoom: 'month', frames: 40 },
];

function tab(name: string): HTMLElement {
  const button = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((b) => b.textContent?.trim() === name);
  if (!button) throw new Error(`no "${name}" tab on screen`);
  return button;
}

function scroller(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-testid="plan-timeline-scroller"]');
  if (!el) throw new Error('no plan timeline on screen');
  return el;
}

export function planProbe(p: PlanProbeParts) {
  return {
    /** Clicks the "Timeline" tab of the plan board on screen and times it until `ready` matches and two frames have passed. */
    openPlanTimeline({ ready, record = false }: { ready: string; record?: boolean }): Promise<OpenTiming> {
      const button = tab('Timeline');
      return p.measureOpen('[data-testid="plan-timeline"]', () => button.click(), () => document.querySelector(ready) !== null, record);
    },

    /** Scrolls the timeline on screen `pxX` right and `pxY` down each frame, zooming as TOUR says; intervals between rAF timestamps. */
    async tourPlanTimeline({ pxX, pxY }: { pxX: number; pxY: number }): Promise<TimelineTourTiming> {
      p.startLoop();
      try {
        await p.quietFrames(10);
        const frames = TOUR.reduce((n, s) => n + s.frames, 0);
        const starts = new Map<number, string>();
        let at = 0;
        for (const segment of TOUR) {
          starts.set(at, segment.zoom);
          at += segment.frames;
        }
        const fromCommit = p.countCommits(true);
        const stamps: number[] = [];
        let scrolledX = 0;
        let scrolledY = 0;
        const started = performance.now();
        await new Promise<void>((resolve, reject) => {
          const off = p.onFrame((_f, now) => {
            try {
              stamps.push(now);
              const step = stamps.length - 1;
              if (step >= frames) {
                off();
                resolve();
                return;
              }
              const zoom = starts.get(step);
              if (zoom && step > 0) document.querySelector<HTMLElement>(`[data-testid="zoom-${zoom}"]`)?.click();
              const el = scroller();
              const [left, top] = [el.scrollLeft, el.scrollTop];
              el.scrollLeft = left + pxX;
              el.scrollTop = top + pxY;
              scrolledX += el.scrollLeft - left;
              scrolledY += el.scrollTop - top;
            } catch (error) {
              off();
              reject(error as Error);
            }
          });
        });
        const ended = performance.now();
        const commits = p.countCommits(false) - fromCommit;
        return { intervals: stamps.slice(1).map((t, i) => t - (stamps[i] as number)), longTasks: await p.longTasksBetween(started, ended), commits, scrolledX, scrolledY };
      } finally {
        p.countCommits(false);
        p.stopLoop();
      }
    },

    /** Puts the plan board on screen back on its Calendar tab, so the next open starts from the same view. */
    async leavePlanTimeline(): Promise<void> {
      tab('Calendar').click();
      p.startLoop();
      try {
        await p.quietFrames(5);
      } finally {
        p.stopLoop();
      }
    },
  };
}
