// One feedback card: title, channel, customer, tags, importance, impact and effort, votes (with
// my vote toggle), comments and priority, each with its name on screen.
// Memoised by snapshot identity, so a remote edit repaints only its card.
import { memo, type KeyboardEvent } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import type { FeedbackChannelSnapshot, FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../../../shared/model/workspace';
import { channelLabel } from '../labels';
import { CardPresence } from '../../../components/presence/PresenceAvatars';
import { ConflictBadge } from '../../../components/conflicts/ConflictReview';

export interface ItemCardProps {
  item: FeedbackItemSnapshot;
  channel: FeedbackChannelSnapshot | undefined;
  owner: MemberSnapshot | undefined;
  votedByMe: boolean;
  selected: boolean;
  draggable: boolean;
  onOpen(itemId: string): void;
  onVote(itemId: string): void;
  onKeyMove(itemId: string, key: 'left' | 'right' | 'up' | 'down'): void;
}

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export const ItemCard = memo(function ItemCard({ item, channel, owner, votedByMe, selected, draggable, onOpen, onVote, onKeyMove }: ItemCardProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, disabled: !draggable, data: { columnId: item.columnId } });
  // The card is dragged with the pointer; keyboard moves go through the title button (Alt+arrows).
  const { role: _role, tabIndex: _tabIndex, ...dragAttributes } = attributes;
  const onKeyDown = (e: KeyboardEvent) => {
    const direction = ARROWS[e.key];
    if (!e.altKey || !direction || !draggable) return;
    e.preventDefault();
    onKeyMove(item.id, direction);
  };
  return (
    <article
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`item-card${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      data-testid="item-card"
      data-item-id={item.id}
      aria-label={item.title}
      {...dragAttributes}
      {...listeners}
    >
      <button className="item-open" data-opens-item={item.id} onClick={() => onOpen(item.id)} onKeyDown={onKeyDown} aria-label={t('feedback.open', { title: item.title })} aria-describedby="card-move-hint">
        <span className="item-title">{item.title}</span>
      </button>
      <div className="item-meta">
        {channel && <span className="channel-badge">{channelLabel(channel, t)}</span>}
        {item.customer && <span className="muted small">{item.customer}</span>}
        {item.tags.slice(0, 3).map((tag) => (
          <span key={tag} className="tag">
            #{tag}
          </span>
        ))}
      </div>
      <div className="item-scores small">
        {/* Importance (to the asker, +1 to +3) shows only when raised, in its own words; impact and effort are out of 5. */}
        {item.importance > 1 && <span className={`importance-badge level-${item.importance}`}>{t(`feedback.importance.${item.importance}`)}</span>}
        <span className="muted" data-testid="impact-effort">
          {t('feedback.card.impactEffort', { impact: item.impact, effort: item.effort })}
        </span>
      </div>
      <div className="item-foot">
        <ConflictBadge ownerId={item.id} />
        {/* Named by what it shows, the count and its word, followed by what it does (no aria-label hiding the count). */}
        <button className={`vote-button${votedByMe ? ' voted' : ''}`} aria-pressed={votedByMe} onClick={() => onVote(item.id)} data-testid="vote-button">
          <span aria-hidden="true">▲</span> <span data-testid="vote-count">{item.voteCount}</span> {t('feedback.card.votes', { count: item.voteCount })}
          <span className="visually-hidden"> · {t('feedback.voteFor', { title: item.title })}</span>
        </button>
        {item.commentCount > 0 && <span className="muted small">{t('feedback.comments', { count: item.commentCount })}</span>}
        <span className="muted small" title={t('feedback.card.priorityHint')} data-testid="priority">
          {t('feedback.card.priority', { value: item.priority.toFixed(1) })}
        </span>
        {owner && (
          <span className="avatar small" style={{ background: owner.colour }} title={owner.name} aria-label={owner.name}>
            {owner.name.slice(0, 1).toUpperCase()}
          </span>
        )}
      </div>
      <CardPresence itemId={item.id} />
    </article>
  );
});
