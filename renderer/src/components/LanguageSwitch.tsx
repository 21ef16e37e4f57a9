// English ⇄ 简体中文; the choice persists (in the shell's settings or this browser).
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/api/bridge';
import { useApp, useRuntime } from '../context';

export function LanguageSwitch() {
  const runtime = useRuntime();
  const locale = useApp((s) => s.locale);
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('sidebar.language')}</span>
      <select aria-label={t('sidebar.language')} value={locale} onChange={(e) => runtime.setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
