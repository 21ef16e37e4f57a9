// Creating a meetings board: just its name (it starts empty, with a button to plan a meeting).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useMeetingActions } from '../actions';
import { Dialog } from '../../../components/dialog/Dialog';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const actions = useMeetingActions();
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('meetings.defaultName'));
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await actions.createBoard(name);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={t('meetings.newBoardTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label>
          {t('meetings.boardName')}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>{t('meetings.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('meetings.create')}</button>
        </div>
      </form>
    </Dialog>
  );
}
