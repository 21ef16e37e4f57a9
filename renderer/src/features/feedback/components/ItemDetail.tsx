// A feedback item's detail panel: its fields (edited in place), votes, linked goals,
// merging duplicates (and undoing it), comments and the activity log.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot, FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import type { UpdateFeedbackItemInput } from '../../../../../shared/model/feedback/items';
import { ItemReach } from '../../../components/Reach';
import { SidePanel } from '../../../components/dialog/SidePanel';
import { useApp, useRuntime } from '../../../context';
import { useLinkTargets } from '../../links';
import { formatDate } from '../../../i18n/i18n';
import { statusLabel } from '../labels';
import { DraftField } from '../../../components/DraftField';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { PresenceField } from '../../../components/presence/PresenceField';
import { ItemComments } from './ItemComments';
import { ItemLinks } from './ItemLinks';
import { ShippedIn } from './ShippedIn';
import { ItemVotes } from './ItemVotes';
import { splitTags } from './NewItemDialog';
import { ChannelOptions, ImportanceOptions, MemberOptions, ScaleOptions } from '../../../components/options';

function MergePicker({ board, item }: { board: FeedbackBoardSnapshot; item: FeedbackItemSnapshot }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matches =
    words.length === 0
      ? []
      : [...board.items.values()].filter((other) => other.id !== item.id && other.mergedInto === null && words.every((w) => other.title.toLocaleLowerCase().includes(w))).slice(0, 6);
  return (
    <section className="detail-section" aria-labelledby="merge-heading">
      <h3 id="merge-heading">{t('item.merge')}</h3>
      <p className="muted small">{t('item.mergeHint')}</p>
      <label>
        {t('item.mergeInto')}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('item.mergeSearch')} />
      </label>
      <ul className="merge-candidates">
        {matches.map((other) => (
          <li key={other.id}>
            <button
              onClick={() => {
                const result = runtime.feedback.merge(item.id, other.id);
                setError(result.ok ? null : result.error);
              }}
            >
              {t('item.mergeButton', { title: other.title })}
            </button>
          </li>
        ))}
      </ul>
      <FieldError error={error} />
    </section>
  );
}

