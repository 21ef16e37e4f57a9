// The zoomable, pannable canvas of sticky notes and cluster frames. Pan and zoom are d3-zoom's:
// chosen over react-zoom-pan-pinch and @use-gesture because it is framework-free (no React peer
// range to trail behind React 19), handles wheel, drag, pinch and touch with its own maths, and
// lets the transform be written straight to one element's style, so panning 1,000 notes never
// re-renders React (xyflow builds on it for the same reasons). Notes drag with d3-drag, and a
// drag likewise writes the dragged notes' and their clusters' transforms straight to the DOM,
// once a frame, committing the positions to the doc (one undoable move) when it ends.
// Only the notes near the screen are rendered (a screen's width and height to each side, made
// again, in a transition, when the view has moved half a screen): a browser paints and keeps
// styles for every element in the world layer, and 1,000 notes made each pan stutter. A note
// that is selected, edited, focused, or next to the focused one in keyboard order stays
// rendered wherever it is, so Tab still walks every note in order (each brings itself into view).
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { forwardRef, startTransition, type ReactElement, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterSnapshot, NoteSnapshot } from '../../../../../shared/model/workshops/read';
import { repeatedWords, type RepeatedWords } from '../../../i18n/repeated-words';
import { clusterFrame, cullWindow, intersects, newNotePlace, notePosition, windowServes, NOTE_HEIGHT, NOTE_WIDTH, type CullWindow, type DragOffset } from '../geometry';
import { StickyNote, type NoteHandlers } from './StickyNote';

export interface CanvasCentre {
  readonly cx: number;
  readonly cy: number;
  readonly k: number;
}

export interface CanvasHandle {
  /** Canvas coordinates of a new note in the middle of the view. */
  placeForNewNote(count: number): { x: number; y: number };
  zoomBy(factor: number): void;
  resetView(): void;
  /** The canvas point in the middle of the view, and the zoom (follow-me sends it). */
  centre(): CanvasCentre;
  /** Puts `centre` in the middle of this view at its zoom (not a move of the person's own). */
  showCentre(centre: CanvasCentre): void;
}

interface Props {
  notes: readonly NoteSnapshot[];
  clusters: readonly ClusterSnapshot[];
  selected: ReadonlySet<string>;
  editingId: string | null;
  /** A note to keep rendered wherever it is (one opened from search, about to be focused). */
  openNoteId?: string | null;
  authorName(id: string | null): string | null;
  myVotes: ReadonlyMap<string, number>;
  totals: ReadonlyMap<string, number> | null;
  handlers: Omit<NoteHandlers, 'onDragStart' | 'onDrag' | 'onDragEnd' | 'onFocusNote'>;
  /** Commits a drag's new positions; false when they were refused. */
  onMoveNotes(moves: { id: string; x: number; y: number }[]): boolean;
  onCanvasDoubleClick(place: { x: number; y: number }): void;
  onClusterAction(clusterId: string, action: 'rename' | 'promote' | 'ungroup'): void;
  /** The view moved; `byUser` when the person panned or zoomed it themselves. */
  onViewChange?(centre: CanvasCentre, byUser: boolean): void;
}

/** A drag under way: its offset in canvas units, and the elements it moves (found once, at its start). */
interface DragState {
  readonly ids: ReadonlySet<string>;
  dx: number;
  dy: number;
  readonly notes: readonly { readonly el: HTMLElement; readonly note: NoteSnapshot }[];
  readonly frames: readonly { readonly el: HTMLElement; readonly notes: readonly NoteSnapshot[] }[];
  /** The animation frame that will paint the offset, when one is requested. */
  paint: number | null;
}

/** Writes a drag's positions (or, with a zero offset, the notes' own) straight to the elements it moves. */
function paintDrag(drag: DragState | (DragOffset & Pick<DragState, 'notes' | 'frames'>)): void {
  for (const { el, note } of drag.notes) {
    const { x, y } = notePosition(note, drag);
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
  }
  for (const { el, notes } of drag.frames) {
    const frame = clusterFrame(notes, drag);
    if (!frame) continue;
    el.style.left = `${frame.x}px`;
    el.style.top = `${frame.y}px`;
    el.style.width = `${frame.width}px`;
    el.style.height = `${frame.height}px`;
  }
}

