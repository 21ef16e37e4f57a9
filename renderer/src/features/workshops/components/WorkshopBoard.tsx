// The workshop board on screen: toolbar, facilitator controls, timer and vote status over the
// canvas of sticky notes, the dialogs for clusters, and the Undo toast of a promotion. It holds
// only view state (selection, the note being edited, the open dialog); content is in the doc.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteColour } from '../../../../../shared/model/workshops/schema';
import type { WorkshopBoardSnapshot } from '../../../../../shared/model/workshops/read';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import type { ActionResult } from '../../../runtime';
import { useWorkshopActions, type Promotion } from '../actions';
import { useFollowFacilitator } from '../follow';
import { ClusterTitleDialog, MoveToClusterDialog, PromoteDialog } from './ClusterDialogs';
import { FacilitatorPanel } from './FacilitatorPanel';
import { NoteCanvas, type CanvasHandle } from './NoteCanvas';
import type { NoteHandlers } from './StickyNote';
import { PromotionToast } from './PromotionToast';
import { TimerDisplay } from './TimerDisplay';
import { useVotingOpen, VoteStatus } from './VoteStatus';
import { WorkshopToolbar } from './WorkshopToolbar';
import '../workshops.css';

type Dialog = { kind: 'group'; ids: string[] } | { kind: 'rename'; clusterId: string } | { kind: 'move'; noteId: string } | { kind: 'promote'; clusterId: string };

const EMPTY: WorkshopBoardSnapshot = { notes: [], clusters: [], facilitatorId: null, authorsRevealed: false, followMe: false, voting: null, timer: null };

