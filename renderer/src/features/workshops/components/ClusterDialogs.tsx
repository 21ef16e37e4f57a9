// The forms about clusters: naming a new group (or renaming one), moving notes to a cluster from
// the keyboard, and choosing the board a cluster is promoted to.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterSnapshot } from '../../../../../shared/model/workshops/read';
import type { ActionResult } from '../../../runtime';
import { useApp } from '../../../context';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { BOARD_FEATURES } from '../../kinds';
import { Dialog } from '../../../components/dialog/Dialog';

/** Asks for a cluster title; `submit` groups or renames. */
export function ClusterTitleDialog({ initial, heading, onSubmit, onClose }: { initial: string; heading: string; onSubmit(title: string): ActionResult<unknown>; onClose(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<ShownError | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = onSubmit(title);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={heading} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label>
          {t('workshops.clusterTitle')}
          <input value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
        </label>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('workshops.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Move to cluster": every cluster, no cluster, or a new one; the keyboard path for clustering. */
export function MoveToClusterDialog({ clusters, current, onMove, onNewCluster, onClose }: { clusters: readonly ClusterSnapshot[]; current: string | null; onMove(clusterId: string | null): ActionResult; onNewCluster(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ShownError | null>(null);
  const move = (clusterId: string | null) => {
    const result = onMove(clusterId);
    if (!result.ok) return setError(result.error);
    onClose();
  };
  return (
    <Dialog title={t('workshops.moveToCluster')} onClose={onClose}>
      <ul className="cluster-choices">
        {clusters.map((c) => (
          <li key={c.id}>
            <button type="button" aria-current={c.id === current ? 'true' : undefined} onClick={() => move(c.id)}>
              {c.title}
            </button>
          </li>
        ))}
        <li>
          <button type="button" aria-current={current === null ? 'true' : undefined} onClick={() => move(null)}>
            {t('workshops.noCluster')}
          </button>
        </li>
        <li>
          <button type="button" onClick={onNewCluster}>
            + {t('workshops.newCluster')}
          </button>
        </li>
      </ul>
      <FieldError error={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('item.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

/** Chooses a board of a kind that takes promoted clusters (feedback boards). */
export function PromoteDialog({ cluster, onPromote, onClose }: { cluster: ClusterSnapshot; onPromote(boardId: string): Promise<ActionResult<unknown>>; onClose(): void }) {
  const { t } = useTranslation();
  const boards = useApp((s) => s.workspace?.boards) ?? [];
  const targets = boards.filter((b) => !b.archived && BOARD_FEATURES[b.kind].intake);
  const [boardId, setBoardId] = useState(targets[0]?.id ?? '');
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await onPromote(boardId);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  }
  return (
    <Dialog title={t('workshops.promoteTitle', { title: cluster.title })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {targets.length === 0 ? (
          <p>{t('workshops.noFeedbackBoards')}</p>
        ) : (
          <label>
            {t('workshops.promoteTo')}
            <select value={boardId} autoFocus onChange={(e) => setBoardId(e.target.value)}>
              {targets.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="muted small">{t('workshops.promoteHint', { count: cluster.noteIds.length })}</p>
        <FieldError error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || targets.length === 0}>
            {t('workshops.promote')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
