// Teammates' avatars: who is online (top bar), who looks at a board (sidebar), and who has a
// goal or feedback item open (its card). Initials on a colour of the member's own, the name
// in the tooltip and the accessible name.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceViewer } from '../../presence/presence-view';
import { useBoardViewers, useItemViewers, useOnlineViewers, viewerLabel } from './presence-hooks';

const MAX_SHOWN = 4;

function Avatar({ viewer, label, small = false }: { viewer: PresenceViewer; label: string; small?: boolean }) {
  return (
    <span className={`avatar presence-avatar${small ? ' small' : ''}${viewer.fields.length > 0 ? ' editing' : ''}`} style={{ background: viewer.colour }} role="img" aria-label={label} title={label} data-testid="presence-avatar" data-member-id={viewer.memberId}>
      {viewer.initials}
    </span>
  );
}

/** The first few avatars, then "+N". */
function AvatarRow({ viewers, labelOf, small }: { viewers: readonly PresenceViewer[]; labelOf: (v: PresenceViewer) => string; small?: boolean }) {
  const { t } = useTranslation();
  const hidden = viewers.slice(MAX_SHOWN);
  return (
    <>
      {viewers.slice(0, MAX_SHOWN).map((v) => (
        <Avatar key={v.memberId} viewer={v} label={labelOf(v)} small={small} />
      ))}
      {hidden.length > 0 && (
        <span className="presence-more" title={hidden.map(labelOf).join(', ')} aria-label={t('presence.moreLabel', { count: hidden.length })}>
          {t('presence.more', { count: hidden.length })}
        </span>
      )}
    </>
  );
}

/** Teammates online now, for the top bar (nothing while nobody else is). */
export function OnlineMembers() {
  const { t } = useTranslation();
  const viewers = useOnlineViewers();
  if (viewers.length === 0) return null;
  return (
    <div className="presence-online" role="group" aria-label={t('presence.online')} data-testid="presence-online">
      <AvatarRow viewers={viewers} labelOf={(v) => t('presence.onlineMember', { name: v.name })} />
    </div>
  );
}

/** Who is looking at one board, beside its link in the sidebar. */
export const BoardPresence = memo(function BoardPresence({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const viewers = useBoardViewers(boardId);
  if (viewers.length === 0) return null;
  return (
    <span className="board-presence" data-testid="board-presence" data-board-id={boardId}>
      <AvatarRow viewers={viewers} labelOf={(v) => t('presence.onBoard', { name: v.name })} small />
    </span>
  );
});

/**
 * Who has this goal or feedback item open (and what they edit), on its card. Most cards have no
 * viewer: they subscribe to their viewers and nothing else (no translation hook per card).
 */
export const CardPresence = memo(function CardPresence({ itemId }: { itemId: string }) {
  const viewers = useItemViewers(itemId);
  return viewers.length === 0 ? null : <CardViewers viewers={viewers} />;
});

function CardViewers({ viewers }: { viewers: readonly PresenceViewer[] }) {
  const { t } = useTranslation();
  return (
    <span className="card-presence" data-testid="card-presence">
      <AvatarRow viewers={viewers} labelOf={(v) => viewerLabel(v, t)} small />
    </span>
  );
}
