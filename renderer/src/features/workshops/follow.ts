// Follow me: while the facilitator asks the room to follow, their window sends its view of the
// canvas through presence, and everyone else's workshop view shows the same board and the same
// canvas point at the same zoom, until they pan or zoom away themselves ("Back to facilitator").
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { WorkshopBoardSnapshot } from '../../../../shared/model/workshops/read';
import { useApp, useRuntime } from '../../context';
import type { CanvasCentre, CanvasHandle } from './components/NoteCanvas';

/** At most this many view updates a second go out (presence allows far more; the room needs no more). */
const SEND_INTERVAL_MS = 100;

export interface Following {
  /** The facilitator's name when this window follows them (or could, after panning away). */
  readonly leaderName: string | null;
  readonly detached: boolean;
  onViewChange(centre: CanvasCentre, byUser: boolean): void;
  backToFacilitator(): void;
}

export function useFollowFacilitator(board: WorkshopBoardSnapshot, isFacilitator: boolean, canvas: RefObject<CanvasHandle | null>): Following {
  const runtime = useRuntime();
  const boardId = useApp((s) => s.activeBoardId);
  const leader = useApp((s) => (board.followMe && !isFacilitator ? s.presence.find((p) => p.memberId === board.facilitatorId && p.viewport) : undefined));
  const leaderName = useApp((s) => s.workspace?.members.find((m) => m.id === board.facilitatorId)?.name ?? null);
  const [detached, setDetached] = useState(false);
  const leading = board.followMe && isFacilitator;
  const pending = useRef<CanvasCentre | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The facilitator: send the view now, and again (throttled) as it moves; stop when no longer asking.
  useEffect(() => {
    if (!leading) return;
    const centre = canvas.current?.centre();
    if (centre) runtime.presence.setViewport(centre);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      runtime.presence.setViewport(null);
    };
  }, [leading, runtime, canvas]);

  // Everyone else: go where the facilitator is, unless they panned away.
  useEffect(() => {
    if (!leader || detached) return;
    if (leader.boardId && leader.boardId !== boardId) void runtime.openBoard(leader.boardId);
    else if (leader.viewport) canvas.current?.showCentre(leader.viewport);
  }, [leader, detached, boardId, runtime, canvas]);

  const onViewChange = useCallback(
    (centre: CanvasCentre, byUser: boolean) => {
      if (leading) {
        pending.current = centre;
        timer.current ??= setTimeout(() => {
          timer.current = null;
          if (pending.current) runtime.presence.setViewport(pending.current);
        }, SEND_INTERVAL_MS);
      } else if (byUser && board.followMe) setDetached(true);
    },
    [leading, board.followMe, runtime],
  );

  const backToFacilitator = useCallback(() => setDetached(false), []);
  return { leaderName: board.followMe && !isFacilitator ? leaderName : null, detached, onViewChange, backToFacilitator };
}