/** The item's card, row or matrix chip in the view shown, to give focus back to when it was drawn anew. */
function itemOpener(itemId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-opens-item="${CSS.escape(itemId)}"]`);
}

export function ItemDetail({ board, itemId, readOnly }: { board: FeedbackBoardSnapshot; itemId: string; readOnly: boolean }) {
  const runtime = useRuntime();
  const boardId = useApp((s) => s.activeBoardId);
  const { t } = useTranslation();
  const item = board.items.get(itemId) as FeedbackItemSnapshot;
  const members = useApp((s) => s.workspace?.members ?? []);
  const locale = useApp((s) => s.locale);
  const goals = useLinkTargets('goals');
  const [error, setError] = useState<ShownError | null>(null);
  const close = () => runtime.store.setState({ selectedItemId: null });

  const merged = item.mergedInto !== null;
  const editable = !readOnly && !merged;
  const update = (patch: Omit<UpdateFeedbackItemInput, 'id'>) => {
    const result = runtime.feedback.update({ id: item.id, ...patch });
    setError(result.ok ? null : result.error);
  };
  const name = (id: string | null) => members.find((m) => m.id === id)?.name ?? '?';
  const columnName = (id: string | null) => statusLabel(board.statuses.find((s) => s.id === id), t);
  const itemTitle = (id: string | null) => (id ? (board.items.get(id)?.title ?? '?') : '?');
  const linkName = (key: string | null) => {
    return goals.get(key ?? '')?.title ?? t('item.unknownGoal');
  };
  const comments = board.comments.get(item.id) ?? [];
  const column = board.columns.find((c) => c.status.id === item.columnId);

  return (
    <SidePanel className="item-detail card" titleId="item-detail-title" onClose={close} testId="item-detail" fallbackFocus={() => itemOpener(item.id)}>
      <div className="detail-head">
        <h2 id="item-detail-title" tabIndex={-1}>
          {item.title}
        </h2>
        <button className="icon-button" onClick={close} aria-label={t('item.close')}>
          ✕
        </button>
      </div>
      {boardId && <ItemReach boardId={boardId} entityId={item.id} />}
      {boardId && <ShippedIn boardId={boardId} itemId={item.id} />}
      {merged && (
        <div className="banner info" role="status">
          <span>{t('item.mergedInto', { title: itemTitle(item.mergedInto) })}</span>
          {!readOnly && <button onClick={() => runtime.feedback.unmerge(item.id)}>{t('item.unmerge')}</button>}
        </div>
      )}
      {item.mergedFrom.length > 0 && <p className="muted small">{t('item.mergedFrom', { titles: item.mergedFrom.map(itemTitle).join(', ') })}</p>}
      <div className="detail-fields">
        <PresenceField itemId={item.id} field="title" className="span-2">
          {t('item.title')}
          <DraftField value={item.title} disabled={!editable} onCommit={(title) => update({ title })} />
        </PresenceField>
        <PresenceField itemId={item.id} field="status">
          {t('item.status')}
          <select value={item.columnId} disabled={!editable} onChange={(e) => runtime.feedback.move(item.id, e.target.value, Number.MAX_SAFE_INTEGER)}>
            {board.statuses
              .filter((s) => s.kind !== 'merged')
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {statusLabel(s, t)}
                </option>
              ))}
            {column?.status.kind === 'merged' && <option value={column.status.id}>{statusLabel(column.status, t)}</option>}
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="channel">
          {t('item.channel')}
          <select value={item.channelId ?? ''} disabled={!editable} onChange={(e) => update({ channelId: e.target.value || null })}>
            <option value="">{t('feedback.noChannel')}</option>
            <ChannelOptions channels={board.channels} />
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="customer">
          {t('item.customer')}
          <DraftField value={item.customer} disabled={!editable} onCommit={(customer) => update({ customer })} />
        </PresenceField>
        <PresenceField itemId={item.id} field="owner">
          {t('item.owner')}
          <select value={item.ownerId ?? ''} disabled={!editable} onChange={(e) => update({ ownerId: e.target.value || null })}>
            <option value="">{t('feedback.filters.noOwner')}</option>
            <MemberOptions members={members} />
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="importance">
          {t('feedback.importance.label')}
          <select value={item.importance} disabled={!editable} onChange={(e) => update({ importance: Number(e.target.value) })}>
            <ImportanceOptions />
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="impact">
          {t('feedback.impactField')}
          <select value={item.impact} disabled={!editable} onChange={(e) => update({ impact: Number(e.target.value) })}>
            <ScaleOptions />
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="effort">
          {t('feedback.effortField')}
          <select value={item.effort} disabled={!editable} onChange={(e) => update({ effort: Number(e.target.value) })}>
            <ScaleOptions />
          </select>
        </PresenceField>
        <PresenceField itemId={item.id} field="tags" className="span-2">
          {t('item.tags')}
          <DraftField value={item.tags.join(', ')} disabled={!editable} onCommit={(tags) => update({ tags: splitTags(tags) })} placeholder={t('item.tagsHint')} />
        </PresenceField>
        <PresenceField itemId={item.id} field="description" className="span-2">
          {t('item.description')}
          <DraftField multiline value={item.description} disabled={!editable} rows={4} onCommit={(description) => update({ description })} />
        </PresenceField>
      </div>
      <FieldError error={error} />
      <p className="muted small">
        {t('item.createdBy', { name: name(item.createdBy), date: formatDate(new Date(item.createdAt).toISOString().slice(0, 10), locale) })} · {t('feedback.priority')} {item.priority.toFixed(1)}
      </p>
      <ItemVotes item={item} readOnly={readOnly} />
      <ItemLinks item={item} readOnly={readOnly} />
      {editable && <MergePicker board={board} item={item} />}
      <ItemComments itemId={item.id} comments={comments} readOnly={readOnly || merged} />
      <section className="detail-section" aria-labelledby="activity-heading">
        <h3 id="activity-heading">{t('item.activity')}</h3>
        <ol className="activity">
          {[...item.activity].reverse().map((a) => (
            <li key={a.id} data-testid="activity">
              {t(`item.activityKinds.${a.kind}`, {
                name: name(a.actorId),
                from: a.kind === 'merged' || a.kind === 'unmerged' ? itemTitle(a.from) : a.kind === 'unlinked' ? linkName(a.from) : columnName(a.from),
                to: a.kind === 'merged' || a.kind === 'unmerged' ? itemTitle(a.to) : a.kind === 'linked' ? linkName(a.to) : columnName(a.to),
              })}{' '}
              <span className="muted small">{new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(a.at))}</span>
            </li>
          ))}
        </ol>
      </section>
    </SidePanel>
  );
}
