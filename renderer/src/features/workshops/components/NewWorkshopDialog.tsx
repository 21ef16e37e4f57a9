// Creating a workshop board: a name, and the person creating it facilitates.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useWorkshopActions } from '../actions';
import { Dialog } from '../../../components/dialog/Dialog';

export function NewWorkshopDialog({ onClose }: { onClose(): void }) {
  const actions = useWorkshopActions();
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('workshops.defaultName'));
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
    <Dialog title={t('workshops.newBoardTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted small">{t('workshops.newBoardHint')}</p>
        <label>
          {t('workshops.boardName')}
          <input value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('workshops.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
