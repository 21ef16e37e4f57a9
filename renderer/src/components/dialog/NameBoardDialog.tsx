// A new board that needs nothing but its name (plans, meetings, workshops): the name field,
// filled with the kind's default, what the board starts as, and a clear error if it is refused.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type ShownError } from '../FieldError';
import type { ActionResult } from '../../runtime';
import { Dialog } from './Dialog';

export interface NameBoardWords {
  readonly title: string;
  /** What the new board starts as, under the title. */
  readonly hint?: string;
  readonly nameLabel: string;
  readonly defaultName: string;
  readonly create: string;
}

export function NameBoardDialog({ words, create, onClose }: { words: NameBoardWords; create(name: string): Promise<ActionResult<string>>; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(words.defaultName);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await create(name);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={words.title} onClose={onClose} busy={busy}>
      <form onSubmit={submit} noValidate>
        {words.hint && <p className="muted small">{words.hint}</p>}
        <label>
          {words.nameLabel}
          <input value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {words.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
