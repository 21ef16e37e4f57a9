// The command palette (Ctrl/Cmd+K): cmdk's filtered list of commands inside the app's one
// Dialog, so focus, Escape and the return of focus behave as in every other dialog.
import { Command, defaultFilter } from 'cmdk';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../../context';
import { Dialog } from '../dialog/Dialog';
import { paletteCommands, type PaletteCommand } from './commands';

const GROUPS: readonly PaletteCommand['group'][] = ['boards', 'create', 'workspace'];

/** Matches on the label and keywords only: the command's id is not something a person types. */
const filter = (_value: string, search: string, keywords?: string[]) => defaultFilter((keywords ?? []).join(' '), search);

export function CommandPalette({ onClose }: { onClose(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const state = useApp(useShallow((s) => ({ workspace: s.workspace, locale: s.locale, activeBoardId: s.activeBoardId })));
  const commands = useMemo(() => paletteCommands(runtime, state, t), [runtime, state, t]);
  return (
    <Dialog title={<span className="visually-hidden">{t('palette.title')}</span>} onClose={onClose} className="palette" testId="command-palette">
      <Command label={t('palette.title')} filter={filter} loop>
        <Command.Input placeholder={t('palette.placeholder')} aria-label={t('palette.placeholder')} autoFocus />
        <Command.List className="palette-list">
          <Command.Empty className="muted small">{t('palette.empty')}</Command.Empty>
          {GROUPS.map((group) => (
            <Command.Group key={group} heading={t(`palette.groups.${group}`)}>
              {commands
                .filter((c) => c.group === group)
                .map((c) => (
                  <Command.Item key={c.id} value={c.id} keywords={[c.label, ...c.keywords]} onSelect={() => c.run()}>
                    {c.icon && <span aria-hidden="true">{c.icon} </span>}
                    {c.label}
                  </Command.Item>
                ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Dialog>
  );
}
