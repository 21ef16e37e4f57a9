// A labelled progress bar (0–100 %), or "No data" before the first check-in, and a goal's status
// pill: shared by the goals board and by whatever links to a goal (a feedback item's goals).
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n/i18n';
import { useApp } from '../context';

export function ProgressBar({ progress, label }: { progress: number | null; label: string }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  if (progress === null)
    return (
      <span className="progress empty" aria-label={`${label}: ${t('goals.noProgress')}`}>
        <span className="progress-text">{t('goals.noProgress')}</span>
      </span>
    );
  const percent = Math.round(progress * 100);
  return (
    <span className="progress">
      <span className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={formatPercent(progress, locale)}>
        <span className="progress-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="progress-text" data-testid="progress-text">{formatPercent(progress, locale)}</span>
    </span>
  );
}

export function StatusPill({ status }: { status: 'on-track' | 'at-risk' | 'off-track' | null }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill status-${status ?? 'none'}`} data-testid="goal-status">
      {t(`status.${status ?? 'none'}`)}
    </span>
  );
}
