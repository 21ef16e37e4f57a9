// The names, link titles and goals a meeting's minutes need, gathered from the workspace and
// every open board (through the registry), for the Markdown export and the print view.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../context';
import { useBoardFacts } from '../facts';
import { useMeetingLinkTargets } from './components/link-targets';
import type { MinutesContext } from './minutes';

export function useMinutesContext(): MinutesContext {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const members = useApp((s) => s.workspace?.members);
  const { goals } = useBoardFacts();
  const { byKey } = useMeetingLinkTargets();
  return useMemo(() => ({
    t, locale, goals,
    memberName: (id) => members?.find((m) => m.id === id)?.name ?? t('meetings.noOwner'),
    linkTitle: (link) => byKey.get(`${link.boardId}:${link.entityId}`)?.title ?? t('meetings.unknownLink'),
  }), [t, locale, goals, members, byKey]);
}
