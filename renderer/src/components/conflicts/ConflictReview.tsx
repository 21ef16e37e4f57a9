// The conflict review dialog: every field changed on two laptops while apart, on every open
// board, with each version side by side (value, author, time, what it replaced) and a
// "Keep this" button per version. Keeping one syncs, so the conflict goes away everywhere.
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldConflict } from '../../../../shared/model/conflicts';
import { useApp, useRuntime } from '../../context';
import { Dialog } from '../dialog/Dialog';
import { FieldError, type ShownError } from '../FieldError';
import { conflictBoard, conflictSubject, conflictValue, writtenAt } from './conflict-labels';
import { boardName as nameOfBoard } from '../../boards/board-name';

/** How many fields are in conflict on every open board. */
function useConflictCount(): number {
  return useApp((s) => Object.values(s.conflicts).reduce((n, snapshot) => n + snapshot.list.length, 0));
}

function ConflictField({ boardId, conflict, onDone }: { boardId: string; conflict: FieldConflict; onDone(error: ShownError | null): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const members = useApp((s) => s.workspace?.members);
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const board = useApp((s) => s.workspace?.boards.find((b) => b.id === boardId));
  const boardName = board ? nameOfBoard(board, t) : '';
  const ctx = useApp((s) => conflictBoard(s, boardId, conflict));
  const subject = conflictSubject(ctx, conflict, t);
  if (subject === null) return null;
  const headingId = `conflict-${conflict.key}`;
  return (
    <section className="conflict-field card" aria-labelledby={headingId} data-testid="conflict-field">
      <h3 id={headingId}>
        {subject} · {t(`conflicts.fields.${conflict.field}`)} <span className="muted small">{t('conflicts.onBoard', { board: boardName })}</span>
      </h3>
      <ul className="conflict-versions">
        {conflict.versions.map((v) => {
          const name = members?.find((m) => m.id === v.by)?.name ?? t('conflicts.someone');
          const value = conflictValue(ctx, conflict, v.value, t, locale);
          const time = writtenAt(v.at, locale);
          return (
            <li key={v.id} className="conflict-version" data-testid="conflict-version">
              <strong className="conflict-value">{value}</strong>
              <span>{t('conflicts.by', { name })}</span>
              <time className="muted small" dateTime={new Date(v.at).toISOString()} title={time.absolute}>
                {time.relative}
              </time>
              {v.prev !== v.value && <span className="muted small">{t('conflicts.replaced', { value: conflictValue(ctx, conflict, v.prev, t, locale) })}</span>}
              {v.value === conflict.current && <span className="small showing">{t('conflicts.showing')}</span>}
              {!readOnly && (
                <button
                  type="button"
                  aria-label={t('conflicts.keepLabel', { value, name })}
                  onClick={() => {
                    const result = runtime.conflicts.keep(boardId, conflict, v.id);
                    onDone(result.ok ? null : result.error);
                  }}
                >
                  {t('conflicts.keep')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ConflictReviewDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const conflicts = useApp((s) => s.conflicts);
  const [error, setError] = useState<ShownError | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  // The chosen version's button goes away with its conflict: keep the focus in the dialog.
  const onDone = (next: ShownError | null) => {
    setError(next);
    if (!next) closeRef.current?.focus();
  };
  const boards = Object.entries(conflicts).filter(([, snapshot]) => snapshot.list.length > 0);
  return (
    <Dialog title={t('conflicts.title')} onClose={onClose} busy={false}>
      <div data-testid="conflict-review" className="conflict-review">
        <p className="muted">{t('conflicts.intro')}</p>
        {boards.length === 0 && <p role="status">{t('conflicts.none')}</p>}
        {boards.map(([boardId, snapshot]) =>
          snapshot.list.map((conflict) => (
            <ConflictField key={`${boardId}:${conflict.key}`} boardId={boardId} conflict={conflict} onDone={onDone} />
          )),
        )}
        <FieldError error={error} />
        <div className="actions">
          <button type="button" ref={closeRef} onClick={onClose} autoFocus>
            {t('conflicts.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * "2 versions" on a goal card, a KPI or a feedback card with a field in conflict; opens the
 * review. Memoised: its card re-rendering for an edit does not re-render it. A card with no
 * conflict (almost all) holds the subscription only: no translation hook, no state.
 */
export const ConflictBadge = memo(function ConflictBadge({ ownerId, entityId }: { ownerId?: string; entityId?: string }) {
  const versions = useApp((s) => {
    const snapshot = s.activeBoardId ? s.conflicts[s.activeBoardId] : undefined;
    let most = 0;
    for (const c of snapshot?.list ?? []) if (c.ownerId === ownerId || c.entityId === entityId) most = Math.max(most, c.versions.length);
    return most;
  });
  return versions === 0 ? null : <ConflictBadgeButton versions={versions} />;
});

function ConflictBadgeButton({ versions }: { versions: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="conflict-badge" data-testid="conflict-badge" title={t('conflicts.badgeLabel')} aria-label={`${t('conflicts.badge', { count: versions })}: ${t('conflicts.badgeLabel')}`} onClick={() => setOpen(true)}>
        ⚠ {t('conflicts.badge', { count: versions })}
      </button>
      {open && <ConflictReviewDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** "Review conflicts (N)" in the top bar, while any board has one. */
export function ReviewConflictsButton() {
  const { t } = useTranslation();
  const count = useConflictCount();
  const [open, setOpen] = useState(false);
  if (count === 0 && !open) return null;
  return (
    <>
      {count > 0 && (
        <button type="button" className="review-conflicts" data-testid="review-conflicts" onClick={() => setOpen(true)}>
          {t('conflicts.review', { count })}
        </button>
      )}
      {open && <ConflictReviewDialog onClose={() => setOpen(false)} />}
    </>
  );
}
