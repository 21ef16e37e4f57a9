// The option lists that several selects share: members, channels, statuses, teams, and the
// 1–5 and +1/+2/+3 scales, each labelled in the person's language.
import { useTranslation } from 'react-i18next';
import type { FeedbackChannelSnapshot, FeedbackStatusSnapshot } from '../../../shared/model/feedback/snapshots';
import type { MemberSnapshot } from '../../../shared/model/workspace';
import { channelLabel, statusLabel } from '../features/feedback/labels';

export function MemberOptions({ members }: { members: readonly MemberSnapshot[] }) {
  return members.map((m) => (
    <option key={m.id} value={m.id}>
      {m.name}
    </option>
  ));
}

export function ChannelOptions({ channels }: { channels: readonly FeedbackChannelSnapshot[] }) {
  const { t } = useTranslation();
  return channels.map((c) => (
    <option key={c.id} value={c.id}>
      {channelLabel(c, t)}
    </option>
  ));
}

export function StatusOptions({ statuses }: { statuses: readonly FeedbackStatusSnapshot[] }) {
  const { t } = useTranslation();
  return statuses.map((s) => (
    <option key={s.id} value={s.id}>
      {statusLabel(s, t)}
    </option>
  ));
}

export function TeamOptions({ short = false }: { short?: boolean }) {
  const { t } = useTranslation();
  return (['product', 'operations', 'shared'] as const).map((team) => (
    <option key={team} value={team}>
      {t(short ? `teamShort.${team}` : `team.${team}`)}
    </option>
  ));
}

/** Impact and effort: 1 (least) to 5 (most). */
export function ScaleOptions() {
  return [1, 2, 3, 4, 5].map((n) => (
    <option key={n} value={n}>
      {n}
    </option>
  ));
}

export function ImportanceOptions() {
  const { t } = useTranslation();
  return [1, 2, 3].map((n) => (
    <option key={n} value={n}>
      {t(`feedback.importance.${n}`)}
    </option>
  ));
}
