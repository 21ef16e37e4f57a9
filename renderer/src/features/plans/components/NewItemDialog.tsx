// A new plan item: title, kind, team, owner, and either dates or a horizon. All by keyboard: the
// title has focus, Enter creates; a refused field says why in the language on screen.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HORIZONS, PLAN_KINDS, type Horizon, type PlanKind } from '../../../../../shared/model/plans';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useApp } from '../../../context';
import { usePlanActions } from '../actions';
import { dateFieldValue } from '../date-input';

type Team = 'product' | 'operations' | 'shared';

export function NewItemDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const me = useApp((s) => s.identity?.memberId ?? null);
  const myTeam = useApp((s) => s.workspace?.members.find((m) => m.id === s.identity?.memberId)?.team ?? 'shared');
  const members = useApp((s) => s.workspace?.members);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PlanKind>('release');
  const [team, setTeam] = useState<Team>(myTeam as Team);
  const [ownerId, setOwnerId] = useState<string | null>(me);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [horizon, setHorizon] = useState<Horizon>('next');
  const [error, setError] = useState<ShownError | null>(null);
  const startField = useRef<HTMLInputElement>(null);
  const endField = useRef<HTMLInputElement>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const startValue = dateFieldValue(startField.current, start);
    const endValue = dateFieldValue(endField.current, end);
    const dated = startValue !== '' || endValue !== '';
    const result = actions.create({ title, kind, team, ownerId, start: dated ? startValue : null, end: dated ? endValue : null, horizon: dated ? null : horizon });
    if (!result.ok) return setError(result.error);
    actions.select(result.value);
    onClose();
  }
  return (
    <Dialog title={t('plans.newItemTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="new-plan-item">
        <label>
          {t('plans.itemTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus aria-invalid={error?.field === 'title' || undefined} />
        </label>
        <div className="form-row">
          <label>
            {t('plans.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as PlanKind)}>
              {PLAN_KINDS.map((k) => <option key={k} value={k}>{t(`plans.kinds.${k}`)}</option>)}
            </select>
          </label>
          <label>
            {t('plans.team')}
            <select value={team} onChange={(e) => setTeam(e.target.value as Team)}>
              {(['product', 'operations', 'shared'] as const).map((k) => <option key={k} value={k}>{t(`team.${k}`)}</option>)}
            </select>
          </label>
          <label>
            {t('plans.owner')}
            <select value={ownerId ?? ''} onChange={(e) => setOwnerId(e.target.value || null)}>
              <option value="">{t('plans.noOwner')}</option>
              {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
        </div>
        <div className="form-row">
          <label>
            {t('plans.start')}
            <input ref={startField} type="date" value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={error?.field === 'start' || undefined} />
          </label>
          <label>
            {t('plans.end')}
            <input ref={endField} type="date" value={end} onChange={(e) => setEnd(e.target.value)} aria-invalid={error?.field === 'end' || undefined} />
          </label>
          <label>
            {t('plans.horizon')}
            <select value={horizon} onChange={(e) => setHorizon(e.target.value as Horizon)} disabled={start !== '' || end !== ''}>
              {HORIZONS.map((h) => <option key={h} value={h}>{t(`plans.horizons.${h}`)}</option>)}
            </select>
          </label>
        </div>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>{t('plans.cancel')}</button>
          <button type="submit" className="primary">{t('plans.create')}</button>
        </div>
      </form>
    </Dialog>
  );
}
