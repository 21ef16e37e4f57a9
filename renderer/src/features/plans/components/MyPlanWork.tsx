// "My work" from the plans: my plan items (on every open plan board) waiting on something that
// moved later, was cancelled or deleted, directly or further up the chain, each with why and,
// for what they wait on directly, a "Seen" that clears the flag. The meetings' "My work" shows
// it beside the action items, through the registry of kinds.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../../../context';
import { usePlanActions } from '../actions';
import { flagKey, flagText } from '../labels';

export function MyPlanWork() {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const actions = usePlanActions();
  const boards = useApp((s) => s.plansBoards);
  const me = useApp((s) => s.identity?.memberId);
  const boardNames = useApp((s) => s.workspace?.boards);
  const mine = useMemo(
    () => Object.entries(boards).flatMap(([boardId, board]) => board.items.filter((i) => i.ownerId === me && i.flags.length > 0).map((item) => ({ boardId, board, item }))),
    [boards, me],
  );
  return (
    <section aria-labelledby="my-plan-work-heading" data-testid="my-plan-work">
      <h2 id="my-plan-work-heading">{t('plans.mineFlagged')}</h2>
      {mine.length === 0 && <p className="muted">{t('plans.mineEmpty')}</p>}
      <ul className="action-items">
        {mine.map(({ boardId, board, item }) => {
          const titleOf = (id: string) => board.items.find((i) => i.id === id)?.title ?? '?';
          return (
            <li key={`${boardId}:${item.id}`} data-testid="my-flagged-item">
              <button className="link-button" onClick={() => void runtime.openBoard(boardId).then(() => actions.select(item.id))}>
                {item.title}
              </button>
              <span className="muted small"> · {t('plans.openPlan', { board: boardNames?.find((b) => b.id === boardId)?.name ?? '' })}</span>
              <ul>
                {item.flags.map((f) => (
                  <li key={flagKey(f)}>
                    ⚠ {flagText(f, titleOf, t)}{' '}
                    {f.reason === 'upstream'
                      ? <span className="muted small">{t('plans.upstreamClears', { through: titleOf(f.throughId) })}</span>
                      : <button className="small" onClick={() => void runtime.onBoard(boardId, () => actions.acknowledge(boardId, f.depId))} aria-label={t('plans.acknowledgeLabel', { title: titleOf(f.itemId) })}>{t('plans.acknowledge')}</button>}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
