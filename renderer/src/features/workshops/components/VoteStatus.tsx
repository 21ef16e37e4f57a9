// What everyone sees of a dot vote: the votes they have left (their own, never anyone else's
// until the reveal), the time limit, and once revealed the notes with the most dots.
import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { VotingSnapshot, WorkshopBoardSnapshot } from '../../../../../shared/model/workshops/read';
import { useWorkshopActions } from '../actions';
import { TimerDisplay, useRemaining } from './TimerDisplay';

/** Whether votes are taken here now: the session is open and its time limit, if any, not run out. */
export function useVotingOpen(board: WorkshopBoardSnapshot, isFacilitator: boolean): boolean {
  const actions = useWorkshopActions();
  const limit = board.voting?.limit ?? null;
  const remaining = useRemaining(limit);
  const open = board.voting?.status === 'open' && (limit === null || remaining > 0);
  const timedOut = board.voting?.status === 'open' && limit !== null && remaining <= 0;
  // The facilitator's laptop closes a vote whose time is up, so it ends for everyone.
  useEffect(() => {
    if (timedOut && isFacilitator) actions.endVoting();
  }, [timedOut, isFacilitator, actions]);
  return open;
}

/** Memoised on the vote: notes typed in the room do not re-render it. */
export const VoteStatus = memo(function VoteStatus({ voting, me, open }: { voting: VotingSnapshot | null; me: string; open: boolean }) {
  const { t } = useTranslation();
  if (!voting) return null;
  const mine = voting.counted.filter((v) => v.memberId === me).length;
  return (
    <div className="vote-status" role="status" aria-live="polite">
      {voting.revealed ? (
        <strong>{t('workshops.resultsRevealed', { count: voting.counted.length })}</strong>
      ) : open ? (
        <span>
          <strong>{t('workshops.votesLeft', { left: voting.budget - mine, budget: voting.budget })}</strong>
          <span className="muted small"> {t('workshops.voteHowTo')}</span>
        </span>
      ) : (
        <span>{t('workshops.votingEnded')}</span>
      )}
      {open && voting.limit && <TimerDisplay timer={voting.limit} label={t('workshops.voteTimeLeft')} />}
    </div>
  );
});
