// The dialog to create or edit a goal. A new goal asks only its title, a first KPI (name, unit,
// target) and owner; "More options" holds description, team, period, parent and confidence.
// Every field is validated by the shared mutation; its translated message appears under the
// field and nothing is saved until it passes.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalSnapshot } from '../../../../../shared/model/goals/read';
import { quarterOf, quarterPeriod, type Period } from '../../../../../shared/model/goals/period';
import type { GoalStatus } from '../../../../../shared/model/goals/progress';
import { KPI_UNITS, type KpiUnit } from '../../../../../shared/model/goals/kpis';
import type { Team } from '../../../../../shared/model/workspace';
import { useApp, useRuntime } from '../../../context';
import { parseNumberInput } from '../../../i18n/i18n';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { PeriodPicker } from './PeriodPicker';
import { selectGoalsBoard } from '../../../state/store';
import { MemberOptions, TeamOptions } from '../../../components/options';

type Form = { mode: 'create' } | { mode: 'edit'; goalId: string };

function currentQuarter(today: string): Period {
  const { year, quarter } = quarterOf(today);
  return quarterPeriod(year, quarter);
}

export function GoalForm({ form }: { form: Form }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const today = useApp((s) => s.today);
  const members = useApp((s) => s.workspace?.members ?? []);
  const myTeam = useApp((s) => s.workspace?.members.find((m) => m.id === s.identity?.memberId)?.team ?? 'shared');
  const myId = useApp((s) => s.identity?.memberId ?? null);
  const goals = useApp((s) => selectGoalsBoard(s)?.goals ?? []);
  const existing: GoalSnapshot | undefined = form.mode === 'edit' ? goals.find((g) => g.id === form.goalId) : undefined;
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [team, setTeam] = useState<Team>(existing?.team ?? myTeam);
  const [ownerId, setOwnerId] = useState<string>(existing ? (existing.ownerId ?? '') : (myId ?? ''));
  const [period, setPeriod] = useState<Period>(existing?.period ?? currentQuarter(today));
  const [parentId, setParentId] = useState(existing?.parentId ?? '');
  const [statusOverride, setStatusOverride] = useState<GoalStatus | ''>(existing?.statusOverride ?? '');
  const [confidence, setConfidence] = useState(existing?.confidence === null || existing?.confidence === undefined ? '' : String(existing.confidence));
  const [kpiName, setKpiName] = useState('');
  const [kpiUnit, setKpiUnit] = useState<KpiUnit>('number');
  const [kpiTarget, setKpiTarget] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const close = () => runtime.store.setState({ goalForm: null });

  function submit(e: FormEvent) {
    e.preventDefault();
    const fields = {
      title,
      description,
      team,
      ownerId: ownerId || null,
      period,
      parentId: parentId || null,
      confidence: confidence.trim() === '' ? null : parseNumberInput(confidence),
    };
    let firstKpi: { name: string; unit: KpiUnit; target: number } | undefined;
    if (!existing && (kpiName.trim() !== '' || kpiTarget.trim() !== '')) {
      const target = parseNumberInput(kpiTarget);
      if (kpiName.trim() === '') return showError({ messageKey: 'errors.required', field: 'kpiName', params: {} });
      if (kpiTarget.trim() === '' || !Number.isFinite(target)) return showError({ messageKey: kpiTarget.trim() === '' ? 'errors.required' : 'errors.notANumber', field: 'kpiTarget', params: {} });
      firstKpi = { name: kpiName, unit: kpiUnit, target };
    }
    const result = existing ? runtime.goals.update({ id: existing.id, ...fields, statusOverride: statusOverride || null }) : runtime.goals.create(fields, firstKpi);
    if (!result.ok) {
      // A refused first KPI names its own fields: `name` and `target` are the KPI's here.
      const kpiField = { name: 'kpiName', target: 'kpiTarget', unit: 'kpiUnit' }[result.error.field ?? ''];
      showError(kpiField ? { ...result.error, field: kpiField } : result.error);
      return;
    }
    close();
  }
  function showError(shown: ShownError & { field?: string }) {
    setError(shown);
    const field = shown.field?.split('.')[0];
    // Fields folded under "More options" are shown before focus goes to them.
    const target = formRef.current?.querySelector(`[name="${field}"]`) as HTMLElement | null;
    const details = target?.closest('details');
    if (details && !details.open) details.open = true;
    target?.focus();
  }
  const errorFor = (field: string) => (error && (error.field ?? '').split('.')[0] === field ? error : null);

  return (
    <Dialog title={existing ? t('goalForm.editTitle') : t('goalForm.createTitle')} onClose={close}>
      <form ref={formRef} onSubmit={submit} noValidate data-presence-item={existing?.id}>
        <label>
          {t('goalForm.title')}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('goalForm.titlePlaceholder')} autoFocus aria-invalid={!!errorFor('title')} />
        </label>
        <FieldError error={errorFor('title')} />
        {!existing && (
          <fieldset className="first-kpi">
            <legend>{t('goalShort.kpiLegend')}</legend>
            <label>
              {t('goalShort.kpiName')}
              <input name="kpiName" value={kpiName} onChange={(e) => setKpiName(e.target.value)} placeholder={t('detail.kpiNamePlaceholder')} aria-invalid={!!errorFor('kpiName')} aria-describedby="first-kpi-hint" />
            </label>
            <label>
              {t('goalShort.kpiUnit')}
              <select name="kpiUnit" value={kpiUnit} onChange={(e) => setKpiUnit(e.target.value as KpiUnit)}>
                {KPI_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`units.${u}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('goalShort.kpiTarget')}
              <input name="kpiTarget" inputMode="decimal" value={kpiTarget} onChange={(e) => setKpiTarget(e.target.value)} aria-invalid={!!errorFor('kpiTarget')} />
            </label>
            <p id="first-kpi-hint" className="muted small">
              {t('goalShort.kpiHint')}
            </p>
          </fieldset>
        )}
        <FieldError error={errorFor('kpiName') ?? errorFor('kpiTarget') ?? errorFor('kpiUnit')} />
        <label>
          {t('goalForm.owner')}
          <select name="ownerId" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('goals.noOwner')}</option>
            <MemberOptions members={members} />
          </select>
        </label>
        <details className="more-options" open={!!existing}>
          <summary>
            {t('goalShort.moreOptions')} <span className="muted small">({t('goalShort.moreOptionsHint')})</span>
          </summary>
        <label>
          {t('goalForm.description')}
          <textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
        </label>
        <FieldError error={errorFor('description')} />
        <div className="row">
          <label>
            {t('goalForm.team')}
            <select name="team" value={team} onChange={(e) => setTeam(e.target.value as Team)}>
              <TeamOptions />
            </select>
          </label>
        </div>
        <PeriodPicker value={period} onChange={setPeriod} />
        <FieldError error={errorFor('period')} />
        <div className="row">
          <label>
            {t('goalForm.parent')}
            <select name="parentId" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t('goalForm.noParent')}</option>
              {goals
                .filter((g) => g.id !== existing?.id)
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('goalForm.confidence')}
            <input name="confidence" inputMode="numeric" value={confidence} onChange={(e) => setConfidence(e.target.value)} aria-invalid={!!errorFor('confidence')} />
          </label>
        </div>
        <FieldError error={errorFor('parentId') ?? errorFor('confidence')} />
        </details>
        {existing && (
          <label>
            {t('goalForm.status')}
            <select name="statusOverride" value={statusOverride} onChange={(e) => setStatusOverride(e.target.value as GoalStatus | '')}>
              <option value="">{t('status.auto', { status: t(`status.${existing.suggestedStatus ?? 'none'}`) })}</option>
              {(['on-track', 'at-risk', 'off-track'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && !['title', 'description', 'period', 'parentId', 'confidence', 'kpiName', 'kpiTarget', 'kpiUnit'].includes((error.field ?? '').split('.')[0] ?? '') && <FieldError error={error} />}
        <div className="actions">
          <button type="button" onClick={close}>
            {t('goalForm.cancel')}
          </button>
          <button type="submit" className="primary">
            {existing ? t('goalForm.save') : t('goalForm.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
