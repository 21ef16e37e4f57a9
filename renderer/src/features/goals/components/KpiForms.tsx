// The forms under a goal: add a KPI, and check in a KPI's value for a date. Values are
// parsed as people type them ("1,200", "3,5"); anything else is refused with a message.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiSnapshot } from '../../../../../shared/model/goals/read';
import type { KpiUnit } from '../../../../../shared/model/goals/kpis';
import { useApp, useRuntime } from '../../../context';
import { parseNumberInput } from '../../../i18n/i18n';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { PresenceField } from '../../../components/presence/PresenceField';

export function CheckInForm({ kpi }: { kpi: KpiSnapshot }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const today = useApp((s) => s.today);
  const [value, setValue] = useState('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = runtime.goals.addCheckIn({ kpiId: kpi.id, value: parseNumberInput(value), date, note });
    if (!result.ok) return setError(result.error);
    setError(null);
    setValue('');
    setNote('');
  }
  const errorId = `checkin-error-${kpi.id}`;
  return (
    <form className="check-in-form" onSubmit={submit} noValidate aria-label={`${t('detail.checkIn')}: ${kpi.name}`}>
      <PresenceField itemId={kpi.goalId} field={`${kpi.id}.value`}>
        {t('detail.value')}
        {kpi.unit === 'boolean' ? (
          <select name="value" value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">—</option>
            <option value="1">{t('yesNo.yes')}</option>
            <option value="0">{t('yesNo.no')}</option>
          </select>
        ) : (
          <input name="value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error?.field === 'value'} aria-describedby={error ? errorId : undefined} />
        )}
      </PresenceField>
      <PresenceField itemId={kpi.goalId} field={`${kpi.id}.date`}>
        {t('detail.date')}
        <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </PresenceField>
      <PresenceField itemId={kpi.goalId} field={`${kpi.id}.note`} className="grow">
        {t('detail.note')}
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </PresenceField>
      <button type="submit">{t('detail.checkIn')}</button>
      <FieldError error={error} id={errorId} />
    </form>
  );
}

export function KpiForm({ goalId, onDone }: { goalId: string; onDone(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState<KpiUnit>('number');
  const [direction, setDirection] = useState<'increase' | 'decrease'>('increase');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = runtime.goals.addKpi({ goalId, name, unit, direction, baseline: parseNumberInput(baseline), target: parseNumberInput(target) });
    if (!result.ok) return setError(result.error);
    onDone();
  }
  return (
    <form className="kpi-form card" onSubmit={submit} noValidate aria-label={t('detail.addKpi')}>
      <PresenceField itemId={goalId} field="newKpi.name">
        {t('detail.kpiName')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('detail.kpiNamePlaceholder')} autoFocus />
      </PresenceField>
      <div className="row">
        <PresenceField itemId={goalId} field="newKpi.unit">
          {t('detail.unit')}
          <select name="unit" value={unit} onChange={(e) => setUnit(e.target.value as KpiUnit)}>
            {(['number', 'percent', 'currency', 'boolean'] as const).map((u) => (
              <option key={u} value={u}>
                {t(`units.${u}`)}
              </option>
            ))}
          </select>
        </PresenceField>
        <PresenceField itemId={goalId} field="newKpi.direction">
          {t('detail.direction')}
          <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value as 'increase' | 'decrease')}>
            <option value="increase">{t('detail.increase')}</option>
            <option value="decrease">{t('detail.decrease')}</option>
          </select>
        </PresenceField>
        <BaselineTarget goalId={goalId} fieldPrefix="newKpi" baseline={baseline} target={target} onBaseline={setBaseline} onTarget={setTarget} />
      </div>
      <FormEnd error={error} onCancel={onDone} submit={t('detail.addKpi')} />
    </form>
  );
}

/** Edits a KPI's name, baseline and target; a target changed on two laptops while apart is offered for review. */
export function KpiEditForm({ kpi, onDone }: { kpi: KpiSnapshot; onDone(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const shown = (v: number) => new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 10 }).format(v);
  const [name, setName] = useState(kpi.name);
  const [baseline, setBaseline] = useState(shown(kpi.baseline));
  const [target, setTarget] = useState(shown(kpi.target));
  const [error, setError] = useState<ShownError | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const patch = { id: kpi.id, name, baseline: parseNumberInput(baseline), target: parseNumberInput(target) };
    const result = runtime.goals.updateKpi(patch);
    if (!result.ok) return setError(result.error);
    onDone();
  }
  return (
    <form className="kpi-form card" onSubmit={submit} noValidate aria-label={t('detail.editKpi', { name: kpi.name })} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone())}>
      <PresenceField itemId={kpi.goalId} field={`${kpi.id}.name`}>
        {t('detail.kpiName')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </PresenceField>
      <div className="row">
        <BaselineTarget goalId={kpi.goalId} fieldPrefix={kpi.id} baseline={baseline} target={target} onBaseline={setBaseline} onTarget={setTarget} />
      </div>
      <FormEnd error={error} onCancel={onDone} submit={t('detail.saveKpi')} />
    </form>
  );
}

/** A KPI's baseline and target inputs, with the presence ring of whoever else edits them. */
function BaselineTarget(props: { goalId: string; fieldPrefix: string; baseline: string; target: string; onBaseline(value: string): void; onTarget(value: string): void }) {
  const { t } = useTranslation();
  return (
    <>
      <PresenceField itemId={props.goalId} field={`${props.fieldPrefix}.baseline`}>
        {t('detail.baseline')}
        <input name="baseline" inputMode="decimal" value={props.baseline} onChange={(e) => props.onBaseline(e.target.value)} />
      </PresenceField>
      <PresenceField itemId={props.goalId} field={`${props.fieldPrefix}.target`}>
        {t('detail.target')}
        <input name="target" inputMode="decimal" value={props.target} onChange={(e) => props.onTarget(e.target.value)} />
      </PresenceField>
    </>
  );
}

/** A KPI form's error line and its Cancel / submit buttons. */
function FormEnd({ error, onCancel, submit }: { error: ShownError | null; onCancel(): void; submit: string }) {
  const { t } = useTranslation();
  return (
    <>
      <FieldError error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('goalForm.cancel')}
        </button>
        <button type="submit" className="primary">
          {submit}
        </button>
      </div>
    </>
  );
}
