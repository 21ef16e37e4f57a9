// Problems the local peer reported (a damaged file set aside, a failed disk write) and a
// browser cache that had to be rebuilt, in the person's language, each dismissible.
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';

export function Notices() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const notices = useApp((s) => s.notices);
  const cacheRecovered = useApp((s) => s.cacheRecovered);
  if (notices.length === 0 && !cacheRecovered) return <div className="notices" />;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.at} className="banner warning" role="alert">
          <span>{t(`notices.${notice.code}`, { detail: notice.detail ?? '' })}</span>
          <button onClick={() => void runtime.dismissNotice(notice.at)}>{t('notices.dismiss')}</button>
        </div>
      ))}
      {cacheRecovered && (
        <div className="banner info" role="status">
          <span>{t('notices.idbRecovered')}</span>
          <button onClick={() => runtime.store.setState({ cacheRecovered: false })}>{t('notices.dismiss')}</button>
        </div>
      )}
    </div>
  );
}
