// The plan as a timeline: lanes by team or by goal, zoom week / month / quarter, a today line,
// dependencies drawn as arrows, and bars to move (drag, or Alt+← / Alt+→) and resize (drag the
// end, or Alt+Shift+← / →); Enter opens an item. Hand-written (absolutely placed buttons over an
// SVG of the arrows) and windowed: only bars and arrows near the visible area are in the page.
// Library choice, measured (docs/plan-timeline-measure): SVAR React Gantt 2.7.3 opened 2,000 items
// at 2.3× its empty self and scrolled at p95 1.5×, so it misses the plan-timeline targets too, and
// it brings its own grid, editor, date library and keyboard model, with no lanes by team or goal;
// react-calendar-timeline 0.28 is written for React 16. This one keeps the app's keyboard, i18n and
// lanes, but still re-renders per scrolled frame (p95 6× empty as measured): the next step is to
// move the scrolled window below the memoised layout or adopt SVAR if that cannot reach the target.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, daysBetween, type PlanItemSnapshot } from '../../../../../shared/model/plans';
import { useApp } from '../../../context';
import { formatDate } from '../../../i18n/i18n';
import { useLinkTargets } from '../../links';
import { rangeText, weekStartOf } from '../labels';
import { DAY_WIDTH, layOut, rangeOf, ROW_HEIGHT, ticksOf, xOf, type LaneBy, type Zoom } from '../timeline-scale';

const LABEL_WIDTH = 0;
const AXIS_HEIGHT = 28;
const OVERSCAN = 300;
const ZOOMS: readonly Zoom[] = ['week', 'month', 'quarter'];
/** How far Alt+arrow moves an item at each zoom, in days. */
const STEP: Record<Zoom, number> = { week: 1, month: 7, quarter: 7 };

interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

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

interface BarProps {
  item: PlanItemSnapshot;
  x: number;
  y: number;
  width: number;
  label: string;
  zoom: Zoom;
  onOpen(id: string): void;
  onMove(item: PlanItemSnapshot, startDays: number, endDays: number): void;
}

const Bar = memo(function Bar({ item, x, y, width, label, zoom, onOpen, onMove }: BarProps) {
  const drag = useRef<{ x: number; resize: boolean; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const [offset, setOffset] = useState<{ dx: number; resize: boolean } | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(item.id);
      return;
    }
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const step = (e.key === 'ArrowLeft' ? -1 : 1) * STEP[zoom];
    onMove(item, e.shiftKey ? 0 : step, step);
  };
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    drag.current = { x: e.clientX, resize: rect.right - e.clientX < 8, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    if (d.moved) setOffset({ dx, resize: d.resize });
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    setOffset(null);
    dragged.current = d?.moved ?? false;
    if (!d?.moved) return;
    const days = Math.round((e.clientX - d.x) / DAY_WIDTH[zoom]);
    if (days !== 0) onMove(item, d.resize ? 0 : days, days);
  };
  const shownX = offset && !offset.resize ? x + offset.dx : x;
  const shownWidth = offset?.resize ? Math.max(DAY_WIDTH[zoom], width + offset.dx) : width;
  return (
    <button
      type="button"
      className={`plan-bar kind-${item.kind} status-${item.status}${item.flags.length > 0 ? ' flagged' : ''}`}
      style={{ transform: `translate(${shownX}px, ${y}px)`, width: shownWidth }}
      aria-label={label}
      title={label}
      data-opens-item={item.id}
      data-testid="plan-bar"
      onKeyDown={onKeyDown}
      onClick={() => {
        // A drag ends in a click too: only a press that did not move opens the item.
        if (dragged.current) dragged.current = false;
        else onOpen(item.id);
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        drag.current = null;
        setOffset(null);
      }}
    >
      {item.flags.length > 0 && '⚠ '}
      {item.title}
    </button>
  );
});

