// How statuses and channels are named on screen: the template ones translated, the ones
// people typed shown as typed.
import type { TFunction } from 'i18next';
import type { FeedbackChannelSnapshot, FeedbackStatusSnapshot } from '../../../../shared/model/feedback/snapshots';
import type { Say } from '../../i18n/repeated-words';

export function statusLabel(status: Pick<FeedbackStatusSnapshot, 'key' | 'name'> | undefined, t: TFunction): string {
  if (!status) return '';
  return status.key ? t(`feedback.statuses.${status.key}`, { defaultValue: status.name }) : status.name;
}

export function channelLabel(channel: Pick<FeedbackChannelSnapshot, 'key' | 'name'> | undefined, t: TFunction | Say): string {
  if (!channel) return t('feedback.noChannel');
  return channel.key ? t(`feedback.channels.${channel.key}`, { defaultValue: channel.name }) : channel.name;
}
