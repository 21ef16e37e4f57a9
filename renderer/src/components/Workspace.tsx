// The workspace screen: sidebar of boards and members (inviting teammates, the Network view,
// backing up), the open board or the Network view, the save and sync indicators, the peer's
// notices and the undo toast.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';
import { BackUpDialog, RestoreDialog } from './BackupDialog';
import { AwaySummary } from './conflicts/AwaySummary';
import { ReviewConflictsButton } from './conflicts/ConflictReview';
import { BOARD_KIND_IDS, type BoardKind } from '../../../shared/model/kinds';
import { BOARD_FEATURES, boardFeatures } from '../features/kinds';
import { InviteDialog } from './InviteDialog';
import { JoinDialog } from './JoinDialog';
import { LeaveDialog } from './LeaveDialog';
import { BoardReach } from './Reach';
import { NetworkView } from './NetworkView';
import { BoardPresence, OnlineMembers } from './presence/PresenceAvatars';
import { SearchBox } from './SearchBox';
import { ShortcutSheetButton } from './ShortcutSheet';
import { LanguageSwitch } from './LanguageSwitch';
import { MemberPicker } from './MemberPicker';
import { Notices } from './Notices';
import { SaveIndicator } from './SaveIndicator';
import { SyncIndicator } from './SyncIndicator';
import { Toast } from './Toast';
import { ImportUnsyncedDialog, UnsyncedBanner } from './UnsyncedEdits';

function NewBoard({ kind, onClose }: { kind: BoardKind; onClose(): void }) {
  const Dialog = BOARD_FEATURES[kind].newBoard?.Dialog;
  return Dialog ? <Dialog onClose={onClose} /> : null;
}

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
  const [backupDialog, setBackupDialog] = useState<'back-up' | 'restore' | 'import-unsynced' | null>(null);
  const [newBoard, setNewBoard] = useState<BoardKind | null>(null);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const openedInviteLink = useApp((s) => s.openedInviteLink);
  const networkOpen = useApp((s) => s.mainView === 'network');
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
              <button className={board.id === activeBoardId && !networkOpen ? 'board-link active' : 'board-link'} aria-current={board.id === activeBoardId && !networkOpen ? 'page' : undefined} onClick={() => void runtime.openBoard(board.id)}>
                <span aria-hidden="true">{BOARD_FEATURES[board.kind].icon}</span> {board.name}
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
            <button key={kind} className="board-link new-board" onClick={() => setNewBoard(kind)}>
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
                  {board.name}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {newBoard && <NewBoard kind={newBoard} onClose={() => setNewBoard(null)} />}
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
      <div className="sidebar-backup">
        <button className="board-link" onClick={() => setInviting(true)}>
          {t('invite.open')}
        </button>
        <button className={networkOpen ? 'board-link active' : 'board-link'} aria-current={networkOpen ? 'page' : undefined} onClick={() => runtime.store.setState({ mainView: 'network' })}>
          {t('network.open')}
        </button>
        <button className="board-link" onClick={() => setBackupDialog('back-up')}>
          {t('backup.backUp')}
        </button>
        <button className="board-link" onClick={() => setBackupDialog('restore')}>
          {t('backup.restore')}
        </button>
        <button className="board-link" onClick={() => setBackupDialog('import-unsynced')}>
          {t('unsynced.import')}
        </button>
        <button className="board-link" onClick={() => setLeaving(true)}>
          {t('leave.open')}
        </button>
      </div>
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
      {leaving && <LeaveDialog onClose={() => setLeaving(false)} />}
      {openedInviteLink && <JoinDialog inWorkspace initialCode={openedInviteLink} onClose={() => runtime.store.setState({ openedInviteLink: null })} />}
      {backupDialog === 'back-up' && <BackUpDialog onClose={() => setBackupDialog(null)} />}
      {backupDialog === 'restore' && <RestoreDialog onClose={() => setBackupDialog(null)} />}
      {backupDialog === 'import-unsynced' && <ImportUnsyncedDialog onClose={() => setBackupDialog(null)} />}
      <div className="sidebar-foot">
        <LanguageSwitch />
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
          {mainView === 'network' ? <NetworkView /> : <BoardView kind={kind} />}
        </main>
      </div>
      <Toast />
      {choosingMember && <MemberPicker />}
    </div>
  );
}
