// "While you were away": once the boards catch up after this laptop was offline, what each
// teammate changed meanwhile, one line per change that opens the goal or item. Dismissable.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AwayChange } from '../../../../shared/model/away';
import { useApp, useRuntime } from '../../context';
import { BOARD_FEATURES } from '../../features/kinds';
import { formatNumber } from '../../i18n/i18n';

const SHOWN_PER_PERSON = 12;
const NOTHING: Readonly<Record<string, never>> = {};

export function AwaySummary() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const awayChanges = useApp((s) => s.awayChanges);
  const members = useApp((s) => s.workspace?.members);
  const boards = useApp((s) => s.workspace?.boards);
  // Every kind's snapshots, for the values each kind words its own way.
  // Only while the summary shows: a teammate's edit does not re-render it otherwise.
  const snapshots = useApp(useShallow((s) => (s.awayChanges ? Object.fromEntries(Object.values(BOARD_FEATURES).map((f) => [f.slice, s[f.slice]])) : NOTHING)));
  const locale = useApp((s) => s.locale);
  if (!awayChanges) return null;
  const byPerson = new Map<string, { boardId: string; change: AwayChange }[]>();
  for (const [boardId, changes] of Object.entries(awayChanges)) {
    for (const change of changes) byPerson.set(change.by, [...(byPerson.get(change.by) ?? []), { boardId, change }]);
  }
  const featureOf = (boardId: string) => {
    const kind = boards?.find((b) => b.id === boardId)?.kind;
    return kind ? BOARD_FEATURES[kind] : undefined;
  };
  const valueOf = (boardId: string, c: AwayChange): string => {
    if (c.value === null) return '';
    const feature = featureOf(boardId);
    const worded = feature?.reviewLabels.awayValue(snapshots[feature.slice]?.[boardId] as never, c, t);
    if (worded !== undefined) return worded;
    return typeof c.value === 'number' ? formatNumber(c.value, locale) : String(c.value);
  };
  const open = (boardId: string, c: AwayChange) =>
    void runtime.openBoard(boardId).then(() => {
      const feature = featureOf(boardId);
      if (feature) runtime.store.setState(feature.search.select(c.targetId));
    });
  return (
    <section className="banner info away-summary" aria-labelledby="away-summary-title" data-testid="away-summary">
      <div>
        <h2 id="away-summary-title">{t('away.title')}</h2>
        <p className="muted small">{t('away.intro')}</p>
        {[...byPerson].map(([memberId, lines]) => (
          <div key={memberId} className="away-person">
            <h3>{members?.find((m) => m.id === memberId)?.name ?? t('conflicts.someone')}</h3>
            <ul>
              {lines.slice(-SHOWN_PER_PERSON).map(({ boardId, change }, i) => (
                <li key={`${boardId}:${change.kind}:${change.targetId}:${i}`} data-testid="away-line">
                  <button type="button" className="link-button" onClick={() => open(boardId, change)}>
                    {t(`away.kinds.${change.kind}`, { title: change.title, value: valueOf(boardId, change), kpi: change.kpiName ?? '' })}
                  </button>{' '}
                  <span className="muted small">{boards?.find((b) => b.id === boardId)?.name}</span>
                </li>
              ))}
            </ul>
            {lines.length > SHOWN_PER_PERSON && <p className="muted small">{t('away.more', { count: lines.length - SHOWN_PER_PERSON })}</p>}
          </div>
        ))}
      </div>
      <button type="button" onClick={() => runtime.away.dismiss()}>
        {t('away.dismiss')}
      </button>
    </section>
  );
}
