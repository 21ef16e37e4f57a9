// The feedback kind's public model: items in status columns, votes, comments, merges, imports
// and saved views, their snapshot readers, and its descriptor for the registry of kinds.
export {
  FEEDBACK_SOURCES, STATUS_KINDS, ACTIVITY_KINDS, DEFAULT_STATUSES, TEMPLATE_CHANNELS, FEEDBACK_LIMITS, CUSTOMER_VOTE_PREFIX,
  feedbackItemsOf, feedbackStatusesOf, feedbackChannelsOf, feedbackCommentsOf, feedbackActivityOf, feedbackUndoScope, customerVoteKey, linkKey,
  type FeedbackSource, type StatusKind, type Importance, type ActivityKind,
} from './schema';
export { FALLBACK_OPEN_COLUMN, FALLBACK_MERGED_COLUMN } from './columns';
export * from './board';
export * from './items';
export * from './votes';
export * from './comments';
export * from './merge';
export * from './import';
export * from './priority';
export * from './snapshots';
export * from './read';
export * from './views';
export * from './kind';
