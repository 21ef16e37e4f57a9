// "On K of M teammates' laptops": for the board on screen (in the top bar) and for the goal or
// item open in the side panel, from what teammates' peers acknowledged on disk (kept by the
// local peer across restarts), never from a timer. Opening it lists each teammate's laptop
// with when the board or item last reached it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeammateReach } from '../../../shared/api/network';
import { useApp, useRuntime } from '../context';
import { BOARD_FEATURES } from '../features/kinds';

function useTime(): (at: number) => string {
  const locale = useApp((s) => s.locale);
  return (at) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}

/** Asks the peer again whenever the LAN status changes (pushed at most twice a second). */
function useTeammateReach(boardId: string, entityId: string | undefined, open: boolean): TeammateReach[] | null {
  const runtime = useRuntime();
  const network = useApp((s) => s.network);
  // A new edit of this goal or item changes its clocks, and its snapshot with them; edits of
  // other cards do not ask again.
  const entity = useApp((s) => {
    const kind = s.workspace?.boards.find((b) => b.id === boardId)?.kind;
    const board = kind === undefined ? undefined : s[BOARD_FEATURES[kind].slice][boardId];
    return entityId === undefined || kind === undefined || board === undefined ? null : (BOARD_FEATURES[kind].entityOf(board, entityId) ?? null);
  });
  const [teammates, setTeammates] = useState<TeammateReach[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void runtime.network.reach(boardId, entityId).then((result) => live && setTeammates(result.ok ? result.value : []));
    return () => {
      live = false;
    };
  }, [runtime, boardId, entityId, open, network, entity]);
  return teammates;
}

function TeammateList({ teammates }: { teammates: readonly TeammateReach[] }) {
  const { t } = useTranslation();
  const members = useApp((s) => s.workspace?.members ?? []);
  const time = useTime();
  return (
    <ul className="reach-list" data-testid="reach-list">
      {teammates.map((mate) => (
        <li key={mate.peerId} data-testid="reach-teammate" data-reached={mate.reachedAt !== null}>
          <span>{members.find((m) => m.id === mate.memberId)?.name ?? t('network.unknownMember')}</span>
          {mate.device && <span className="muted small"> · {mate.device}</span>}
          <span className="muted small">
            {' · '}
            {mate.reachedAt === null ? t('reach.notYet') : t(mate.reachedBy ? 'reach.reachedBy' : 'reach.reachedAt', { time: time(mate.reachedAt) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The board on screen: on how many teammates' laptops all of it is. */
export function BoardReach() {
  const { t } = useTranslation();
  const boardId = useApp((s) => (s.mainView === 'board' ? s.activeBoardId : null));
  const reach = useApp((s) => (boardId ? s.network?.reachByDoc[boardId] : undefined));
  const [open, setOpen] = useState(false);
  const teammates = useTeammateReach(boardId ?? '', undefined, open && boardId !== null);
  if (!boardId || !reach || reach.of === 0) return null;
  return (
    <details className="reach" data-testid="board-reach" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('reach.summary', { reached: reach.reached, count: reach.of })}</summary>
      {teammates && <TeammateList teammates={teammates} />}
    </details>
  );
}

/** A goal or item in the side panel: on how many teammates' laptops it is as this window last saw it change. */
export function ItemReach({ boardId, entityId }: { boardId: string; entityId: string }) {
  const { t } = useTranslation();
  const known = useApp((s) => s.network?.reachByDoc[boardId]?.of ?? 0);
  const teammates = useTeammateReach(boardId, entityId, known > 0);
  if (known === 0 || !teammates) return null;
  const reached = teammates.filter((mate) => mate.reachedAt !== null).length;
  return (
    <details className="reach" data-testid="item-reach">
      <summary>{t('reach.summary', { reached, count: teammates.length })}</summary>
      <TeammateList teammates={teammates} />
    </details>
  );
}
