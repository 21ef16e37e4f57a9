// English message catalogue. Keys are grouped by screen; `errors.*` are the messageKeys
// that domain mutations and the peer use, so every refusal reads well in both languages.
import { backupEn } from './backup.en';
import { unsyncedEn } from './unsynced.en';
import { feedbackEn } from './feedback.en';
import { conflictsEn } from './conflicts.en';
import { networkEn } from './network.en';
import { presenceEn } from './presence.en';
import { relayEn } from './relay.en';
import { shortcutsEn } from './shortcuts.en';
import { paletteEn } from './palette.en';
import { settingsEn } from './settings.en';
import { meetingsEn } from './meetings.en';
import { workshopsEn } from './workshops.en';
import { plansEn } from './plans.en';

const core = {
  app: {
    name: 'Tandem',
    loading: 'Opening Tandem…',
    skipToContent: 'Skip to content',
    noPeerTitle: 'Tandem cannot reach its local peer',
    noPeerHint: 'In browser mode, open the exact address the hub printed when it last started — the hub keeps it across restarts unless it was started with --new-token or another --port. In the desktop app, restart Tandem.',
    retrying: 'Trying again…',
  },
  firstRun: {
    title: 'Welcome to Tandem',
    intro: 'Tandem keeps your product and operations teams’ shared goals and feedback on this laptop, and syncs with teammates nearby. Start by telling us who you are.',
    yourName: 'Your name',
    yourTeam: 'Your team',
    workspaceName: 'Workspace name',
    workspacePlaceholder: 'e.g. Growth squad',
    create: 'Create workspace',
    creating: 'Creating…',
    needsPeer: 'Tandem cannot reach its local peer yet, so it cannot create the workspace. Waiting for it…',
    defaultGoalsBoard: 'Goals',
  },
  team: { product: 'Product team', operations: 'Operations team', shared: 'Shared' },
  teamShort: { product: 'Product', operations: 'Operations', shared: 'Shared' },
  sidebar: { boards: 'Boards', members: 'Members', you: '{{name}} (you)', language: 'Language', newerBoard: '— needs a newer Tandem', newerBoardHint: 'A teammate made this board with a newer version of Tandem. Update Tandem to open it; until then it is kept as it is.' },
  status: { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', none: 'No check-ins yet', suggested: 'Suggested: {{status}}', auto: 'Automatic ({{status}})' },
  save: {
    connecting: 'Connecting to the local peer…',
    saving: 'Saving…',
    saved: 'Saved on this laptop',
    offlineSaved: 'Offline — saved in this browser',
    offlineSaving: 'Offline — saving in this browser…',
    error: 'Not saved: the local peer could not write to disk',
    diskFull: 'Disk full — changes kept in this window',
    diskFullHint: 'This laptop\'s disk is full. Your changes are kept in this window and are saved by themselves once there is free space.',
    offlineError: 'Offline — not saved: this browser could not store your edits (is the disk full?). Retrying…',
    offlineHint: 'The local peer is not running. Your edits are kept in this browser and reach the peer when it is back.',
  },
  goals: {
    title: 'Goals',
    newGoal: 'New goal',
    empty: 'No goals yet. Add the first shared goal your product and operations teams will track together — for example “Grow weekly active users”.',
    emptyFiltered: 'No goal matches these filters.',
    addFirst: 'Add the first goal',
    clearFilters: 'Clear filters',
    progress: 'Progress',
    progressValue: '{{value}}%',
    noProgress: 'No data',
    owner: 'Owner',
    noOwner: 'No owner',
    kpiCount_one: '{{count}} KPI',
    kpiCount_other: '{{count}} KPIs',
    confidence: 'Confidence',
    moveUp: 'Move up',
    moveDown: 'Move down',
    dragHandle: 'Reorder “{{title}}”',
    reorderHint: 'Press Alt+↑ or Alt+↓ to move a goal.',
    deleted: 'Goal “{{title}}” deleted',
    undo: 'Undo',
    open: 'Open “{{title}}”',
    trend: 'Trend of {{name}}',
  },
  filters: { label: 'Filters', team: 'Team', owner: 'Owner', period: 'Period', status: 'Status', all: 'All' },
  period: { quarter: 'Quarter', month: 'Month', custom: 'Custom', quarterLabel: 'Q{{quarter}} {{year}}', monthLabel: '{{month}}', range: '{{start}} – {{end}}', year: 'Year', start: 'Start', end: 'End' },
  goalForm: {
    createTitle: 'New goal', editTitle: 'Edit goal', title: 'Title', titlePlaceholder: 'e.g. Grow weekly active users', description: 'Description', team: 'Team', owner: 'Owner',
    period: 'Period', parent: 'Parent goal', noParent: 'None (top-level goal)', status: 'Status', confidence: 'Confidence (%)', save: 'Save', create: 'Create goal', cancel: 'Cancel',
  },
  detail: {
    close: 'Close', edit: 'Edit', delete: 'Delete goal', kpis: 'KPIs', noKpis: 'No KPIs yet. Add a measured number — user growth, retention, revenue — so progress can be tracked.',
    addKpi: 'Add KPI', baseline: 'Baseline', target: 'Target', current: 'Current', direction: 'Direction', increase: 'Increase', decrease: 'Decrease', unit: 'Unit',
    checkIns: 'Check-ins', noCheckIns: 'No check-ins yet.', checkIn: 'Check in', value: 'Value', date: 'Date', note: 'Note', add: 'Add', by: 'by {{name}}', deleteKpi: 'Delete KPI', editKpi: 'Edit KPI {{name}}', saveKpi: 'Save KPI',
    chartTarget: 'Target', chartMarkers: 'Marked on this chart', chartEmpty: 'The trend appears after the first check-in.', created: 'Created {{date}}', kpiName: 'KPI name', kpiNamePlaceholder: 'e.g. Weekly active users',
    sameDay: 'Several check-ins on this day',
  },
  units: { number: 'Number', percent: '%', currency: 'Currency', boolean: 'Yes / no' },
  yesNo: { yes: 'Yes', no: 'No' },
  undo: { undo: 'Undo', redo: 'Redo', nothing: 'Nothing to undo' },
  notices: {
    'store-recovered': 'The copy of a board saved on this laptop was damaged. Tandem loaded everything it could and set the damaged part aside in {{detail}}. Anything this browser still holds is being saved again.',
    'store-write-failed': 'Tandem could not save to disk: {{detail}}. Your edits stay in this browser; check free disk space.',
    dismiss: 'Dismiss',
    idbRecovered: 'This browser’s cache of a board could not be opened, so it was refilled from the local peer.',
  },
  errors: {
    required: 'This field is required.',
    tooLong: 'Keep this under {{max}} characters.',
    notANumber: 'Enter a number, like 1200 or 3.5.',
    invalidDate: 'Enter a real date.',
    invalid: 'This value is not valid.',
    notFound: 'This no longer exists — a teammate may have deleted it.',
    periodOrder: 'The period must end on or after its start.',
    parentCycle: 'A goal cannot sit under itself or one of its own sub-goals.',
    range: 'Enter a value from 0 to {{max}}.',
    booleanValue: 'A yes/no KPI takes 1 (yes) or 0 (no).',
    targetEqualsBaseline: 'The target must differ from the baseline.',
    targetBelowBaseline: 'For a KPI that should increase, the target must be above the baseline.',
    targetAboveBaseline: 'For a KPI that should decrease, the target must be below the baseline.',
    schemaTooNew: 'This board was saved by a newer version of Tandem, so it is read-only here. Update Tandem to edit it.',
    internal: 'Something went wrong in the local peer. Your edit was not applied.',
    offline: 'This needs the local peer, which is not reachable right now.',
    importance: 'Choose 1 (nice-to-have), 2 (important) or 3 (critical).',
    scale: 'Enter a whole number from 1 to 5.',
    tooMany: 'Keep this to {{max}} entries or fewer.',
    itemMerged: 'This feedback was merged into another item. Open that item instead.',
    mergeSelf: 'Choose a different item: feedback cannot be merged into itself.',
    notMerged: 'This feedback is not merged into another item.',
    mergedStatus: 'Use “Merge duplicates” to move feedback into Merged.',
    statusRequired: 'A board needs a Merged status and at least one other status, so this one cannot be removed.',
    statusInUse: 'Move the feedback in this status elsewhere first ({{count}} left).',
    channelInUse: 'Change the channel of the feedback that uses this one first ({{count}} left).',
    notAuthor: 'Only the author can edit or delete this comment.',
    commentDeleted: 'This comment was deleted.',
    parentComment: 'A reply must answer a comment on the same feedback.',
    inviteEmpty: 'Paste or type an invite code.',
    inviteNotTandem: 'This is not a Tandem invite. Invite codes start with TANDEM1-.',
    inviteVersion: 'This invite was made by a newer version of Tandem. Update Tandem to join.',
    inviteCharacter: '“{{char}}” cannot be in an invite code. Check it letter by letter.',
    inviteChecksum: 'This invite code has a typo or a missing part. Check it letter by letter, or ask for a new one.',
    inviteMalformed: 'This invite is damaged. Ask your teammate for a new one.',
    inviteAddress: '“{{address}}” is not an address. Use host:port, e.g. 192.168.1.20:4100.',
    inviteTooManyAddresses: 'An invite can carry at most {{max}} addresses.',
    inviteRelay: 'This invite names a relay address Tandem cannot use ({{address}}). Ask for a new invite.',
    joinOtherWorkspace: 'This laptop already holds another workspace. Leave it before joining a different one.',
  },
  readOnly: 'Read-only: this workspace was saved by a newer version of Tandem (schema {{version}}).',
  language: { en: 'English', 'zh-CN': '简体中文' },
};

/** The whole English catalogue: the core screens plus the feedback boards, backup and network, each kept in its own file. */
export const en = { ...core, ...feedbackEn, ...presenceEn, meetings: meetingsEn.meetings, minutes: meetingsEn.minutes, workshops: workshopsEn.workshops, plans: plansEn.plans, backup: backupEn.backup, sync: networkEn.sync, invite: networkEn.invite, join: networkEn.join, leave: networkEn.leave, reach: networkEn.reach, network: networkEn.network, conflicts: conflictsEn.conflicts, away: conflictsEn.away, unsynced: unsyncedEn.unsynced, relay: relayEn.relay, shortcuts: shortcutsEn.shortcuts, ...paletteEn, ...settingsEn, errors: { ...relayEn.errors, ...core.errors, ...conflictsEn.errors, ...backupEn.errors, ...unsyncedEn.errors, ...feedbackEn.errors, ...networkEn.errors, ...meetingsEn.errors, ...workshopsEn.errors, ...plansEn.errors } };

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every catalogue has exactly the English keys. */
export type Catalogue = Widen<typeof en>;