interface Size {
  width: number;
  height: number;
}

function centreOf(t: ZoomTransform, size: Size): CanvasCentre {
  const [cx, cy] = t.invert([size.width / 2, size.height / 2]);
  return { cx: Math.round(cx), cy: Math.round(cy), k: Math.round(t.k * 1000) / 1000 };
}

export const NoteCanvas = forwardRef<CanvasHandle, Props>(function NoteCanvas(props, ref) {
  const { notes, clusters, selected, editingId, openNoteId = null, authorName, myVotes, totals, handlers, onMoveNotes, onCanvasDoubleClick, onClusterAction, onViewChange } = props;
  const { t, i18n } = useTranslation();
  const words = repeatedWords(i18n, i18n.language);
  const viewportRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const behaviourRef = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const onViewChangeRef = useRef(onViewChange);
  useEffect(() => {
    onViewChangeRef.current = onViewChange;
  });
  const dragRef = useRef<DragState | null>(null);
  /** The viewport's size, kept by a ResizeObserver (reading it in each zoom event would force a layout). */
  const sizeRef = useRef<Size>({ width: 0, height: 0 });
  /** The part of the canvas rendered: none before the viewport is measured, all when it has no size. */
  const [cull, setCull] = useState<CullWindow | 'all' | null>(null);
  const cullRef = useRef<CullWindow | null>(null);
  const recull = useCallback((urgent: boolean) => {
    const size = sizeRef.current;
    const view = transformRef.current;
    if (size.width === 0 || size.height === 0) return;
    if (cullRef.current && windowServes(cullRef.current, view, size)) return;
    const next = cullWindow(view, size);
    cullRef.current = next;
    // While panning, React renders the newly near notes in slices between frames.
    if (urgent) setCull(next);
    else startTransition(() => setCull(next));
  }, []);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const measure = (urgent: boolean) => {
      sizeRef.current = { width: viewport.clientWidth, height: viewport.clientHeight };
      if (viewport.clientWidth === 0 || viewport.clientHeight === 0) setCull((c) => c ?? 'all');
      else recull(urgent);
    };
    measure(true);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measure(false));
    observer.observe(viewport);
    return () => observer.disconnect();
  }, [recull]);

  useEffect(() => {
    const viewport = viewportRef.current;
    const world = worldRef.current;
    if (!viewport || !world) return;
    const behaviour = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.15, 3])
      .filter((e: Event & { ctrlKey?: boolean; button?: number }) => (e.type === 'wheel' || (!e.ctrlKey && !e.button)) && !(e.target as Element).closest('.sticky-note, .cluster-header, button'))
      .on('zoom', (e: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        transformRef.current = e.transform;
        world.style.transform = `translate(${e.transform.x}px, ${e.transform.y}px) scale(${e.transform.k})`;
        recull(false);
        onViewChangeRef.current?.(centreOf(e.transform, sizeRef.current), e.sourceEvent !== null);
      });
    behaviourRef.current = behaviour;
    const selection = select(viewport);
    selection.call(behaviour).on('dblclick.zoom', null);
    return () => void selection.on('.zoom', null);
  }, [recull]);

  useImperativeHandle(ref, () => ({
    placeForNewNote(count) {
      const size = sizeRef.current;
      return newNotePlace(transformRef.current, size.width > 0 ? size : { width: 800, height: 600 }, count);
    },
    zoomBy(factor) {
      if (viewportRef.current && behaviourRef.current) behaviourRef.current.scaleBy(select(viewportRef.current), factor);
    },
    resetView() {
      if (viewportRef.current && behaviourRef.current) behaviourRef.current.transform(select(viewportRef.current), zoomIdentity);
    },
    centre: () => centreOf(transformRef.current, sizeRef.current),
    showCentre(centre) {
      const viewport = viewportRef.current;
      if (!viewport || !behaviourRef.current) return;
      const x = viewport.clientWidth / 2 - centre.cx * centre.k;
      const y = viewport.clientHeight / 2 - centre.cy * centre.k;
      behaviourRef.current.transform(select(viewport), zoomIdentity.translate(x, y).scale(centre.k));
    },
  }));

  const byCluster = useMemo(() => {
    const map = new Map<string, NoteSnapshot[]>();
    for (const note of notes) {
      if (!note.clusterId) continue;
      const members = map.get(note.clusterId);
      if (members) members.push(note);
      else map.set(note.clusterId, [note]);
    }
    return map;
  }, [notes]);

  const notesRef = useRef(notes);
  const byClusterRef = useRef(byCluster);
  const selectedRef = useRef(selected);
  const onMoveRef = useRef(onMoveNotes);
  useEffect(() => {
    notesRef.current = notes;
    byClusterRef.current = byCluster;
    selectedRef.current = selected;
    onMoveRef.current = onMoveNotes;
  });

  /** The note that last had keyboard focus: it and its neighbours in keyboard order stay rendered. */
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const onFocusNote = useCallback((id: string) => {
    setFocusedId(id);
    // Keyboard focus on a note off screen brings it into view (the viewport itself never scrolls).
    const viewport = viewportRef.current;
    const note = notesRef.current.find((n) => n.id === id);
    if (!viewport || !note || !behaviourRef.current) return;
    viewport.scrollTop = 0;
    viewport.scrollLeft = 0;
    const tr = transformRef.current;
    const left = note.x * tr.k + tr.x;
    const top = note.y * tr.k + tr.y;
    if (left < 0 || top < 0 || left + NOTE_WIDTH * tr.k > viewport.clientWidth || top + NOTE_HEIGHT * tr.k > viewport.clientHeight) {
      behaviourRef.current.translateTo(select(viewport), note.x + NOTE_WIDTH / 2, note.y + NOTE_HEIGHT / 2);
    }
  }, []);

  const noteHandlers: NoteHandlers = useMemo(
    () => ({
      ...handlers,
      onFocusNote,
      onDragStart(id) {
        const world = worldRef.current;
        if (!world) return;
        const ids = selectedRef.current.has(id) ? new Set(selectedRef.current) : new Set([id]);
        const elements = new Map<string, HTMLElement>();
        for (const el of world.querySelectorAll<HTMLElement>('[data-note-id]')) if (ids.has(el.dataset.noteId ?? '')) elements.set(el.dataset.noteId ?? '', el);
        const moved = notesRef.current.filter((n) => elements.has(n.id));
        const clusterIds = new Set(moved.flatMap((n) => (n.clusterId ? [n.clusterId] : [])));
        const frames = [...world.querySelectorAll<HTMLElement>('[data-cluster-id]')]
          .filter((el) => clusterIds.has(el.dataset.clusterId ?? ''))
          .map((el) => ({ el, notes: byClusterRef.current.get(el.dataset.clusterId ?? '') ?? [] }));
        dragRef.current = { ids, dx: 0, dy: 0, notes: moved.map((note) => ({ el: elements.get(note.id) as HTMLElement, note })), frames, paint: null };
      },
      onDrag(dx, dy) {
        const current = dragRef.current;
        if (!current) return;
        const k = transformRef.current.k;
        current.dx += dx / k;
        current.dy += dy / k;
        // Several pointer moves can come in one frame: paint once, in the next.
        current.paint ??= requestAnimationFrame(() => {
          current.paint = null;
          paintDrag(current);
        });
      },
      onDragEnd() {
        const done = dragRef.current;
        dragRef.current = null;
        if (!done) return;
        if (done.paint !== null) cancelAnimationFrame(done.paint);
        const moved = Math.abs(done.dx) >= 1 || Math.abs(done.dy) >= 1;
        const dx = Math.round(done.dx);
        const dy = Math.round(done.dy);
        // Where the doc will put them (positions are whole numbers), or back where they were.
        paintDrag({ ...done, dx: moved ? dx : 0, dy: moved ? dy : 0 });
        if (!moved) return;
        const committed = onMoveRef.current(done.notes.map(({ note }) => ({ id: note.id, x: note.x + dx, y: note.y + dy })));
        // A refused move leaves the notes where the doc has them; React only writes a style that changed.
        if (!committed) paintDrag({ ...done, dx: 0, dy: 0 });
      },
    }),
    [handlers, onFocusNote],
  );

  /** Each shown note's element with the props it was made with, by snapshot (a changed note is a new snapshot). */
  const [elements] = useState(() => new WeakMap<NoteSnapshot, { selected: boolean; editing: boolean; authorName: string | null; myVotes: number; total: number | null; handlers: NoteHandlers; words: RepeatedWords; element: ReactElement }>());

  const shownNotes = useMemo(() => {
    if (cull === 'all') return notes;
    if (cull === null) return [];
    const keep = new Set<string>(selected);
    for (const id of [editingId, openNoteId]) if (id) keep.add(id);
    const focused = focusedId ? notes.findIndex((n) => n.id === focusedId) : -1;
    if (focused >= 0) for (const n of notes.slice(Math.max(0, focused - 1), focused + 2)) keep.add(n.id);
    return notes.filter((n) => keep.has(n.id) || intersects(cull, { x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }));
  }, [notes, cull, selected, editingId, openNoteId, focusedId]);

  return (
    <div
      ref={viewportRef}
      className="note-canvas"
      role="region"
      aria-label={t('workshops.canvas')}
      onScroll={(e) => {
        e.currentTarget.scrollTop = 0;
        e.currentTarget.scrollLeft = 0;
      }}
      onDoubleClick={(e) => {
        if ((e.target as Element).closest('.sticky-note, .cluster-header')) return;
        const rect = e.currentTarget.getBoundingClientRect();
        const [x, y] = transformRef.current.invert([e.clientX - rect.left, e.clientY - rect.top]);
        onCanvasDoubleClick({ x: Math.round(x - NOTE_WIDTH / 2), y: Math.round(y - NOTE_HEIGHT / 2) });
      }}
    >
      <div ref={worldRef} className="note-world" data-notes={notes.length}>
        {clusters.map((cluster) => {
          const frame = clusterFrame(byCluster.get(cluster.id) ?? [], null);
          if (!frame || cull === null || (cull !== 'all' && !intersects(cull, frame))) return null;
          return (
            <section key={cluster.id} data-cluster-id={cluster.id} className="cluster-frame" aria-label={cluster.title} style={{ left: frame.x, top: frame.y, width: frame.width, height: frame.height }}>
              <div className="cluster-header">
                <button type="button" className="link-button cluster-title" onClick={() => onClusterAction(cluster.id, 'rename')}>
                  {cluster.title}
                </button>
                {cluster.promotedTo ? (
                  <span className="cluster-promoted">{t('workshops.promoted')}</span>
                ) : (
                  <button type="button" className="link-button" onClick={() => onClusterAction(cluster.id, 'promote')}>
                    {t('workshops.promoteShort')}
                  </button>
                )}
                <button type="button" className="link-button" aria-label={t('workshops.ungroupLabel', { title: cluster.title })} onClick={() => onClusterAction(cluster.id, 'ungroup')}>
                  {t('workshops.ungroup')}
                </button>
              </div>
            </section>
          );
        })}
        {shownNotes.map((note) => {
          const isSelected = selected.has(note.id);
          const editing = editingId === note.id;
          const author = authorName(note.authorId);
          const mine = myVotes.get(note.id) ?? 0;
          const total = totals ? (totals.get(note.id) ?? 0) : null;
          // The same element for a note whose props are as before: React skips it without a
          // props comparison, and a frame of the room's edits allocates nothing for the others
          // (not even a props object: a heap profile of the room's burst found those outliving
          // young-generation collections, held by the frame's render).
          const cached = elements.get(note);
          if (cached && cached.handlers === noteHandlers && cached.words === words && cached.selected === isSelected && cached.editing === editing && cached.authorName === author && cached.myVotes === mine && cached.total === total) return cached.element;
          const props = { selected: isSelected, editing, authorName: author, myVotes: mine, total };
          const element = <StickyNote key={note.id} note={note} x={note.x} y={note.y} handlers={noteHandlers} words={words} {...props} />;
          elements.set(note, { ...props, handlers: noteHandlers, words, element });
          return element;
        })}
      </div>
    </div>
  );
});
