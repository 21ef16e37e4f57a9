// Editing a board's columns (statuses) and channels: rename, reorder, add, and remove the
// ones no card uses. Template names stay translated until someone renames them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useRuntime } from '../../../context';
import type { ActionResult } from '../../../runtime';
import { channelLabel, statusLabel } from '../labels';
import { DraftField } from '../../../components/DraftField';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';

interface Row {
  id: string;
  label: string;
  fixed: boolean;
}

function EditableList({ title, rows, addLabel, newLabel, onRename, onMove, onRemove, onAdd }: {
  title: string;
  rows: readonly Row[];
  addLabel: string;
  newLabel: string;
  onRename(id: string, name: string): ActionResult;
  onMove(id: string, toIndex: number): ActionResult;
  onRemove(id: string): ActionResult;
  onAdd(name: string): ActionResult<string>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const show = (result: ActionResult<unknown>) => setError(result.ok ? null : result.error);
  function add(e: FormEvent) {
    e.preventDefault();
    const result = onAdd(name);
    show(result);
    if (result.ok) setName('');
  }
  return (
    <section className="detail-section" aria-label={title}>
      <h3>{title}</h3>
      <ol className="settings-list">
        {rows.map((row, index) => (
          <li key={row.id}>
            <DraftField aria-label={t('feedback.renameField', { name: row.label })} value={row.label} disabled={row.fixed} onCommit={(value) => show(onRename(row.id, value))} />
            <button className="icon-button" aria-label={t('feedback.moveUp', { name: row.label })} disabled={index === 0} onClick={() => show(onMove(row.id, index - 1))}>
              ↑
            </button>
            <button className="icon-button" aria-label={t('feedback.moveDown', { name: row.label })} disabled={index === rows.length - 1} onClick={() => show(onMove(row.id, index + 1))}>
              ↓
            </button>
            {!row.fixed && (
              <button className="link-button danger small" onClick={() => show(onRemove(row.id))}>
                {t('feedback.remove', { name: row.label })}
              </button>
            )}
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={add}>
        <label className="grow">
          {newLabel}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">{addLabel}</button>
      </form>
      <FieldError error={error} />
    </section>
  );
}

export function BoardSettingsDialog({ board, onClose }: { board: FeedbackBoardSnapshot; onClose(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const f = runtime.feedback;
  return (
    <Dialog title={t('feedback.settingsTitle')} onClose={onClose}>
      <EditableList
        title={t('feedback.columns')}
        rows={board.statuses.map((s) => ({ id: s.id, label: statusLabel(s, t), fixed: s.kind === 'merged' }))}
        addLabel={t('feedback.addColumn')}
        newLabel={t('feedback.newColumnName')}
        onRename={f.renameStatus}
        onMove={f.moveStatus}
        onRemove={f.removeStatus}
        onAdd={f.addStatus}
      />
      <EditableList
        title={t('feedback.channelsTitle')}
        rows={board.channels.map((c) => ({ id: c.id, label: channelLabel(c, t), fixed: false }))}
        addLabel={t('feedback.addChannel')}
        newLabel={t('feedback.newChannelName')}
        onRename={f.renameChannel}
        onMove={f.moveChannel}
        onRemove={f.removeChannel}
        onAdd={f.addChannel}
      />
      <div className="actions">
        <button className="primary" onClick={onClose} autoFocus>
          {t('item.close')}
        </button>
      </div>
    </Dialog>
  );
}
