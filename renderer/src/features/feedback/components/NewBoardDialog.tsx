// Creating a feedback board from a template: user feedback, internal feedback, or blank.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackSource } from '../../../../../shared/model/feedback/schema';
import { useRuntime } from '../../../context';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [source, setSource] = useState<FeedbackSource>('user');
  const [name, setName] = useState(() => t('feedback.defaultName.user'));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await runtime.feedback.createBoard(name, source);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={t('feedback.newBoardTitle')} onClose={onClose} busy={busy}>
      <form onSubmit={submit} noValidate>
        <fieldset className="templates">
          <legend>{t('feedback.template')}</legend>
          {(['user', 'internal', 'blank'] as const).map((s) => (
            <label key={s} className="radio template">
              <input
                type="radio"
                name="template"
                value={s}
                checked={source === s}
                onChange={() => {
                  setSource(s);
                  if (!touched) setName(t(`feedback.defaultName.${s}`));
                }}
              />
              <span>
                <strong>{t(`feedback.templates.${s}`)}</strong>
                <span className="muted small"> — {t(`feedback.templates.${s}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('feedback.boardName')}
          <input
            value={name}
            autoFocus
            onChange={(e) => {
              setTouched(true);
              setName(e.target.value);
            }}
          />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('feedback.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
