// The feedback board's field vocabulary, shared by the Node generator and the bench pages
// (which must not bundle the generator's Node-side imports).

export const CHANNELS = ['email', 'chat', 'call', 'survey', 'support', 'sales'] as const;
export const STATUSES = ['new', 'reviewing', 'planned', 'in-progress', 'done', 'declined'] as const;
/** The card fields a single-field edit may touch (besides the description). */
export const EDITABLE_FIELDS = ['status', 'owner', 'importance', 'impact', 'effort'] as const;
/** What a board row shows on screen, in order. */
export const ROW_FIELDS = ['title', 'status', 'owner'] as const;
/** Board rows that fit on one screen: what "first board paint" renders. */
export const SCREENFUL_ROWS = 40;
