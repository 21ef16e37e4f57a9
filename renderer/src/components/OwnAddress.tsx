// The top line of the Network view: the address a teammate types to add this laptop, with a
// copy button, so nobody has to read it out of the diagnostics.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../context';
import { teammateAddress } from '../network/own-address';

export function OwnAddress() {
  const { t } = useTranslation();
  const address = useApp((s) => teammateAddress(s.network));
  const [copied, setCopied] = useState<string | null>(null);
  if (!address) return null;

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(value);
    } catch {
      // No clipboard permission: the address stays on screen to select by hand.
    }
  }

  return (
    <div className="banner info own-address">
      <p data-testid="own-address">
        {t('network.ownAddress')} <span className="mono">{address}</span>
      </p>
      <button type="button" onClick={() => void copy(address)} aria-label={t('network.copyAddress', { address })}>
        {t('network.copy')}
      </button>
      <span role="status" className="small">
        {copied === address ? t('network.addressCopied') : ''}
      </span>
    </div>
  );
}
