// The document model: schema, mutations and snapshot readers for every doc kind.
export * from './errors';
export * from './origin';
export * from './ids';
export * from './doc';
export * from './order';
export * from './goals/period';
export * from './goals/progress';
export * from './validate';
export * from './workspace';
export * from './goals/goals';
export * from './goals/kpis';
export * from './goals/read';
export * from './boards';
export {
  FEEDBACK_SOURCES, STATUS_KINDS, ACTIVITY_KINDS, DEFAULT_STATUSES, TEMPLATE_CHANNELS, FEEDBACK_LIMITS, CUSTOMER_VOTE_PREFIX,
  feedbackItemsOf, feedbackStatusesOf, feedbackChannelsOf, feedbackCommentsOf, feedbackActivityOf, feedbackUndoScope, customerVoteKey, linkKey,
  type FeedbackSource, type StatusKind, type Importance, type ActivityKind,
} from './feedback/schema';
export { FALLBACK_OPEN_COLUMN, FALLBACK_MERGED_COLUMN } from './feedback/columns';
export * from './feedback/board';
export * from './feedback/items';
export * from './feedback/votes';
export * from './feedback/comments';
export * from './feedback/merge';
export * from './feedback/import';
export * from './feedback/priority';
export * from './feedback/snapshots';
export * from './feedback/read';
export * from './feedback/views';
export * from './field-writes';
export * from './conflicts';
export * from './away';
