// A select of the goals and feedback items a meeting's decision or action item may link to.
import { useTranslation } from 'react-i18next';
import type { LinkInput } from '../../../../../shared/model/meetings/schema';
import { useMeetingLinkTargets } from './link-targets';

export function LinkPicker({ label, exclude, onPick }: { label: string; exclude?: ReadonlySet<string>; onPick(link: LinkInput | null): void }) {
  const { t } = useTranslation();
  const { goals, feedback, byKey } = useMeetingLinkTargets();
  const keep = (key: string) => !exclude?.has(key);
  return (
    <label>
      {label}
      <select value="" onChange={(e) => onPick(byKey.get(e.target.value)?.link ?? null)} data-testid="link-picker">
        <option value="">{t('meetings.chooseLink')}</option>
        <optgroup label={t('meetings.goalsGroup')}>
          {goals.filter((g) => keep(g.key)).map((g) => <option key={g.key} value={g.key}>{g.title}</option>)}
        </optgroup>
        <optgroup label={t('meetings.feedbackGroup')}>
          {feedback.filter((f) => keep(f.key)).map((f) => <option key={f.key} value={f.key}>{f.title}</option>)}
        </optgroup>
      </select>
    </label>
  );
}
