// The zoomable, pannable canvas of sticky notes and cluster frames. Pan and zoom are d3-zoom's:
// chosen over react-zoom-pan-pinch and @use-gesture because it is framework-free (no React peer
// range to trail behind React 19), handles wheel, drag, pinch and touch with its own maths, and
// lets the transform be written straight to one element's style, so panning 1,000 notes never
// re-renders React (xyflow builds on it for the same reasons). Notes drag with d3-drag.
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterSnapshot, NoteSnapshot } from '../../../../../shared/model/workshops/read';
import { clusterFrame, newNotePlace, notePosition, NOTE_HEIGHT, NOTE_WIDTH, type DragOffset } from '../geometry';
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
  authorName(id: string | null): string | null;
  myVotes: ReadonlyMap<string, number>;
  totals: ReadonlyMap<string, number> | null;
  handlers: Omit<NoteHandlers, 'onDragStart' | 'onDrag' | 'onDragEnd' | 'onFocusNote'>;
  onMoveNotes(moves: { id: string; x: number; y: number }[]): void;
  onCanvasDoubleClick(place: { x: number; y: number }): void;
  onClusterAction(clusterId: string, action: 'rename' | 'promote' | 'ungroup'): void;
  /** The view moved; `byUser` when the person panned or zoomed it themselves. */
  onViewChange?(centre: CanvasCentre, byUser: boolean): void;
}

function centreOf(t: ZoomTransform, viewport: HTMLElement | null): CanvasCentre {
  const [cx, cy] = t.invert([(viewport?.clientWidth ?? 0) / 2, (viewport?.clientHeight ?? 0) / 2]);
  return { cx: Math.round(cx), cy: Math.round(cy), k: Math.round(t.k * 1000) / 1000 };
}

export const NoteCanvas = forwardRef<CanvasHandle, Props>(function NoteCanvas(props, ref) {
  const { notes, clusters, selected, editingId, authorName, myVotes, totals, handlers, onMoveNotes, onCanvasDoubleClick, onClusterAction, onViewChange } = props;
  const { t } = useTranslation();
  const viewportRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const behaviourRef = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const onViewChangeRef = useRef(onViewChange);
  useEffect(() => {
    onViewChangeRef.current = onViewChange;
  });
  const [drag, setDrag] = useState<DragOffset | null>(null);
  const dragRef = useRef<DragOffset | null>(null);

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
        onViewChangeRef.current?.(centreOf(e.transform, viewport), e.sourceEvent !== null);
      });
    behaviourRef.current = behaviour;
    const selection = select(viewport);
    selection.call(behaviour).on('dblclick.zoom', null);
    return () => void selection.on('.zoom', null);
  }, []);

  useImperativeHandle(ref, () => ({
    placeForNewNote(count) {
      const viewport = viewportRef.current;
      return newNotePlace(transformRef.current, { width: viewport?.clientWidth ?? 800, height: viewport?.clientHeight ?? 600 }, count);
    },
    zoomBy(factor) {
      if (viewportRef.current && behaviourRef.current) behaviourRef.current.scaleBy(select(viewportRef.current), factor);
    },
    resetView() {
      if (viewportRef.current && behaviourRef.current) behaviourRef.current.transform(select(viewportRef.current), zoomIdentity);
    },
    centre: () => centreOf(transformRef.current, viewportRef.current),
    showCentre(centre) {
      const viewport = viewportRef.current;
      if (!viewport || !behaviourRef.current) return;
      const x = viewport.clientWidth / 2 - centre.cx * centre.k;
      const y = viewport.clientHeight / 2 - centre.cy * centre.k;
      behaviourRef.current.transform(select(viewport), zoomIdentity.translate(x, y).scale(centre.k));
    },
  }));

  const notesRef = useRef(notes);
  const selectedRef = useRef(selected);
  const onMoveRef = useRef(onMoveNotes);
  useEffect(() => {
    notesRef.current = notes;
    selectedRef.current = selected;
    onMoveRef.current = onMoveNotes;
  });

  const onFocusNote = useCallback((id: string) => {
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
        const ids = selectedRef.current.has(id) ? new Set(selectedRef.current) : new Set([id]);
        dragRef.current = { ids, dx: 0, dy: 0 };
      },
      onDrag(dx, dy) {
        const current = dragRef.current;
        if (!current) return;
        const k = transformRef.current.k;
        dragRef.current = { ...current, dx: current.dx + dx / k, dy: current.dy + dy / k };
        setDrag(dragRef.current);
      },
      onDragEnd() {
        const done = dragRef.current;
        dragRef.current = null;
        setDrag(null);
        if (!done || (Math.abs(done.dx) < 1 && Math.abs(done.dy) < 1)) return;
        const moves = notesRef.current.filter((n) => done.ids.has(n.id)).map((n) => ({ id: n.id, x: Math.round(n.x + done.dx), y: Math.round(n.y + done.dy) }));
        onMoveRef.current(moves);
      },
    }),
    [handlers, onFocusNote],
  );

  const byCluster = useMemo(() => {
    const map = new Map<string, NoteSnapshot[]>();
    for (const note of notes) if (note.clusterId) map.set(note.clusterId, [...(map.get(note.clusterId) ?? []), note]);
    return map;
  }, [notes]);

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
      <div ref={worldRef} className="note-world">
        {clusters.map((cluster) => {
          const frame = clusterFrame(byCluster.get(cluster.id) ?? [], drag);
          if (!frame) return null;
          return (
            <section key={cluster.id} className="cluster-frame" aria-label={cluster.title} style={{ transform: `translate(${frame.x}px, ${frame.y}px)`, width: frame.width, height: frame.height }}>
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
        {notes.map((note) => {
          const { x, y } = notePosition(note, drag);
          return (
            <StickyNote
              key={note.id}
              note={note}
              x={x}
              y={y}
              selected={selected.has(note.id)}
              editing={editingId === note.id}
              authorName={authorName(note.authorId)}
              myVotes={myVotes.get(note.id) ?? 0}
              total={totals ? (totals.get(note.id) ?? 0) : null}
              handlers={noteHandlers}
            />
          );
        })}
      </div>
    </div>
  );
});
