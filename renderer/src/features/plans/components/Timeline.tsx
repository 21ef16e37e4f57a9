// The plan as a timeline: lanes by team or by goal, zoom week / month / quarter, a today line,
// dependencies drawn as arrows, and bars (TimelineBar) to move and resize by drag or Alt+arrows.
// Fast with thousands of items (the plan-timeline row of BENCHMARKS.md; docs/plan-timeline.md
// says what was measured): nothing inside the scroller is sticky (the date axis and the lane
// labels sit outside it and follow it by a transform), and only the bars and arrows in a window
// of whole blocks around the visible area are drawn, so scrolling re-renders only when that
// window moves a block (see timeline-window.ts), in a transition; what the visible area does not
// show yet comes in 16 bars at a time in idle time, and after opening or zooming, once the page is idle.
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../../shared/api/bridge';
import { daysBetween, type PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { repeatedWords, type RepeatedWords } from '../../../i18n/repeated-words';
import { useLinkTargets } from '../../links';
import { rangeText, weekStartOf } from '../labels';
import { DAY_WIDTH, layOut, rangeOf, ROW_HEIGHT, ticksOf, xOf, type LaneBy, type Zoom } from '../timeline-scale';
import { arrowDistance, arrowPath, arrowsIn, barDistance, barsIn, blockFor, FILL_STEP, fillStep, overlaps, sameWindow, visibleWindowOf, windowOf, type DrawnWindow, type PlacedArrow, type PlacedBar } from '../timeline-window';
import { TimelineBar } from './TimelineBar';

const ZOOMS: readonly Zoom[] = ['week', 'month', 'quarter'];
const BAR_HEIGHT = 22;

const monthFormats = new Map<string, Intl.DateTimeFormat>();

function tickLabel(date: string, zoom: Zoom, locale: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (zoom === 'week') return formatDate(date, locale as never, 'short');
  if (zoom === 'month') {
    const format = monthFormats.get(locale) ?? new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, format);
    return format.format(d);
  }
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

interface Bar extends PlacedBar {
  readonly item: PlanItemSnapshot;
  /** Where the day after its end falls: where arrows from it start. */
  readonly endX: number;
}

interface Arrow extends PlacedArrow {
  readonly flagged: boolean;
}

/** The dependency arrows in the window: an SVG only as large as the window (a canvas-sized one is repainted whole on every scroll). */
const TimelineArrows = memo(function TimelineArrows({ win, arrows }: { win: DrawnWindow; arrows: readonly Arrow[] }) {
  const [w, h] = [win.x1 - win.x0, win.y1 - win.y0];
  return (
    <svg className="plan-arrows" width={w} height={h} style={{ transform: `translate(${win.x0}px, ${win.y0}px)` }} viewBox={`${win.x0} ${win.y0} ${w} ${h}`} aria-hidden="true">
      <defs>
        <marker id="plan-arrow-head" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L6,3 L0,6 z" fill="currentColor" />
        </marker>
      </defs>
      {arrows.map((a) => <path key={a.key} d={arrowPath(a)} className={a.flagged ? 'flagged' : undefined} markerEnd="url(#plan-arrow-head)" data-testid="plan-arrow" />)}
    </svg>
  );
});

/** The date axis, outside the scroller: its track is moved by the scroll handler, never re-rendered by a scroll. */
const TimelineAxis = memo(function TimelineAxis({ ticks, trackRef }: { ticks: readonly { date: string; x: number; label: string }[]; trackRef: RefObject<HTMLDivElement | null> }) {
  return (
    <div className="plan-axis" aria-hidden="true">
      <div className="plan-axis-track" ref={trackRef}>
        {ticks.map((tick) => <span key={tick.date} className="plan-tick" style={{ transform: `translateX(${tick.x}px)` }}>{tick.label}</span>)}
      </div>
    </div>
  );
});

/** Labels of the bars drawn, each worked out once per item snapshot and language rather than for every item up front. */
const labelCache = new WeakMap<PlanItemSnapshot, { locale: string; label: string }>();
function barLabel(item: PlanItemSnapshot, words: RepeatedWords, locale: Locale): string {
  const cached = labelCache.get(item);
  if (cached?.locale === locale) return cached.label;
  // A flag is said in words: the label replaces the bar's text, ⚠ included, for a screen reader.
  // The sentences around the title and dates are worked out once (a timeline opens with hundreds of bars).
  const label = words.around(item.flags.length > 0 ? 'plans.timelineItemFlagged' : 'plans.timelineItem', { title: item.title, kind: words.say(`plans.kinds.${item.kind}`), range: rangeText(item, words.say, locale) });
  labelCache.set(item, { locale, label });
  return label;
}

/** Nothing drawn beyond the visible area yet (on opening, and after a zoom or a change of lanes moved every bar). */
const NOTHING_FILLED = { bars: new Set<string>(), arrows: new Set<string>() } as const;
const barKey = (bar: Bar) => bar.id;
const arrowKey = (arrow: Arrow) => arrow.key;
const arrowTouches = (arrow: Arrow, area: DrawnWindow) => arrowDistance(arrow, area) === 0;

/** The zoom a timeline opens at. */
const OPENING_ZOOM: Zoom = 'month';
/** The scroller's size when a timeline was last on screen (see `opening`). */
let lastScrollerSize: { width: number; height: number } | null = null;

const viewportOf = (el: HTMLElement, left = el.scrollLeft) => ({ left, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight });

export function Timeline({ items, onOpen, onMove }: { items: readonly PlanItemSnapshot[]; onOpen(id: string): void; onMove(item: PlanItemSnapshot, startDays: number, endDays: number): void }) {
  const { t, i18n } = useTranslation();
  const locale = useApp((s) => s.locale);
  const today = useApp((s) => s.today);
  const goals = useLinkTargets('goals');
  const [zoom, setZoom] = useState<Zoom>(OPENING_ZOOM);
  const [laneBy, setLaneBy] = useState<LaneBy>('team');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const axisTrack = useRef<HTMLDivElement>(null);
  const laneLabels = useRef<HTMLDivElement>(null);
  /** Where opening or zooming scrolled to, until its scroll event has come. */
  const placedAt = useRef<{ left: number; top: number } | null>(null);
  const block = useRef(blockFor(OPENING_ZOOM));
  const range = useMemo(() => rangeOf(items, today), [items, today]);
  // Opening with the size the scroller had last time: today's place and the visible bars are known
  // in the first render, so the page is laid out once, with its bars (the layout effect checks).
  const [opening] = useState(() => (lastScrollerSize ? { left: Math.max(0, xOf(range, today, OPENING_ZOOM) - lastScrollerSize.width / 3), top: 0, ...lastScrollerSize } : null));
  /** The drawn window, and the visible area when it was chosen (drawn at once; the rest 16 at a time, `fillStep`). */
  const [area, setArea] = useState<{ win: DrawnWindow; view: DrawnWindow } | null>(() => (opening ? { win: visibleWindowOf(opening), view: visibleWindowOf(opening) } : null));
  const [filled, setFilled] = useState<{ bars: ReadonlySet<string>; arrows: ReadonlySet<string> }>(NOTHING_FILLED);
  const win = area?.win ?? null;
  const shownWindow = useRef<DrawnWindow | null>(area?.win ?? null);
  const pendingLeft = useRef<number | null>(opening?.left ?? null);
  const openingWidth = useRef<number | null>(opening?.width ?? null);
  const laneOrder = useMemo(() => (laneBy === 'team' ? ['product', 'operations', 'shared'] : [...goals.keys()]), [laneBy, goals]);
  const layout = useMemo(() => layOut(items, laneBy, laneOrder), [items, laneBy, laneOrder]);
  // Each item's days from the start, once per layout: a zoom only multiplies them.
  const spans = useMemo(() => layout.items.map((l) => ({ l, from: daysBetween(range.start, l.item.start as string), days: daysBetween(l.item.start as string, l.item.end as string) + 1 })), [layout, range]);
  const dayWidth = DAY_WIDTH[zoom];
  const width = range.days * dayWidth;
  const bars = useMemo(
    () => spans.map(({ l, from, days }): Bar => ({ id: l.item.id, item: l.item, x: from * dayWidth, y: l.y + 2, width: Math.max(dayWidth, days * dayWidth), height: BAR_HEIGHT, endX: (from + days) * dayWidth })),
    [spans, dayWidth],
  );
  const arrows = useMemo(() => {
    const byId = new Map(bars.map((b) => [b.id, b]));
    const out: Arrow[] = [];
    for (const bar of bars) {
      for (const dep of bar.item.dependsOn) {
        const to = byId.get(dep.itemId);
        if (to) out.push({ key: dep.depId, fromX: to.endX, fromY: to.y + BAR_HEIGHT / 2, toX: bar.x, toY: bar.y + BAR_HEIGHT / 2, flagged: bar.item.flags.some((f) => f.depId === dep.depId) });
      }
    }
    return out;
  }, [bars]);
  const ticks = useMemo(() => ticksOf(range, zoom, weekStartOf(locale)).map((date) => ({ date, x: xOf(range, date, zoom), label: tickLabel(date, zoom, locale) })), [range, zoom, locale]);
  const words = repeatedWords(i18n, locale);
  const labelOf = (item: PlanItemSnapshot) => barLabel(item, words, locale);
  // The bars' font (0.78rem of the page's family), for fitting their titles without a clip each.
  const barFont = useMemo(() => {
    const root = getComputedStyle(document.documentElement);
    return `${(parseFloat(root.fontSize) * 0.78).toFixed(2)}px ${root.fontFamily}`;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the family follows the language
  }, [locale]);
  const windowBars = useMemo(() => (win ? barsIn(bars, win, focusedId) : []), [bars, win, focusedId]);
  const windowArrows = useMemo(() => (win ? arrowsIn(arrows, win) : []), [arrows, win]);
  const view = area?.view ?? null;
  const drawnBars = useMemo(() => (view ? windowBars.filter((b) => filled.bars.has(b.id) || b.id === focusedId || overlaps(b, view)) : []), [windowBars, filled, focusedId, view]);
  const drawnArrows = useMemo(() => (view ? windowArrows.filter((a) => filled.arrows.has(a.key) || arrowTouches(a, view)) : []), [windowArrows, filled, view]);
  // The rest of the window, 16 bars and 16 arrows at a time, nearest the visible area first,
  // in the idle part of a frame (a frame with no time to spare waits, within 100 ms).
  useEffect(() => {
    if (!view || (drawnBars.length === windowBars.length && drawnArrows.length === windowArrows.length)) return;
    const task = requestIdleCallback(
      () =>
        setFilled({
          bars: fillStep(windowBars, new Set(drawnBars.map(barKey)), barKey, (b) => barDistance(b, view), FILL_STEP),
          arrows: fillStep(windowArrows, new Set(drawnArrows.map(arrowKey)), arrowKey, (a) => arrowDistance(a, view), FILL_STEP),
        }),
      { timeout: 100 },
    );
    return () => cancelIdleCallback(task);
  }, [view, windowBars, windowArrows, drawnBars, drawnArrows]);
  const undated = items.length - layout.items.length;

  const showWindow = useCallback((next: DrawnWindow, view: DrawnWindow, urgent: boolean) => {
    if (sameWindow(shownWindow.current, next)) return;
    shownWindow.current = next;
    if (urgent) setArea({ win: next, view });
    else startTransition(() => setArea({ win: next, view }));
  }, []);
  /** The window of whole blocks around `view`, the visible area first (a scroll, a resize, the idle time after an open or a zoom). */
  const showAround = useCallback((view: ReturnType<typeof viewportOf>) => showWindow(windowOf(view, block.current), visibleWindowOf(view), false), [showWindow]);
  // Reads come before these writes in every caller, so a scrolled frame never forces a style recalculation.
  const followScroll = useCallback((left: number, top: number) => {
    if (axisTrack.current) axisTrack.current.style.transform = `translateX(${-left}px)`;
    if (laneLabels.current) laneLabels.current.style.transform = `translateY(${-top}px)`;
  }, []);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const view = viewportOf(el);
      followScroll(view.left, view.top);
      // The scroll to today that opening or zooming made: its margin waits for the idle time.
      const placed = placedAt.current;
      placedAt.current = null;
      if (placed && placed.left === view.left && placed.top === view.top) return;
      showAround(view);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // Only a change of size redraws (the observer's first call, at mount, is not one).
    let size = `${el.clientWidth}×${el.clientHeight}`;
    const resized = new ResizeObserver(() => {
      lastScrollerSize = { width: el.clientWidth, height: el.clientHeight };
      const now = `${el.clientWidth}×${el.clientHeight}`;
      if (now === size) return;
      size = now;
      showAround(viewportOf(el));
    });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, [followScroll, showAround]);
  // The margin around the visible area, drawn when the page is idle after an open or a zoom (a scroll draws it sooner).
  const marginTask = useRef<number | null>(null);
  const drawMarginWhenIdle = useCallback(() => {
    if (marginTask.current !== null) cancelIdleCallback(marginTask.current);
    marginTask.current = requestIdleCallback(
      () => {
        marginTask.current = null;
        if (scroller.current) showAround(viewportOf(scroller.current));
      },
      { timeout: 500 },
    );
  }, [showAround]);
  useEffect(() => () => {
    if (marginTask.current !== null) cancelIdleCallback(marginTask.current);
  }, []);
  // Opening, and each zoom, puts today a third of the way in; the visible area there is drawn
  // before the first paint, the margin around it when the page is idle.
  const leftAt = (z: Zoom, el: HTMLElement) => Math.max(0, xOf(range, today, z) - el.clientWidth / 3);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Opening's place for today holds if the scroller kept its size (this read lays out the page with the bars).
    const sized = openingWidth.current === null || openingWidth.current === el.clientWidth;
    openingWidth.current = null;
    const left = (sized ? pendingLeft.current : null) ?? leftAt(zoom, el);
    pendingLeft.current = null;
    const view = viewportOf(el, left);
    lastScrollerSize = { width: view.width, height: view.height };
    placedAt.current = el.scrollLeft === left ? null : { left, top: view.top };
    el.scrollLeft = left;
    block.current = blockFor(zoom);
    followScroll(left, view.top);
    showWindow(visibleWindowOf(view), visibleWindowOf(view), true);
    drawMarginWhenIdle();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open and when the zoom changes
  }, [zoom]);
  // A zoom places every drawn bar again: rendered in a transition, so it never holds up a frame
  // for long; the window and the scroll position change in the same commit as the bars.
  const zoomTo = (z: Zoom) => {
    const el = scroller.current;
    startTransition(() => {
      if (el) {
        pendingLeft.current = leftAt(z, el);
        const next = visibleWindowOf(viewportOf(el, pendingLeft.current));
        shownWindow.current = next;
        setArea({ win: next, view: next });
      }
      // Every bar moves: nothing beyond the new visible area is drawn until it fills in again.
      setFilled(NOTHING_FILLED);
      setZoom(z);
    });
  };
  // The bar with focus stays drawn when scrolled away, so the keyboard never loses its place.
  const onFocus = (e: FocusEvent) => setFocusedId((e.target as HTMLElement).dataset.opensItem ?? null);
  const onBlur = (e: FocusEvent) => {
    if (!(e.relatedTarget instanceof HTMLElement && e.relatedTarget.dataset.opensItem)) setFocusedId(null);
  };

  const laneLabel = (key: string) => (laneBy === 'team' ? t(`team.${key}`) : key === '' ? t('plans.noGoalLane') : (goals.get(key)?.title ?? t('plans.missingLink')));
  return (
    <div className="plan-timeline-wrap" data-testid="plan-timeline">
      <div className="plan-timeline-controls">
        <div className="segmented" role="group" aria-label={t('plans.zoom')}>
          {ZOOMS.map((z) => (
            <button key={z} type="button" className={z === zoom ? 'active' : ''} aria-pressed={z === zoom} onClick={() => zoomTo(z)} data-testid={`zoom-${z}`}>
              {t(`plans.zooms.${z}`)}
            </button>
          ))}
        </div>
        <label className="inline">
          {t('plans.lanes')}{' '}
          <select
            value={laneBy}
            onChange={(e) => {
              setFilled(NOTHING_FILLED);
              setLaneBy(e.target.value as LaneBy);
            }}
          >
            <option value="team">{t('plans.laneBy.team')}</option>
            <option value="goal">{t('plans.laneBy.goal')}</option>
          </select>
        </label>
        {undated > 0 && <span className="muted small">{t('plans.undatedNote', { count: undated })}</span>}
      </div>
      <div className="plan-timeline">
        <TimelineAxis ticks={ticks} trackRef={axisTrack} />
        <div className="plan-timeline-scroll" ref={scroller} role="group" aria-label={t('plans.timelineLabel')} data-testid="plan-timeline-scroller">
          <div className="plan-timeline-canvas" style={{ width, height: layout.height }} onFocus={onFocus} onBlur={onBlur}>
            {layout.lanes.map((lane) => <div key={lane.key} className="plan-lane" style={{ top: lane.y, height: lane.height, width }} />)}
            <div className="plan-today" style={{ transform: `translateX(${xOf(range, today, zoom)}px)`, height: Math.max(layout.height, ROW_HEIGHT) }} data-testid="plan-today" title={t('plans.today')}>
              <span>{t('plans.today')}</span>
            </div>
            {win && <TimelineArrows win={win} arrows={drawnArrows} />}
            {drawnBars.map((bar) => (
              <TimelineBar key={bar.id} item={bar.item} x={bar.x} y={bar.y} width={bar.width} label={labelOf(bar.item)} zoom={zoom} font={barFont} onOpen={onOpen} onMove={onMove} />
            ))}
          </div>
        </div>
        <div className="plan-lane-labels">
          <div className="plan-lane-labels-track" ref={laneLabels}>
            {layout.lanes.map((lane) => <span key={lane.key} className="plan-lane-label" style={{ top: lane.y + 2 }}>{laneLabel(lane.key)}</span>)}
          </div>
        </div>
      </div>
    </div>
  );
}
