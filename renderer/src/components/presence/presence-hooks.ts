// Narrow store selectors of presence for components: each returns a list that keeps its
// identity while its own viewers are unchanged, so one teammate's cursor re-renders only the
// card, board link or field it concerns.
import type { TFunction } from 'i18next';
import { useApp, useRuntime } from '../../context';
import { NO_VIEWERS, type PresenceViewer } from '../../presence/presence-view';

export function useOnlineViewers(): readonly PresenceViewer[] {
  const presence = useRuntime().presence;
  return useApp((s) => presence.view(s).online);
}

export function useBoardViewers(boardId: string): readonly PresenceViewer[] {
  const presence = useRuntime().presence;
  return useApp((s) => presence.view(s).byBoard.get(boardId) ?? NO_VIEWERS);
}

export function useItemViewers(itemId: string): readonly PresenceViewer[] {
  const presence = useRuntime().presence;
  return useApp((s) => presence.view(s).byItem.get(itemId) ?? NO_VIEWERS);
}

/** The field's name in a sentence, from the last part of its presence name (`k_….target` → "target"). */
export function fieldName(field: string, t: TFunction): string {
  const last = field.split('.').pop() ?? field;
  return t(`presence.fields.${last}`, { defaultValue: '' });
}

/** "Li is editing title", "Li is editing" or "Li is viewing". */
export function viewerLabel(viewer: PresenceViewer, t: TFunction): string {
  const field = viewer.fields[0];
  if (field === undefined) return t('presence.viewing', { name: viewer.name });
  const name = fieldName(field, t);
  return name ? t('presence.editingField', { name: viewer.name, field: name }) : t('presence.editing', { name: viewer.name });
}
