// A plan item's panel: every field (title, kind, team, owner, status, dates or horizon, notes),
// its flags (with "Seen" on those of what it waits on directly), what it waits on and what waits on it, and its goals, feedback and
// milestones (ItemLinks.tsx). Every refusal shows under the panel in the language on screen.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HORIZONS, PLAN_KINDS, PLAN_STATUSES, type PlanItemSnapshot, type PlansBoardSnapshot } from '../../../../../shared/model/plans';
import { DraftField } from '../../../components/DraftField';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { SidePanel } from '../../../components/dialog/SidePanel';
import { useApp } from '../../../context';
import type { ActionResult } from '../../../runtime';
import { usePlanActions } from '../actions';
import { dateFieldValue } from '../date-input';
import { flagKey, flagText } from '../labels';
import { ItemLinks } from './ItemLinks';

function DatesForm({ item, readOnly, show }: { item: PlanItemSnapshot; readOnly: boolean; show(result: ActionResult<unknown>): void }) {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const [start, setStart] = useState(item.start ?? '');
  const [end, setEnd] = useState(item.end ?? '');
  const [seen, setSeen] = useState(`${item.start}|${item.end}`);
  const startField = useRef<HTMLInputElement>(null);
  const endField = useRef<HTMLInputElement>(null);
  // Dates moved elsewhere (Alt+arrows, a teammate): the form follows.
  if (seen !== `${item.start}|${item.end}`) {
    setSeen(`${item.start}|${item.end}`);
    setStart(item.start ?? '');
    setEnd(item.end ?? '');
  }
  return (
    <form
      className="form-row"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        show(actions.setDates(item.id, dateFieldValue(startField.current, start), dateFieldValue(endField.current, end)));
      }}
    >
      <label>
        {t('plans.start')}
        <input ref={startField} type="date" value={start} onChange={(e) => setStart(e.target.value)} disabled={readOnly} data-testid="plan-start" />
      </label>
      <label>
        {t('plans.end')}
        <input ref={endField} type="date" value={end} onChange={(e) => setEnd(e.target.value)} disabled={readOnly} data-testid="plan-end" />
      </label>
      {!readOnly && <button type="submit">{t('plans.setDates')}</button>}
      {!readOnly && item.start !== null && <button type="button" onClick={() => show(actions.setDates(item.id, null, null))}>{t('plans.clearDates')}</button>}
    </form>
  );
}

