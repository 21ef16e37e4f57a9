// Where the sample data says what it is and how to be rid of it: a notice above a board that
// holds sample data (the sample feedback board, a Goals board with sample goals), and the
// "Sample data" part of Settings. One button removes all of it, at any later time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';
import type { AppState } from '../state/store';

/** Whether board `boardId` holds sample data: it is the sample's board, or sample goals are on it. */
function boardHoldsSample(s: AppState, boardId: string | null): boolean {
  if (!boardId) return false;
  const ref = s.workspace?.boards.find((b) => b.id === boardId);
  if (!ref || ref.archived) return false;
  return ref.sample || (s.goalsBoards[boardId]?.goals.some((g) => g.sample) ?? false);
}

/** Whether any board of the workspace holds sample data. */
export function useHasSample(): boolean {
  return useApp((s) => (s.workspace?.boards ?? []).some((b) => boardHoldsSample(s, b.id)));
}

function RemoveSampleButton() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void runtime.sample.remove().finally(() => setBusy(false));
      }}
    >
      {t('sample.remove')}
    </button>
  );
}

/** The notice above an open board that holds sample data. */
export function SampleNotice() {
  const { t } = useTranslation();
  const shown = useApp((s) => s.mainView !== 'settings' && !s.workspace?.readOnly && boardHoldsSample(s, s.activeBoardId));
  if (!shown) return null;
  return (
    <div className="banner info sample-notice" data-testid="sample-notice">
      <span>{t('sample.notice')}</span> <RemoveSampleButton />
    </div>
  );
}

/** Settings' sample data part: remove it when there is some, try it when there is none. */
export function SampleSettings() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const hasSample = useHasSample();
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  if (readOnly) return null;
  return (
    <div className="settings-actions" data-testid="sample-settings">
      {hasSample ? (
        <RemoveSampleButton />
      ) : (
        <button type="button" onClick={() => void runtime.sample.add()}>
          {t('sample.try')}
        </button>
      )}
    </div>
  );
}
