// The sample workspace's user feedback in English: forty items across the board's columns, with
// the customers who voted for them, comments, and links to the sample goals (by index).
/** One sample feedback item, in either language. */
export interface SampleItemContent {
  readonly title: string;
  readonly description: string;
  /** A channel key of the user-feedback template. */
  readonly channel: string;
  /** Index into the sample goals, or null for none. */
  readonly goal: number | null;
  /** A default status key (new, under-review, planned, in-progress, done, declined). */
  readonly status: string;
  /** Who asked, or '' when nobody in particular. */
  readonly customer: string;
  /** How many of the sample customers voted for it. */
  readonly votes: number;
  /** Whether the person trying the sample votes for it too. */
  readonly mine: boolean;
  readonly impact: number;
  readonly effort: number;
  /** A comment of the person's, or ''. */
  readonly comment: string;
}

export const sampleCustomersEn: readonly string[] = ['Northwind Finance', 'Blue Harbor', 'Lumen Labs', 'Acme Retail', 'Globex', 'Initech', 'Contoso', 'Fabrikam', 'Umbrella Travel', 'Stark Logistics', 'Wayne Health', 'Hooli'];

export const sampleItemsEn: readonly SampleItemContent[] = [
  { title: 'Export a goal’s check-ins to a spreadsheet', description: 'Our finance team wants the raw numbers every month.', channel: 'interview', goal: 0, status: 'planned', customer: 'Northwind Finance', votes: 6, mine: true, impact: 4, effort: 2, comment: 'Three customers asked for this in the last month.' },
  { title: 'Reminder before a check-in is due', description: 'I forget to update the KPI until the review meeting.', channel: 'survey', goal: 0, status: 'in-progress', customer: 'Blue Harbor', votes: 9, mine: true, impact: 4, effort: 2, comment: '' },
  { title: 'Onboarding checklist for new workspaces', description: 'A short list of first steps would help new teams start.', channel: 'support', goal: 1, status: 'planned', customer: 'Lumen Labs', votes: 7, mine: true, impact: 5, effort: 3, comment: 'Could reuse the sample data as the first step.' },
  { title: 'Billing page is hard to find', description: 'Two tickets this week from admins looking for invoices.', channel: 'support', goal: 2, status: 'under-review', customer: 'Acme Retail', votes: 4, mine: false, impact: 3, effort: 1, comment: '' },
  { title: 'Dark theme', description: 'Working late, the white screen is tiring.', channel: 'app-review', goal: null, status: 'done', customer: '', votes: 12, mine: false, impact: 2, effort: 3, comment: '' },
  { title: 'Faster reply templates for common questions', description: 'Agents retype the same answers about invites and backups.', channel: 'support', goal: 2, status: 'in-progress', customer: '', votes: 3, mine: true, impact: 4, effort: 2, comment: '' },
  { title: 'Invite teammates by email domain', description: 'Anyone with our company address should be able to join.', channel: 'sales', goal: 0, status: 'new', customer: 'Globex', votes: 5, mine: false, impact: 4, effort: 3, comment: 'Asked in two sales calls.' },
  { title: 'Weekly summary email', description: 'A Monday digest of what moved last week.', channel: 'survey', goal: 0, status: 'under-review', customer: 'Blue Harbor', votes: 8, mine: false, impact: 3, effort: 3, comment: '' },
  { title: 'Slack notification when a goal goes off track', description: 'We live in Slack; we miss the red status in the app.', channel: 'interview', goal: 0, status: 'planned', customer: 'Initech', votes: 6, mine: true, impact: 4, effort: 3, comment: '' },
  { title: 'Bulk edit feedback tags', description: 'Retagging 50 items one by one takes an afternoon.', channel: 'support', goal: null, status: 'new', customer: 'Acme Retail', votes: 2, mine: false, impact: 2, effort: 2, comment: '' },
  { title: 'Keyboard shortcut to vote', description: 'Voting should be one key when triaging.', channel: 'social', goal: null, status: 'done', customer: '', votes: 3, mine: false, impact: 2, effort: 1, comment: '' },
  { title: 'Show who voted on an item', description: 'We want to call back the customers behind a request.', channel: 'sales', goal: 1, status: 'under-review', customer: 'Globex', votes: 4, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Templates for quarterly goals', description: 'Every quarter we rebuild the same goal structure.', channel: 'interview', goal: 0, status: 'new', customer: 'Northwind Finance', votes: 5, mine: false, impact: 3, effort: 3, comment: '' },
  { title: 'Mobile app for check-ins', description: 'Field managers update numbers from their phones.', channel: 'app-review', goal: 0, status: 'declined', customer: '', votes: 10, mine: false, impact: 4, effort: 5, comment: 'Out of scope this year; the web view works on phones.' },
  { title: 'Attach screenshots to feedback', description: 'A picture explains a bug faster than three paragraphs.', channel: 'support', goal: 2, status: 'planned', customer: 'Lumen Labs', votes: 7, mine: true, impact: 4, effort: 3, comment: '' },
  { title: 'Merge duplicate feedback automatically', description: 'Half of our new items are duplicates of old ones.', channel: 'survey', goal: 2, status: 'new', customer: '', votes: 6, mine: false, impact: 4, effort: 4, comment: '' },
  { title: 'Custom fields on feedback items', description: 'We track contract value per request.', channel: 'sales', goal: 1, status: 'under-review', customer: 'Globex', votes: 3, mine: false, impact: 3, effort: 4, comment: '' },
  { title: 'Goal progress on the home screen', description: 'Show the three goals at risk first thing.', channel: 'interview', goal: 0, status: 'in-progress', customer: 'Initech', votes: 5, mine: true, impact: 4, effort: 2, comment: '' },
  { title: 'Public roadmap page', description: 'Customers keep asking what is planned.', channel: 'social', goal: 1, status: 'new', customer: '', votes: 9, mine: false, impact: 4, effort: 5, comment: '' },
  { title: 'Two-factor sign-in', description: 'Our security review requires it.', channel: 'sales', goal: 1, status: 'planned', customer: 'Acme Retail', votes: 4, mine: false, impact: 5, effort: 3, comment: 'Blocking one renewal.' },
  { title: 'Faster search across boards', description: 'Search takes a second on our big workspace.', channel: 'support', goal: null, status: 'in-progress', customer: '', votes: 3, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Comment mentions notify by email', description: 'I only see mentions when I open the app.', channel: 'survey', goal: 2, status: 'new', customer: 'Blue Harbor', votes: 4, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Archive finished goals', description: 'Last year’s goals clutter the board.', channel: 'app-review', goal: null, status: 'done', customer: '', votes: 5, mine: false, impact: 2, effort: 1, comment: '' },
  { title: 'Chinese interface for our Shanghai team', description: 'Half the team prefers 简体中文.', channel: 'interview', goal: 1, status: 'done', customer: 'Lumen Labs', votes: 6, mine: false, impact: 4, effort: 2, comment: '' },
  { title: 'Import feedback from Zendesk', description: 'We copy tickets by hand today.', channel: 'support', goal: 2, status: 'new', customer: 'Northwind Finance', votes: 7, mine: true, impact: 4, effort: 4, comment: '' },
  { title: 'Due dates on feedback items', description: 'Some requests are tied to a customer’s launch.', channel: 'sales', goal: null, status: 'under-review', customer: 'Globex', votes: 2, mine: false, impact: 2, effort: 2, comment: '' },
  { title: 'Print a goal report for the board meeting', description: 'Our directors want paper.', channel: 'interview', goal: 0, status: 'new', customer: 'Initech', votes: 3, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Calendar view of check-ins', description: 'See which KPIs were not updated this month.', channel: 'survey', goal: 0, status: 'under-review', customer: '', votes: 4, mine: false, impact: 3, effort: 3, comment: '' },
  { title: 'Offline mode on the train', description: 'Edits made without a connection get lost.', channel: 'app-review', goal: 1, status: 'new', customer: '', votes: 6, mine: false, impact: 4, effort: 4, comment: 'Tandem keeps edits on the laptop; worth checking what they saw.' },
  { title: 'Clearer error when an import fails', description: 'It said “invalid row” with no row number.', channel: 'support', goal: 2, status: 'planned', customer: 'Acme Retail', votes: 3, mine: false, impact: 3, effort: 1, comment: '' },
  { title: 'Group feedback by customer', description: 'One big customer sends twenty requests.', channel: 'sales', goal: 1, status: 'new', customer: 'Globex', votes: 4, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Link feedback to several goals', description: 'A request often serves two goals at once.', channel: 'interview', goal: 0, status: 'under-review', customer: '', votes: 3, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Remind owners of stale feedback', description: 'Items sit in Under review for months.', channel: 'survey', goal: 2, status: 'new', customer: '', votes: 2, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Single sign-on with Microsoft', description: 'IT wants one login for every tool.', channel: 'sales', goal: 1, status: 'planned', customer: 'Northwind Finance', votes: 5, mine: false, impact: 5, effort: 4, comment: '' },
  { title: 'Undo after deleting a goal', description: 'I deleted the wrong goal and lost its history.', channel: 'support', goal: 1, status: 'done', customer: '', votes: 4, mine: false, impact: 4, effort: 2, comment: '' },
  { title: 'Show trend arrows on KPI cards', description: 'Is the number going up or down?', channel: 'app-review', goal: 0, status: 'new', customer: '', votes: 3, mine: false, impact: 2, effort: 1, comment: '' },
  { title: 'Decline with a reason the customer sees', description: 'We want to close the loop politely.', channel: 'interview', goal: 1, status: 'new', customer: 'Lumen Labs', votes: 2, mine: false, impact: 3, effort: 2, comment: '' },
  { title: 'Share a read-only link with investors', description: 'Board members should see goals without editing.', channel: 'sales', goal: 0, status: 'declined', customer: 'Initech', votes: 3, mine: false, impact: 3, effort: 4, comment: 'Not planned: share an exported report instead.' },
  { title: 'Sort the board by votes', description: 'Triage starts with the most wanted items.', channel: 'social', goal: null, status: 'new', customer: '', votes: 5, mine: false, impact: 2, effort: 1, comment: '' },
  { title: 'Help articles inside the app', description: 'New admins ask the same setup questions.', channel: 'support', goal: 2, status: 'under-review', customer: 'Blue Harbor', votes: 4, mine: false, impact: 3, effort: 3, comment: '' },
];
