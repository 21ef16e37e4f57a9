// One feedback card: title, channel, customer, tags, importance, impact and effort, votes (with
// my vote toggle), comments and priority, each with its name on screen.
// The card selects its own snapshot and whether it is the open one, so a remote edit to it
// re-renders this card alone (and an edit to another card, none).
import { memo, type KeyboardEvent } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { FeedbackChannelSnapshot } from '../../../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../../../shared/model/workspace';
import { useApp } from '../../../context';
import type { RepeatedWords } from '../../../i18n/repeated-words';
import { selectFeedbackItem } from '../board-view';
import { channelLabel } from '../labels';
import { CardPresence } from '../../../components/presence/PresenceAvatars';
import { ConflictBadge } from '../../../components/conflicts/ConflictReview';

/** A card's row in a kanban column, its gap below included: every card is this tall (the CSS clips what does not fit). */
export const CARD_HEIGHT = 148;

export interface ItemCardProps {
  itemId: string;
  /** Where the card sits in its virtual column, in px from the top (the card is its own row: no wrapper element). */
  top: number;
  /** The card's words in the language on screen (the column's: one translation hook per column, not per card). */
  words: RepeatedWords;
  channels: ReadonlyMap<string, FeedbackChannelSnapshot>;
  members: ReadonlyMap<string, MemberSnapshot>;
  /** My member id, for my vote. */
  me: string;
  draggable: boolean;
  onOpen(itemId: string): void;
  onVote(itemId: string): void;
  onKeyMove(itemId: string, key: 'left' | 'right' | 'up' | 'down'): void;
}

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export const ItemCard = memo(function ItemCard({ itemId, top, words, channels, members, me, draggable, onOpen, onVote, onKeyMove }: ItemCardProps) {
  const item = useApp((s) => selectFeedbackItem(s, itemId));
  const selected = useApp((s) => s.selectedItemId === itemId);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: itemId, disabled: !draggable, data: { columnId: item?.columnId } });
  if (!item) return null;
  const channel = item.channelId ? channels.get(item.channelId) : undefined;
  const owner = item.ownerId ? members.get(item.ownerId) : undefined;
  const votedByMe = item.voters.some((v) => v.kind === 'member' && v.memberId === me);
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
      // `top`, not a transform: dnd-kit measures drop targets without their transforms, so cards
      // placed by translateY would all seem to sit at the column's top and a drop would land on any.
      style={{ top, transform: CSS.Transform.toString(transform), transition }}
      className={`item-card${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      data-testid="item-card"
      data-item-id={item.id}
      aria-label={item.title}
      {...dragAttributes}
      {...listeners}
    >
      <button className="item-open" data-opens-item={item.id} onClick={() => onOpen(item.id)} onKeyDown={onKeyDown} aria-label={words.around('feedback.open', { title: item.title })} aria-describedby="card-move-hint">
        <span className="item-title">{item.title}</span>
      </button>
      <div className="item-meta">
        {/* Importance (to the asker, +1 to +3) shows only when raised, in its own words, first. */}
        {item.importance > 1 && <span className={`importance-badge level-${item.importance}`}>{words.say(`feedback.importance.${item.importance}`)}</span>}
        {channel && <span className="channel-badge">{channelLabel(channel, words.say)}</span>}
        {item.customer && <span className="muted small">{item.customer}</span>}
        {item.tags.length > 0 && <span className="tag">{item.tags.slice(0, 3).map((tag) => `#${tag}`).join(' ')}</span>}
      </div>
      {/* Impact and effort are out of 5. */}
      <span className="item-scores small muted" data-testid="impact-effort">
        {words.say('feedback.card.impactEffort', { impact: item.impact, effort: item.effort })}
      </span>
      <div className="item-foot">
        <ConflictBadge ownerId={item.id} />
        {/* Named by what it shows, the count and its word, followed by what it does (no aria-label hiding the count). */}
        <button className={`vote-button${votedByMe ? ' voted' : ''}`} aria-pressed={votedByMe} onClick={() => onVote(item.id)} data-testid="vote-button">
          <span aria-hidden="true">▲</span> <span data-testid="vote-count">{item.voteCount}</span> {words.say('feedback.card.votes', { count: item.voteCount })}
          <span className="visually-hidden"> · {words.around('feedback.voteFor', { title: item.title })}</span>
        </button>
        {/* Text of the row itself, not an element of its own: a column of cards is fewer nodes. */}
        {item.commentCount > 0 && words.say('feedback.comments', { count: item.commentCount })}
        <span className="muted small" title={words.say('feedback.card.priorityHint')} data-testid="priority">
          {words.say('feedback.card.priority', { value: item.priority.toFixed(1) })}
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
