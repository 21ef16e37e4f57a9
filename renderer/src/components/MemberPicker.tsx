// "Which member are you?": after joining as someone already in the workspace (from another
// laptop), the person picks themselves from the member list once it has arrived.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../context';
import { Dialog } from './dialog/Dialog';
import { FieldError, type ShownError } from './FieldError';

export function MemberPicker() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const members = useApp(useShallow((s) => s.workspace?.members ?? []));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  if (members.length === 0) return null;

  async function choose(memberId: string) {
    setBusy(true);
    const result = await runtime.network.chooseMember(memberId);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <Dialog title={t('join.whoTitle')} onClose={() => runtime.store.setState({ choosingMember: false })} busy={busy}>
      <p className="muted">{t('join.whoHint')}</p>
      <ul className="member-list member-picker">
        {members.map((m) => (
          <li key={m.id}>
            <button type="button" onClick={() => void choose(m.id)} disabled={busy}>
              <span className="avatar" style={{ background: m.colour }} aria-hidden="true">
                {m.name.slice(0, 1).toUpperCase()}
              </span>{' '}
              {m.name} <span className="muted small">{t(`teamShort.${m.team}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <FieldError error={error} />
    </Dialog>
  );
}