export function WorkshopBoard() {
  const { t } = useTranslation();
  const actions = useWorkshopActions();
  const boardId = useApp((s) => s.activeBoardId);
  const board = useApp((s) => (s.activeBoardId ? s.workshopsBoards[s.activeBoardId] : undefined)) ?? EMPTY;
  const me = useApp((s) => s.identity?.memberId ?? '');
  const members = useApp((s) => s.workspace?.members);
  const boards = useApp((s) => s.workspace?.boards);
  const openNoteId = useApp((s) => s.selectedItemId);
  const canvas = useRef<CanvasHandle>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [colour, setColour] = useState<NoteColour>('yellow');
  const [error, setError] = useState<ShownError | null>(null);
  const [promotion, setPromotion] = useState<Promotion | null>(null);
  const isFacilitator = board.facilitatorId === me;
  const votingOpen = useVotingOpen(board, isFacilitator);
  const following = useFollowFacilitator(board, isFacilitator, canvas);
  const nameOf = useCallback((id: string | null) => (id ? (members?.find((m) => m.id === id)?.name ?? null) : null), [members]);

  const show = useCallback(<T,>(result: ActionResult<T>): result is { ok: true; value: T } => {
    setError(result.ok ? null : result.error);
    return result.ok;
  }, []);

  const myVotes = useMemo(() => {
    const counts = new Map<string, number>();
    for (const v of board.voting?.counted ?? []) if (v.memberId === me) counts.set(v.noteId, (counts.get(v.noteId) ?? 0) + 1);
    return counts;
  }, [board.voting, me]);
  const totals = useMemo(() => {
    if (!board.voting?.revealed) return null;
    const counts = new Map<string, number>();
    for (const v of board.voting.counted) counts.set(v.noteId, (counts.get(v.noteId) ?? 0) + 1);
    return counts;
  }, [board.voting]);

  const votingStatus = board.voting?.status ?? null;
  const votesRevealed = board.voting?.revealed ?? false;
  const votingState = useMemo(() => (votingStatus ? { status: votingStatus, revealed: votesRevealed } : null), [votingStatus, votesRevealed]);

  const state = useRef({ board, selected, votingOpen });
  useEffect(() => {
    state.current = { board, selected, votingOpen };
  });

  const addNote = useCallback(
    (place?: { x: number; y: number }) => {
      const at = place ?? canvas.current?.placeForNewNote(state.current.board.notes.length) ?? { x: 0, y: 0 };
      const result = actions.createNote({ text: '', colour, ...at });
      if (show(result)) {
        setSelected(new Set([result.value]));
        setEditingId(result.value);
      }
    },
    [actions, colour, show],
  );

  const handlers: Omit<NoteHandlers, 'onDragStart' | 'onDrag' | 'onDragEnd' | 'onFocusNote'> = useMemo(
    () => ({
      onSelect(id, additive) {
        setSelected((prev) => {
          if (!additive) return new Set([id]);
          const next = new Set(prev);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      },
      onEdit: setEditingId,
      onSaveText: (id, text) => show(actions.editText(id, text)),
      onKeyCommand(id, command, dx = 0, dy = 0) {
        const { board: current, selected: chosen } = state.current;
        const ids = chosen.has(id) ? [...chosen] : [id];
        if (command === 'vote') {
          if (!state.current.votingOpen) return setError({ messageKey: 'errors.votingClosed', params: {} });
          show(actions.vote(id));
        } else if (command === 'unvote') show(actions.unvote(id));
        else if (command === 'move-menu') setDialog({ kind: 'move', noteId: id });
        else if (command === 'delete') {
          if (show(actions.deleteNotes(ids))) setSelected(new Set());
        } else {
          const moves = current.notes.filter((n) => ids.includes(n.id)).map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy }));
          show(actions.move(moves));
        }
      },
    }),
    [actions, show],
  );

  /** The selected notes that exist, in keyboard order, as they are when the person acts. */
  const selectedNow = useCallback(() => state.current.board.notes.filter((n) => state.current.selected.has(n.id)).map((n) => n.id), []);
  const onAddNote = useCallback(() => addNote(), [addNote]);
  const onColour = useCallback(
    (next: NoteColour) => {
      setColour(next);
      const ids = selectedNow();
      if (ids.length > 0) show(actions.setColour(ids, next));
    },
    [actions, show, selectedNow],
  );
  const onGroup = useCallback(() => setDialog({ kind: 'group', ids: selectedNow() }), [selectedNow]);
  const onZoom = useCallback((factor: number) => canvas.current?.zoomBy(factor), []);
  const onResetView = useCallback(() => canvas.current?.resetView(), []);

  // A note opened from search gets focus once it is on screen.
  useEffect(() => {
    if (!openNoteId) return;
    document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(openNoteId)}"]`)?.focus();
  }, [openNoteId, board.notes.length]);

  const selectedIds = board.notes.filter((n) => selected.has(n.id)).map((n) => n.id);
  const dialogCluster = dialog && 'clusterId' in dialog ? board.clusters.find((c) => c.id === dialog.clusterId) : undefined;
  const dialogNote = dialog?.kind === 'move' ? board.notes.find((n) => n.id === dialog.noteId) : undefined;
  const focusNote = (id: string) => setTimeout(() => document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(id)}"]`)?.focus(), 0);

  return (
    <div
      className="workshop-board"
      onKeyDown={(e) => {
        const target = e.target as HTMLElement;
        if (e.key.toLowerCase() === 'n' && !e.ctrlKey && !e.metaKey && !e.altKey && !target.closest('input, textarea, select, [role="dialog"], .sticky-note')) {
          e.preventDefault();
          addNote();
        }
      }}
    >
      <div className="board-header">
        <h1>{boards?.find((b) => b.id === boardId)?.name ?? t('workshops.board')}</h1>
      </div>
      <WorkshopToolbar
        selectedCount={selectedIds.length}
        colour={colour}
        onAddNote={onAddNote}
        onColour={onColour}
        onGroup={onGroup}
        onZoom={onZoom}
        onResetView={onResetView}
      />
      <FacilitatorPanel
        authorsRevealed={board.authorsRevealed}
        followMe={board.followMe}
        voting={votingState}
        timer={board.timer}
        isFacilitator={isFacilitator}
        facilitatorName={nameOf(board.facilitatorId)}
      />
      <div className="workshop-status">
        <TimerDisplay timer={board.timer} label={t('workshops.timer')} />
        <VoteStatus voting={board.voting} me={me} open={votingOpen} />
        <span className="muted small">{board.authorsRevealed ? t('workshops.authorsShown') : t('workshops.anonymous')}</span>
        {following.leaderName &&
          (following.detached ? (
            <button type="button" className="primary" onClick={following.backToFacilitator}>
              {t('workshops.backToFacilitator')}
            </button>
          ) : (
            <span className="muted small">{t('workshops.following', { name: following.leaderName })}</span>
          ))}
      </div>
      <FieldError error={error} />
      <div className="workshop-stage">
        <NoteCanvas
          ref={canvas}
          notes={board.notes}
          clusters={board.clusters}
          selected={selected}
          editingId={editingId}
          authorName={nameOf}
          myVotes={myVotes}
          totals={totals}
          handlers={handlers}
          onMoveNotes={(moves) => show(actions.move(moves))}
          onCanvasDoubleClick={(place) => addNote(place)}
          onViewChange={following.onViewChange}
          onClusterAction={(clusterId, action) => {
            if (action === 'ungroup') show(actions.deleteCluster(clusterId));
            else setDialog({ kind: action, clusterId });
          }}
        />
        {board.notes.length === 0 && (
          <div className="workshop-empty card">
            <h2>{t('workshops.emptyTitle')}</h2>
            <p>{t('workshops.emptyBody')}</p>
            <button type="button" className="primary" onClick={() => addNote()}>
              + {t('workshops.addFirstNote')}
            </button>
            <p className="muted small">{t('workshops.emptyKeys')}</p>
          </div>
        )}
      </div>
      {dialog?.kind === 'group' && (
        <ClusterTitleDialog initial="" heading={t('workshops.groupTitle', { count: dialog.ids.length })} onSubmit={(title) => actions.group(title, dialog.ids)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'rename' && dialogCluster && (
        <ClusterTitleDialog initial={dialogCluster.title} heading={t('workshops.renameCluster')} onSubmit={(title) => actions.renameCluster(dialogCluster.id, title)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'move' && dialogNote && (
        <MoveToClusterDialog
          clusters={board.clusters}
          current={dialogNote.clusterId}
          onMove={(clusterId) => actions.setCluster(selected.has(dialogNote.id) ? selectedIds : [dialogNote.id], clusterId)}
          onNewCluster={() => setDialog({ kind: 'group', ids: selected.has(dialogNote.id) ? selectedIds : [dialogNote.id] })}
          onClose={() => {
            setDialog(null);
            focusNote(dialogNote.id);
          }}
        />
      )}
      {dialog?.kind === 'promote' && dialogCluster && (
        <PromoteDialog
          cluster={dialogCluster}
          onPromote={async (target) => {
            const result = await actions.promote(dialogCluster.id, target);
            if (result.ok) setPromotion(result.value);
            return result;
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {promotion && (
        <PromotionToast
          promotion={promotion}
          boardName={boards?.find((b) => b.id === promotion.boardId)?.name ?? ''}
          onUndo={() => {
            show(actions.undoPromotion(promotion));
            setPromotion(null);
          }}
          onDismiss={() => setPromotion(null)}
        />
      )}
    </div>
  );
}
