// The UI state: plain snapshots derived from the docs plus what only the UI cares about
// (selection, filters, forms, toasts). Document content itself stays in Yjs; components
// select narrowly from here and call runtime actions.
import { createStore } from 'zustand/vanilla';
import type { Locale } from '../../../shared/api/bridge';
import type { PeerNotice, WorkspaceIdentity } from '../../../shared/api/link';
import type { NetworkStatus } from '../../../shared/api/network';
import type { FeedbackBoardSnapshot } from '../../../shared/model/feedback/snapshots';
import type { SavedViewSnapshot } from '../../../shared/model/feedback/views';
import type { AwayChange } from '../../../shared/model/away';
import type { ConflictsSnapshot } from '../../../shared/model/conflicts';
import type { GoalsBoardSnapshot } from '../../../shared/model/goals/read';
import type { MeetingsBoardSnapshot } from '../../../shared/model/meetings/read';
import type { WorkshopBoardSnapshot } from '../../../shared/model/workshops/read';
import type { PlansBoardSnapshot } from '../../../shared/model/plans/read';
import { NO_FEEDBACK_FILTERS, type FeedbackFilters, type FeedbackSort, type FeedbackViewKind } from '../features/feedback/filtering';
import type { GoalStatus } from '../../../shared/model/goals/progress';
import type { Team, WorkspaceSnapshot } from '../../../shared/model/workspace';
import type { LinkStatus } from '../link/link-client';
import { NO_PRESENCE, type PresencePeer } from '../presence/presence-snapshot';

/** A workspace-level dialog that is open (the palette and shortcut sheet too), so any control or command can open it. */
export type AppDialog = 'palette' | 'shortcuts' | 'invite' | 'back-up' | 'restore' | 'import-unsynced' | 'leave' | `new-board:${string}`;

export type SaveState = 'connecting' | 'saving' | 'saved' | 'offline-saving' | 'offline-saved' | 'offline-error' | 'disk-full' | 'error';

export interface GoalFilters {
  team: Team | 'all';
  ownerId: string | 'all';
  period: string | 'all';
  status: GoalStatus | 'none' | 'all';
}

export const NO_FILTERS: GoalFilters = { team: 'all', ownerId: 'all', period: 'all', status: 'all' };

export interface Toast {
  readonly id: number;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly undoable: boolean;
  /** What Undo does when it is not the open board's last step (removing the sample data, say). */
  readonly undo?: () => void;
}

export interface AppState {
  boot: 'starting' | 'first-run' | 'ready';
  link: LinkStatus;
  identity: WorkspaceIdentity | null;
  workspace: WorkspaceSnapshot | null;
  activeBoardId: string | null;
  /** Edits made in this browser that the local peer has not acknowledged yet. */
  unsynced: number;
  /** What the main area shows: the active board, or Settings (language, backup, network, workspace). */
  mainView: 'board' | 'settings';
  /** The workspace-level dialog on screen, if any. */
  appDialog: AppDialog | null;
  /** LAN sync as the local peer last reported it; null until it has. */
  network: NetworkStatus | null;
  /** Joined by invite, and the workspace has not yet arrived from a teammate. */
  awaitingJoinedWorkspace: boolean;
  /** Joined as an existing member: who they are is asked once the member list has arrived. */
  choosingMember: boolean;
  /** A `tandem://join` link the OS opened Tandem with, waiting for the join dialog. */
  openedInviteLink: string | null;
  /** Snapshots of every open goals board, by board id. */
  goalsBoards: Readonly<Record<string, GoalsBoardSnapshot>>;
  /** Snapshots of every open feedback board, by board id. */
  feedbackBoards: Readonly<Record<string, FeedbackBoardSnapshot>>;
  /** Snapshots of every open meetings board, by board id. */
  meetingsBoards: Readonly<Record<string, MeetingsBoardSnapshot>>;
  /** Snapshots of every open workshop board, by board id. */
  workshopsBoards: Readonly<Record<string, WorkshopBoardSnapshot>>;
  /** Snapshots of every open plan board, by board id. */
  plansBoards: Readonly<Record<string, PlansBoardSnapshot>>;
  /** Fields changed on two laptops while apart, of every open board, by board id. */
  conflicts: Readonly<Record<string, ConflictsSnapshot>>;
  /** What teammates changed while this laptop was away, by board id; null when not shown. */
  awayChanges: Readonly<Record<string, readonly AwayChange[]>> | null;
  /** My saved views of each feedback board. */
  savedViews: Readonly<Record<string, readonly SavedViewSnapshot[]>>;
  selectedItemId: string | null;
  feedbackView: FeedbackViewKind;
  feedbackFilters: FeedbackFilters;
  feedbackSort: FeedbackSort;
  /** A feedback board dialog that is open, if any. */
  feedbackDialog: 'new-item' | 'import' | 'new-board' | null;
  selectedGoalId: string | null;
  /** The goal form: closed, creating a goal, or editing the goal with this id. */
  goalForm: { mode: 'create' } | { mode: 'edit'; goalId: string } | null;
  filters: GoalFilters;
  locale: Locale;
  save: SaveState;
  notices: PeerNotice[];
  cacheRecovered: boolean;
  toast: Toast | null;
  canUndo: boolean;
  canRedo: boolean;
  today: string;
  /** Other windows' presence (mine excluded), at most one update per frame; see presence/presence.ts. */
  presence: readonly PresencePeer[];
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function createAppStore(locale: Locale) {
  return createStore<AppState>(() => ({
    boot: 'starting',
    link: 'connecting',
    identity: null,
    workspace: null,
    activeBoardId: null,
    unsynced: 0,
    mainView: 'board',
    appDialog: null,
    network: null,
    awaitingJoinedWorkspace: false,
    choosingMember: false,
    openedInviteLink: null,
    goalsBoards: {},
    feedbackBoards: {},
    meetingsBoards: {},
    workshopsBoards: {},
    plansBoards: {},
    savedViews: {},
    conflicts: {},
    awayChanges: null,
    selectedItemId: null,
    feedbackView: 'kanban',
    feedbackFilters: NO_FEEDBACK_FILTERS,
    feedbackSort: 'manual',
    feedbackDialog: null,
    selectedGoalId: null,
    goalForm: null,
    filters: NO_FILTERS,
    locale,
    save: 'connecting',
    notices: [],
    cacheRecovered: false,
    toast: null,
    canUndo: false,
    canRedo: false,
    today: localToday(),
    presence: NO_PRESENCE,
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The goals board on screen, or null while it loads (or when another kind is on screen). */
export function selectGoalsBoard(s: AppState): GoalsBoardSnapshot | null {
  return (s.activeBoardId && s.goalsBoards[s.activeBoardId]) || null;
}

/** The feedback board on screen, or null. */
export function selectFeedbackBoard(s: AppState): FeedbackBoardSnapshot | null {
  return (s.activeBoardId && s.feedbackBoards[s.activeBoardId]) || null;
}