export function ItemPanel({ board, item, readOnly }: { board: PlansBoardSnapshot; item: PlanItemSnapshot; readOnly: boolean }) {
  const { t } = useTranslation();
  const actions = usePlanActions();
  const boardId = useApp((s) => s.activeBoardId) ?? '';
  const members = useApp((s) => s.workspace?.members);
  const [error, setError] = useState<ShownError | null>(null);
  const [dependency, setDependency] = useState('');
  const show = (result: ActionResult<unknown>) => setError(result.ok ? null : result.error);
  const titleOf = (id: string) => board.items.find((i) => i.id === id)?.title ?? '?';
  const close = () => actions.select(null);
  const candidates = board.items.filter((i) => i.id !== item.id && !item.dependsOn.some((d) => d.itemId === i.id));
  return (
    <SidePanel className="plan-panel card" titleId="plan-panel-title" onClose={close} testId="plan-panel" fallbackFocus={() => document.querySelector<HTMLElement>(`[data-opens-item="${CSS.escape(item.id)}"]`)}>
      <div className="detail-head">
        <h2 id="plan-panel-title" tabIndex={-1}>{item.title}</h2>
        <button className="icon-button" onClick={close} aria-label={t('plans.close')}>✕</button>
      </div>
      {item.flags.length > 0 && (
        <ul className="plan-flags" aria-label={t('plans.flagged')} data-testid="plan-flags">
          {item.flags.map((f) => (
            <li key={flagKey(f)} className="banner warning" data-testid="plan-flag">
              <span>⚠ {flagText(f, titleOf, t)}</span>
              {f.reason === 'upstream'
                ? <span className="muted small">{t('plans.upstreamClears', { through: titleOf(f.throughId) })}</span>
                : !readOnly && <button onClick={() => show(actions.acknowledge(boardId, f.depId))} aria-label={t('plans.acknowledgeLabel', { title: titleOf(f.itemId) })}>{t('plans.acknowledge')}</button>}
            </li>
          ))}
        </ul>
      )}
      {item.inCycle && <p className="banner warning" role="status">↻ {t('plans.inCycle')}</p>}
      <div className="detail-fields">
        <label className="span-2">
          {t('plans.itemTitle')}
          <DraftField value={item.title} disabled={readOnly} onCommit={(title) => show(actions.update({ id: item.id, title }))} data-testid="plan-title" />
        </label>
        <label>
          {t('plans.kind')}
          <select value={item.kind} disabled={readOnly} onChange={(e) => show(actions.update({ id: item.id, kind: e.target.value as PlanItemSnapshot['kind'] }))}>
            {PLAN_KINDS.map((k) => <option key={k} value={k}>{t(`plans.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('plans.team')}
          <select value={item.team} disabled={readOnly} onChange={(e) => show(actions.update({ id: item.id, team: e.target.value as PlanItemSnapshot['team'] }))}>
            {(['product', 'operations', 'shared'] as const).map((k) => <option key={k} value={k}>{t(`team.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('plans.owner')}
          <select value={item.ownerId ?? ''} disabled={readOnly} onChange={(e) => show(actions.update({ id: item.id, ownerId: e.target.value || null }))}>
            <option value="">{t('plans.noOwner')}</option>
            {members?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label>
          {t('plans.status')}
          <select value={item.status} disabled={readOnly} onChange={(e) => show(actions.setStatus(item.id, e.target.value as PlanItemSnapshot['status']))} data-testid="plan-status">
            {PLAN_STATUSES.map((s) => <option key={s} value={s}>{t(`plans.statuses.${s}`)}</option>)}
          </select>
        </label>
        {item.start === null && (
          <label>
            {t('plans.horizon')}
            <select value={item.horizon ?? 'later'} disabled={readOnly} onChange={(e) => show(actions.setHorizon(item.id, e.target.value as (typeof HORIZONS)[number]))}>
              {HORIZONS.map((h) => <option key={h} value={h}>{t(`plans.horizons.${h}`)}</option>)}
            </select>
          </label>
        )}
      </div>
      {item.launchedOn && <p className="muted small" data-testid="plan-launched">{t('plans.launchedOn', { date: item.launchedOn })}</p>}
      <section className="detail-section" aria-labelledby="plan-dates-heading">
        <h3 id="plan-dates-heading">{t('plans.dates')}</h3>
        <DatesForm key={item.id} item={item} readOnly={readOnly} show={show} />
      </section>
      <FieldError error={error} />
      <section className="detail-section" aria-labelledby="plan-deps-heading">
        <h3 id="plan-deps-heading">{t('plans.dependsOn')}</h3>
        {item.dependsOn.length === 0 && <p className="muted small">{t('plans.noDependencies')}</p>}
        <ul>
          {item.dependsOn.map((d) => (
            <li key={d.depId} data-testid="plan-dependency">
              <button className="link-button" onClick={() => actions.select(d.itemId)}>{titleOf(d.itemId)}</button>
              {!readOnly && <button className="icon-button small" onClick={() => show(actions.removeDependency(d.depId))} aria-label={t('plans.remove', { title: titleOf(d.itemId) })}>✕</button>}
            </li>
          ))}
        </ul>
        {!readOnly && (
          <form className="form-row" onSubmit={(e) => { e.preventDefault(); if (dependency) { const r = actions.addDependency(item.id, dependency); show(r); if (r.ok) setDependency(''); } }}>
            <select value={dependency} onChange={(e) => setDependency(e.target.value)} aria-label={t('plans.dependsOn')} data-testid="plan-dependency-picker">
              <option value="">{t('plans.choose')}</option>
              {candidates.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </select>
            <button type="submit" disabled={!dependency}>{t('plans.addDependency')}</button>
          </form>
        )}
        {item.dependents.length > 0 && (
          <>
            <h4>{t('plans.dependents')}</h4>
            <ul>{item.dependents.map((id) => <li key={id}><button className="link-button" onClick={() => actions.select(id)}>{titleOf(id)}</button></li>)}</ul>
          </>
        )}
      </section>
      <ItemLinks item={item} readOnly={readOnly} show={show} />
      <section className="detail-section" aria-labelledby="plan-notes-heading">
        <h3 id="plan-notes-heading">{t('plans.notes')}</h3>
        <DraftField value={item.notes} multiline rows={4} disabled={readOnly} onCommit={(text) => show(actions.editNotes(item.id, text))} aria-labelledby="plan-notes-heading" />
      </section>
      {!readOnly && <button className="danger" onClick={() => show(actions.remove(item.id, item.title))}>{t('plans.deleteItem')}</button>}
    </SidePanel>
  );
}