export function Timeline({ items, onOpen, onMove }: { items: readonly PlanItemSnapshot[]; onOpen(id: string): void; onMove(item: PlanItemSnapshot, startDays: number, endDays: number): void }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const today = useApp((s) => s.today);
  const goals = useLinkTargets('goals');
  const [zoom, setZoom] = useState<Zoom>('month');
  const [laneBy, setLaneBy] = useState<LaneBy>('team');
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ left: 0, top: 0, width: 1200, height: 800 });
  const frame = useRef(0);
  const range = useMemo(() => rangeOf(items, today), [items, today]);
  const laneOrder = useMemo(() => (laneBy === 'team' ? ['product', 'operations', 'shared'] : [...goals.keys()]), [laneBy, goals]);
  const layout = useMemo(() => layOut(items, laneBy, laneOrder), [items, laneBy, laneOrder]);
  const byId = useMemo(() => new Map(layout.items.map((l) => [l.item.id, l])), [layout]);
  const dayWidth = DAY_WIDTH[zoom];
  const width = range.days * dayWidth;
  const ticks = useMemo(() => ticksOf(range, zoom, weekStartOf(locale)), [range, zoom, locale]);
  const undated = items.length - layout.items.length;

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setView((v) => (v.left === el.scrollLeft && v.top === el.scrollTop && v.width === el.clientWidth && v.height === el.clientHeight ? v : { left: el.scrollLeft, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight }));
  }, []);
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(measure);
  };
  // Opening (and each zoom) puts today a third of the way in, keeping the day in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollLeft = Math.max(0, xOf(range, today, zoom) - el.clientWidth / 3);
    measure();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open and when the zoom changes
  }, [zoom, measure]);

  const x0 = view.left - OVERSCAN;
  const x1 = view.left + view.width + OVERSCAN;
  const y0 = view.top - OVERSCAN;
  const y1 = view.top + view.height + OVERSCAN;
  // Each bar's place, once per layout and zoom rather than once per scrolled frame.
  const placed = useMemo(
    () => layout.items.map((l) => ({ ...l, x: xOf(range, l.item.start as string, zoom), w: Math.max(dayWidth, (daysBetween(l.item.start as string, l.item.end as string) + 1) * dayWidth) })),
    [layout, range, zoom, dayWidth],
  );
  // Labels once per change of the items or the language, not once per scrolled frame.
  const labels = useMemo(
    () => new Map(layout.items.map((l) => [l.item.id, t('plans.timelineItem', { title: l.item.title, kind: t(`plans.kinds.${l.item.kind}`), range: rangeText(l.item, t, locale) })])),
    [layout, t, locale],
  );
  const visible = placed.filter((l) => l.x + l.w >= x0 && l.x <= x1 && l.y + ROW_HEIGHT >= y0 && l.y <= y1);
  const visibleIds = new Set(visible.map((l) => l.item.id));
  const arrows: { key: string; d: string; flagged: boolean }[] = [];
  for (const l of layout.items) {
    for (const dep of l.item.dependsOn) {
      const to = byId.get(dep.itemId);
      if (!to || (!visibleIds.has(l.item.id) && !visibleIds.has(to.item.id))) continue;
      const sx = xOf(range, addDays(to.item.end as string, 1), zoom);
      const sy = to.y + ROW_HEIGHT / 2 + AXIS_HEIGHT;
      const ex = xOf(range, l.item.start as string, zoom);
      const ey = l.y + ROW_HEIGHT / 2 + AXIS_HEIGHT;
      const mid = Math.max(sx + 8, ex - 8);
      arrows.push({ key: dep.depId, d: `M${sx},${sy} H${mid} V${ey} H${ex - 2}`, flagged: l.item.flags.some((f) => f.depId === dep.depId) });
    }
  }
  const laneLabel = (key: string) => (laneBy === 'team' ? t(`team.${key}`) : key === '' ? t('plans.noGoalLane') : (goals.get(key)?.title ?? t('plans.missingLink')));
  const todayX = xOf(range, today, zoom);
  return (
    <div className="plan-timeline-wrap" data-testid="plan-timeline">
      <div className="plan-timeline-controls">
        <div className="segmented" role="group" aria-label={t('plans.zoom')}>
          {ZOOMS.map((z) => (
            <button key={z} type="button" className={z === zoom ? 'active' : ''} aria-pressed={z === zoom} onClick={() => setZoom(z)} data-testid={`zoom-${z}`}>
              {t(`plans.zooms.${z}`)}
            </button>
          ))}
        </div>
        <label className="inline">
          {t('plans.lanes')}{' '}
          <select value={laneBy} onChange={(e) => setLaneBy(e.target.value as LaneBy)}>
            <option value="team">{t('plans.laneBy.team')}</option>
            <option value="goal">{t('plans.laneBy.goal')}</option>
          </select>
        </label>
        {undated > 0 && <span className="muted small">{t('plans.undatedNote', { count: undated })}</span>}
      </div>
      <div className="plan-timeline" ref={scroller} onScroll={onScroll} role="group" aria-label={t('plans.timelineLabel')} data-testid="plan-timeline-scroller">
        <div className="plan-timeline-canvas" style={{ width: width + LABEL_WIDTH, height: layout.height + AXIS_HEIGHT }}>
          <div className="plan-axis" style={{ width }} aria-hidden="true">
            {ticks.filter((d) => { const x = xOf(range, d, zoom); return x >= x0 && x <= x1; }).map((d) => (
              <span key={d} className="plan-tick" style={{ transform: `translateX(${xOf(range, d, zoom)}px)` }}>{tickLabel(d, zoom, locale)}</span>
            ))}
          </div>
          {layout.lanes.map((lane) => (
            <div key={lane.key} className="plan-lane" style={{ top: lane.y + AXIS_HEIGHT, height: lane.height, width }}>
              <span className="plan-lane-label" style={{ left: Math.max(0, view.left) }}>{laneLabel(lane.key)}</span>
            </div>
          ))}
          <div className="plan-today" style={{ transform: `translateX(${todayX}px)`, height: layout.height + AXIS_HEIGHT }} data-testid="plan-today" title={t('plans.today')}>
            <span>{t('plans.today')}</span>
          </div>
          {/* Only as large as the window around the visible area: a canvas-sized SVG is repainted whole on every scroll. */}
          <svg className="plan-arrows" width={x1 - Math.max(0, x0)} height={y1 - Math.max(0, y0)} style={{ transform: `translate(${Math.max(0, x0)}px, ${Math.max(0, y0)}px)` }} viewBox={`${Math.max(0, x0)} ${Math.max(0, y0)} ${x1 - Math.max(0, x0)} ${y1 - Math.max(0, y0)}`} aria-hidden="true">
            <defs>
              <marker id="plan-arrow-head" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                <path d="M0,0 L6,3 L0,6 z" fill="currentColor" />
              </marker>
            </defs>
            {arrows.map((a) => <path key={a.key} d={a.d} className={a.flagged ? 'flagged' : undefined} markerEnd="url(#plan-arrow-head)" data-testid="plan-arrow" />)}
          </svg>
          {visible.map((l) => (
            <Bar key={l.item.id} item={l.item} x={l.x} y={l.y + AXIS_HEIGHT + 2} width={l.w} label={labels.get(l.item.id) ?? l.item.title} zoom={zoom} onOpen={onOpen} onMove={onMove} />
          ))}
        </div>
      </div>
    </div>
  );
}
