// Creating a meetings board: just its name (it starts empty, with a button to plan a meeting).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useMeetingActions } from '../actions';
import { useDialogFocus } from './dialog-focus';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const actions = useMeetingActions();
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('meetings.defaultName'));
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useDialogFocus<HTMLDivElement>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await actions.createBoard(name);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="modal card" role="dialog" aria-modal="true" aria-labelledby="new-meetings-board-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <form onSubmit={submit} noValidate>
          <h2 id="new-meetings-board-title">{t('meetings.newBoardTitle')}</h2>
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
      </div>
    </div>
  );
}
