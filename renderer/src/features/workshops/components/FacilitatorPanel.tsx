// The facilitator's controls: reveal authors, run a dot vote (budget, one per note, time limit,
// end, reveal results) and the shared timer (start, pause or resume, +1 min, clear). Anyone
// else sees who facilitates and may take it over.
import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../../../../shared/model/workshops/timer';
import { FieldError, type ShownError } from '../../../components/FieldError';
import type { ActionResult } from '../../../runtime';
import { useWorkshopActions } from '../actions';
import { primeChime } from './TimerDisplay';

interface Props {
  authorsRevealed: boolean;
  followMe: boolean;
  /** The dot vote's state: none, open, or closed (and whether its results are shown). */
  voting: { status: 'open' | 'closed'; revealed: boolean } | null;
  timer: TimerState | null;
  isFacilitator: boolean;
  facilitatorName: string | null;
}

/** Memoised on the facts it shows: notes typed and votes cast in the room do not re-render it. */
export const FacilitatorPanel = memo(function FacilitatorPanel({ authorsRevealed, followMe, voting, timer, isFacilitator, facilitatorName }: Props) {
  const { t } = useTranslation();
  const actions = useWorkshopActions();
  const [budget, setBudget] = useState('3');
  const [onePerNote, setOnePerNote] = useState(false);
  const [voteMinutes, setVoteMinutes] = useState('');
  const [timerMinutes, setTimerMinutes] = useState('5');
  const [error, setError] = useState<ShownError | null>(null);
  const run = (result: ActionResult<unknown>) => setError(result.ok ? null : result.error);
  if (!isFacilitator) {
    return (
      <div className="facilitator-panel" aria-label={t('workshops.facilitation')} role="group">
        <span className="muted small">{facilitatorName ? t('workshops.facilitatedBy', { name: facilitatorName }) : t('workshops.noFacilitator')}</span>
        <button type="button" className="link-button" onClick={() => run(actions.facilitate())}>
          {t('workshops.takeOver')}
        </button>
      </div>
    );
  }
  function startVote(e: FormEvent) {
    e.preventDefault();
    primeChime();
    run(actions.startVoting(budget.trim() === '' ? Number.NaN : Number(budget), onePerNote, voteMinutes));
  }
  function startTimer(e: FormEvent) {
    e.preventDefault();
    primeChime();
    run(actions.startTimer(timerMinutes));
  }
  return (
    <div className="facilitator-panel" role="group" aria-label={t('workshops.facilitation')}>
      <label className="checkbox">
        <input type="checkbox" checked={authorsRevealed} onChange={(e) => run(actions.revealAuthors(e.target.checked))} />
        {t('workshops.revealAuthors')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={followMe} onChange={(e) => run(actions.followMe(e.target.checked))} />
        {t('workshops.followMe')}
      </label>
      {voting?.status === 'open' ? (
        <span className="panel-group">
          <button type="button" onClick={() => run(actions.endVoting())}>
            {t('workshops.endVote')}
          </button>
          <button type="button" className="primary" onClick={() => run(actions.revealVotes())}>
            {t('workshops.revealResults')}
          </button>
        </span>
      ) : (
        <form className="panel-group" onSubmit={startVote} noValidate>
          <label>
            {t('workshops.budget')}
            <input className="narrow" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={onePerNote} onChange={(e) => setOnePerNote(e.target.checked)} />
            {t('workshops.onePerNote')}
          </label>
          <label>
            {t('workshops.voteMinutes')}
            <input className="narrow" inputMode="decimal" value={voteMinutes} placeholder={t('workshops.noLimit')} onChange={(e) => setVoteMinutes(e.target.value)} />
          </label>
          <button type="submit">{t('workshops.startVote')}</button>
          {voting && !voting.revealed && (
            <button type="button" className="primary" onClick={() => run(actions.revealVotes())}>
              {t('workshops.revealResults')}
            </button>
          )}
        </form>
      )}
      <form className="panel-group" onSubmit={startTimer} noValidate>
        <label>
          {t('workshops.timerMinutes')}
          <input className="narrow" inputMode="decimal" value={timerMinutes} onChange={(e) => setTimerMinutes(e.target.value)} />
        </label>
        <button type="submit">{t('workshops.startTimer')}</button>
        {timer && (
          <>
            {timer.status === 'running' ? (
              <button type="button" onClick={() => run(actions.pauseTimer())}>
                {t('workshops.pause')}
              </button>
            ) : (
              <button type="button" onClick={() => run(actions.resumeTimer())}>
                {t('workshops.resume')}
              </button>
            )}
            <button type="button" onClick={() => run(actions.addMinute())}>
              {t('workshops.addMinute')}
            </button>
            <button type="button" className="link-button" onClick={() => run(actions.clearTimer())}>
              {t('workshops.clearTimer')}
            </button>
          </>
        )}
      </form>
      <FieldError error={error} />
    </div>
  );
});
