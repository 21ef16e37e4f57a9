// The Network view's company relay: whether this laptop syncs through one, its state in the
// person's words (connected, still trying, refused and why, boards catching up, data refused),
// and a form to set, change or stop using it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RelayStatus } from '../../../shared/api/network';
import { useApp, useRuntime } from '../context';
import { FieldError, type ShownError } from './FieldError';

function RelayState({ relay }: { relay: RelayStatus }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const refused = Object.values(relay.refusedBlobs).reduce((sum, n) => sum + n, 0);
  return (
    <div className="relay-state" data-testid="relay-state">
      {relay.refusal ? (
        <p className="banner warning" role="status">{t(`relay.refusal.${relay.refusal}`)}</p>
      ) : relay.connected ? (
        <p className="relay-connected">
          <span aria-hidden="true">● </span>
          {t('relay.connected', { url: relay.url })}
        </p>
      ) : (
        <p>{t('relay.connecting', { url: relay.url })}</p>
      )}
      {relay.urls.length > 1 && <p className="muted small">{t('relay.nodes', { urls: relay.urls.join(', ') })}</p>}
      {relay.lastExchangeAt !== null && (
        <p className="muted small">{t('relay.lastExchange', { time: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(relay.lastExchangeAt)) })}</p>
      )}
      {relay.connected && relay.diskFull && (
        <p className="banner warning" role="status">
          {t('relay.diskFull')}
        </p>
      )}
      {relay.connected && relay.docsPending > 0 && <p className="muted small">{t('relay.docsPending', { count: relay.docsPending })}</p>}
      {refused > 0 && <p className="banner warning">{t('relay.refusedBlobs', { count: refused })}</p>}
    </div>
  );
}

export function RelaySection() {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const relay = useApp((s) => s.network?.relay ?? null);
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function save(next: string | null) {
    setDone(null);
    const result = await runtime.network.setRelay(next);
    if (!result.ok) return setError(result.error);
    setError(null);
    setEditing(false);
    setUrl('');
    setDone(next === null ? t('relay.removed') : t('relay.saved', { url: next.trim().split(/[\s,]+/).join(', ') }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(url);
  }

  return (
    <section className="relay-section" aria-labelledby="relay-title">
      <h3 id="relay-title">{t('relay.title')}</h3>
      <p className="muted small">{t('relay.intro')}</p>
      {relay ? <RelayState relay={relay} /> : <p>{t('relay.none')}</p>}
      {editing || !relay ? (
        <form className="add-peer" onSubmit={submit} noValidate aria-label={t('relay.title')}>
          <label>
            {t('relay.address')}
            <input name="relayUrl" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('relay.placeholder')} aria-invalid={!!error} aria-describedby="relay-address-hint" />
          </label>
          <p id="relay-address-hint" className="muted small">
            {t('relay.addressHint')}
          </p>
          <button type="submit">{t('relay.add')}</button>
          <FieldError error={error} />
        </form>
      ) : (
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setUrl(relay.urls.join(', '));
              setEditing(true);
            }}
          >
            {t('relay.change')}
          </button>
          <button type="button" onClick={() => void save(null)}>
            {t('relay.remove')}
          </button>
        </div>
      )}
      {done && <p role="status">{done}</p>}
    </section>
  );
}
