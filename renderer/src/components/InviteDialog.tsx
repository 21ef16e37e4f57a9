// The "Invite teammates" dialog: the invite code with a copy button, the `tandem://join` link
// and its QR code; and rotating the workspace secret, after a confirmation that says every
// teammate must then be re-invited with the new code.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { InviteResult } from '../../../shared/api/network';
import { decodeInvite } from '../../../shared/lan/invite';
import { useRuntime } from '../context';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

/** The link as a QR code, as an SVG data URL (the CSP allows `data:` images). */
function useQrCode(text: string | null): string | null {
  const [qr, setQr] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => live && setQr({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [text]);
  return qr && qr.text === text ? qr.url : null;
}

/** What the invite carries besides the secret: this laptop's addresses, and the company relay's. */
function carried(code: string): { addresses: number; relays: readonly string[] } {
  try {
    const invite = decodeInvite(code);
    return { addresses: invite.addresses.length, relays: invite.relays };
  } catch {
    return { addresses: 0, relays: [] };
  }
}

export function InviteDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [invite, setInvite] = useState<InviteResult | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [copied, setCopied] = useState(false);
  const [step, setStep] = useState<'show' | 'confirm-rotate' | 'rotated'>('show');
  const [busy, setBusy] = useState(false);
  const qr = useQrCode(invite?.link ?? null);

  useEffect(() => {
    let live = true;
    void runtime.network.getInvite().then((result) => {
      if (!live) return;
      if (result.ok) setInvite(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [runtime]);

  async function copy() {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.code);
      setCopied(true);
    } catch {
      // No clipboard permission: the code stays selectable in the field.
    }
  }

  async function rotate() {
    setBusy(true);
    const result = await runtime.network.rotateSecret();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setInvite(result.value);
    setCopied(false);
    setStep('rotated');
  }

  if (step === 'confirm-rotate') {
    return (
      <Dialog title={t('invite.rotateTitle')} onClose={() => setStep('show')} busy={busy}>
        <p>{t('invite.rotateWarning')}</p>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={() => setStep('show')} disabled={busy}>
            {t('join.cancel')}
          </button>
          <button type="button" className="danger" onClick={() => void rotate()} disabled={busy}>
            {t('invite.rotateConfirm')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('invite.title')} onClose={onClose} busy={busy}>
      {step === 'rotated' && (
        <p className="banner info" role="status">
          {t('invite.rotated')}
        </p>
      )}
      <p className="muted">{t('invite.intro')}</p>
      <FieldError error={error} />
      {!invite && !error && <p role="status">{t('invite.loading')}</p>}
      {invite && (
        <div className="invite-body">
          <label>
            {t('invite.code')}
            <textarea className="invite-code" data-testid="invite-code" readOnly rows={3} value={invite.code} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => void copy()}>
            {copied ? t('invite.copied') : t('invite.copy')}
          </button>
          <label>
            {t('invite.link')}
            <input className="invite-link" data-testid="invite-link" readOnly value={invite.link} onFocus={(e) => e.currentTarget.select()} />
          </label>
          {qr && <img className="invite-qr" src={qr} alt={t('invite.qr')} width={200} height={200} />}
          {carried(invite.code).addresses === 0 && <p className="muted small">{t('invite.noAddresses')}</p>}
          {carried(invite.code).relays.length > 0 && <p className="muted small">{t('invite.withRelay', { urls: carried(invite.code).relays.join(', ') })}</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => setStep('confirm-rotate')} disabled={!invite}>
          {t('invite.rotate')}
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {t('invite.close')}
        </button>
      </div>
    </Dialog>
  );
}
