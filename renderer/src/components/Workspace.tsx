// The workspace screen: sidebar of boards and members (inviting teammates, the Settings entry),
// the open board or Settings, the save and sync indicators, the peer's notices, the undo toast
// and the workspace-level dialogs (the command palette among them).
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';
import { AwaySummary } from './conflicts/AwaySummary';
import { ReviewConflictsButton } from './conflicts/ConflictReview';
import { BOARD_KIND_IDS, type BoardKind } from '../../../shared/model/kinds';
import { BOARD_FEATURES, boardFeatures } from '../features/kinds';
import { JoinDialog } from './JoinDialog';
import { BoardReach } from './Reach';
import { BoardPresence, OnlineMembers } from './presence/PresenceAvatars';
import { SearchBox } from './SearchBox';
import { ShortcutSheetButton } from './ShortcutSheet';
import { MemberPicker } from './MemberPicker';
import { Notices } from './Notices';
import { SampleNotice } from './SampleNotice';
import { SaveIndicator } from './SaveIndicator';
import { SyncIndicator } from './SyncIndicator';
import { Toast } from './Toast';
import { UnsyncedBanner } from './UnsyncedEdits';
import { AppDialogs } from './AppDialogs';
import { LanguageSwitch } from './LanguageSwitch';
import { SettingsView } from './settings/SettingsView';
import { boardName } from '../boards/board-name';

/** The open board's view; while the board index loads, the registry's first kind (goals). */
function BoardView({ kind }: { kind: BoardKind | undefined }) {
  const View = BOARD_FEATURES[kind ?? (BOARD_KIND_IDS[0] as BoardKind)].View;
  return <View />;
}

function Sidebar() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const workspace = useApp((s) => s.workspace);
  const activeBoardId = useApp((s) => s.activeBoardId);
  const memberId = useApp((s) => s.identity?.memberId);
  const openedInviteLink = useApp((s) => s.openedInviteLink);
  const settingsOpen = useApp((s) => s.mainView === 'settings');
  const archived = workspace?.boards.filter((b) => b.archived) ?? [];
  return (
    <nav className="sidebar" aria-label={t('sidebar.boards')}>
      <div className="workspace-name" title={workspace?.name}>
        {workspace?.name ?? '…'}
      </div>
      <h2 className="sidebar-heading">{t('sidebar.boards')}</h2>
      <ul className="board-list">
        {workspace?.boards
          .filter((b) => !b.archived)
          .map((board) => (
            <li key={board.id}>
              <button className={board.id === activeBoardId && !settingsOpen ? 'board-link active' : 'board-link'} aria-current={board.id === activeBoardId && !settingsOpen ? 'page' : undefined} onClick={() => void runtime.openBoard(board.id)}>
                <span aria-hidden="true">{BOARD_FEATURES[board.kind].icon}</span> {boardName(board, t)}
              </button>
              <BoardPresence boardId={board.id} />
            </li>
          ))}
        {workspace?.newerBoards.map((board) => (
          <li key={board.id} className="newer-board">
            <span className="board-link" aria-disabled="true" title={t('sidebar.newerBoardHint')}>
              <span aria-hidden="true">⬆</span> {board.name}
              <span className="muted small"> {t('sidebar.newerBoard')}</span>
            </span>
          </li>
        ))}
      </ul>
      {!workspace?.readOnly &&
        boardFeatures().map(([kind, feature]) =>
          feature.newBoard ? (
            <button key={kind} className="board-link new-board" onClick={() => runtime.store.setState({ appDialog: `new-board:${kind}` })}>
              + {t(feature.newBoard.labelKey)}
            </button>
          ) : null,
        )}
      {archived.length > 0 && (
        <details className="archived-boards">
          <summary>{t('feedback.archived')}</summary>
          <ul className="board-list">
            {archived.map((board) => (
              <li key={board.id}>
                <button className={board.id === activeBoardId ? 'board-link active' : 'board-link'} onClick={() => void runtime.openBoard(board.id)}>
                  {boardName(board, t)}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <h2 className="sidebar-heading">{t('sidebar.members')}</h2>
      <ul className="member-list">
        {workspace?.members.map((m) => (
          <li key={m.id}>
            <span className="avatar" style={{ background: m.colour }} aria-hidden="true">
              {m.name.slice(0, 1).toUpperCase()}
            </span>
            <span>{m.id === memberId ? t('sidebar.you', { name: m.name }) : m.name}</span>
            <span className="muted small">{t(`teamShort.${m.team}`)}</span>
          </li>
        ))}
      </ul>
      <button className="board-link sidebar-invite" onClick={() => runtime.store.setState({ appDialog: 'invite' })}>
        + {t('invite.open')}
      </button>
      {openedInviteLink && <JoinDialog inWorkspace initialCode={openedInviteLink} onClose={() => runtime.store.setState({ openedInviteLink: null })} />}
      <div className="sidebar-foot">
        <LanguageSwitch />
        <button className={settingsOpen ? 'board-link active' : 'board-link'} aria-current={settingsOpen ? 'page' : undefined} onClick={() => runtime.store.setState({ mainView: 'settings' })}>
          <span aria-hidden="true">⚙</span> {t('settings.open')}
        </button>
      </div>
    </nav>
  );
}

export function Workspace() {
  const { t } = useTranslation();
  const readOnly = useApp((s) => s.workspace?.readOnly ?? false);
  const schemaVersion = useApp((s) => s.workspace?.schemaVersion ?? 0);
  const kind = useApp((s) => s.workspace?.boards.find((b) => b.id === s.activeBoardId)?.kind);
  const mainView = useApp((s) => s.mainView);
  const waiting = useApp((s) => s.workspace === null && s.awaitingJoinedWorkspace);
  const choosingMember = useApp((s) => s.choosingMember);
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <div className="main-column">
        <header className="topbar">
          <SearchBox />
          <Notices />
          <OnlineMembers />
          <SyncIndicator />
          <BoardReach />
          <ReviewConflictsButton />
          <SaveIndicator />
          <ShortcutSheetButton />
        </header>
        {waiting && (
          <p className="banner info" role="status">
            {t('join.waiting')}
          </p>
        )}
        {readOnly && (
          <p className="banner warning" role="status">
            {t('readOnly', { version: schemaVersion })}
          </p>
        )}
        <UnsyncedBanner />
        <AwaySummary />
        <main id="main" className="board-area" tabIndex={-1}>
          <SampleNotice />
          {mainView === 'settings' ? <SettingsView /> : <BoardView kind={kind} />}
        </main>
      </div>
      <Toast />
      <AppDialogs />
      {choosingMember && <MemberPicker />}
    </div>
  );
}
