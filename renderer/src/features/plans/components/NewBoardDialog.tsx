// Creating a plan board: just its name (it starts empty, with a button to add the first item).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { usePlanActions } from '../actions';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const actions = usePlanActions();
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('plans.defaultName'));
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
    <Dialog title={t('plans.newBoardTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted small">{t('plans.newBoardHint')}</p>
        <label>
          {t('plans.boardName')}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>{t('plans.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('plans.create')}</button>
        </div>
      </form>
    </Dialog>
  );
}
