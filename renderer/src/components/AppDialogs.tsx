// The workspace-level dialogs, opened by name through the store (`appDialog`) so a sidebar
// button, a Settings button and a palette command open the same one; and Ctrl/Cmd+K, which
// opens (or closes) the command palette from anywhere, text fields included.
import { useEffect } from 'react';
import { isBoardKind } from '../../../shared/model/kinds';
import { useApp, useRuntime } from '../context';
import { BOARD_FEATURES } from '../features/kinds';
import { BackUpDialog, RestoreDialog } from './BackupDialog';
import { InviteDialog } from './InviteDialog';
import { LeaveDialog } from './LeaveDialog';
import { CommandPalette } from './palette/CommandPalette';
import { ShortcutSheet } from './ShortcutSheet';
import { ImportUnsyncedDialog } from './UnsyncedEdits';

function NewBoard({ kind, onClose }: { kind: string; onClose(): void }) {
  const Dialog = isBoardKind(kind) ? BOARD_FEATURES[kind].newBoard?.Dialog : undefined;
  return Dialog ? <Dialog onClose={onClose} /> : null;
}

export function AppDialogs() {
  const runtime = useRuntime();
  const dialog = useApp((s) => s.appDialog);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'k') return;
      const current = runtime.store.getState().appDialog;
      // Another dialog keeps the keyboard: the palette never opens over it.
      if (current !== 'palette' && document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      runtime.store.setState({ appDialog: current === 'palette' ? null : 'palette' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runtime]);
  // Only closes the dialog that asked: a command may already have opened the next one.
  const close = (which: string) => () => runtime.store.setState((s) => (s.appDialog === which ? { appDialog: null } : {}));
  if (!dialog) return null;
  if (dialog === 'palette') return <CommandPalette onClose={close('palette')} />;
  if (dialog === 'shortcuts') return <ShortcutSheet onClose={close('shortcuts')} />;
  if (dialog === 'invite') return <InviteDialog onClose={close('invite')} />;
  if (dialog === 'back-up') return <BackUpDialog onClose={close('back-up')} />;
  if (dialog === 'restore') return <RestoreDialog onClose={close('restore')} />;
  if (dialog === 'import-unsynced') return <ImportUnsyncedDialog onClose={close('import-unsynced')} />;
  if (dialog === 'leave') return <LeaveDialog onClose={close('leave')} />;
  return <NewBoard kind={dialog.slice('new-board:'.length)} onClose={close(dialog)} />;
}
