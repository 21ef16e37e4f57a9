// The command palette (Ctrl/Cmd+K): cmdk's list of commands inside the app's one Dialog, so
// focus, Escape and the return of focus behave as in every other dialog. Matching uses cmdk's
// fuzzy score on each command's names in both languages; while a query is typed the list is
// one ranking, best match first, rather than groups, and takes in every goal, item and meeting.
import { Command, defaultFilter } from 'cmdk';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../../context';
import { Dialog } from '../dialog/Dialog';
import { useHasSample } from '../SampleNotice';
import { boardFeatures } from '../../features/kinds';
import { entityCommands, paletteCommands, type PaletteCommand } from './commands';

const GROUPS: readonly PaletteCommand['group'][] = ['boards', 'create', 'workspace'];

/** How many matches a typed query lists: enough to scroll, few enough to draw at once. */
const MAX_MATCHES = 50;

/** The commands matching `query`, best first; every command, grouped, while it is empty. */
function rank(commands: readonly PaletteCommand[], query: string): readonly PaletteCommand[] {
  const q = query.trim();
  if (q === '') return commands.filter((c) => c.group !== 'entities');
  return commands
    .map((command) => ({ command, score: defaultFilter(command.label, q) || defaultFilter([command.label, ...command.keywords].join(' '), q) * 0.5 }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_MATCHES)
    .map((m) => m.command);
}

/**
 * `mode` is part of the value because switching between the grouped list and the ranked matches
 * mounts every item again with a new element id: cmdk works out the input's
 * `aria-activedescendant` only when the selected value changes, so an unchanged value would
 * leave it naming an element that is gone.
 */
function Item({ command, mode }: { command: PaletteCommand; mode: 'browse' | 'match' }) {
  return (
    <Command.Item value={`${mode}:${command.id}`} onSelect={() => command.run()}>
      {command.icon && <span aria-hidden="true">{command.icon} </span>}
      {command.label}
      {command.detail && <span className="muted small"> · {command.detail}</span>}
    </Command.Item>
  );
}

export function CommandPalette({ onClose }: { onClose(): void }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const hasSample = useHasSample();
  const picked = useApp(useShallow((s) => ({ workspace: s.workspace, locale: s.locale, activeBoardId: s.activeBoardId })));
  const state = useMemo(() => ({ ...picked, hasSample }), [picked, hasSample]);
  const boards = useApp((s) => s.workspace?.boards);
  const snapshots = useApp(useShallow((s) => boardFeatures().map(([, feature]) => s[feature.slice])));
  const commands = useMemo(
    () => [...paletteCommands(runtime, state, t), ...entityCommands(runtime, boards ?? [], snapshots, t)],
    [runtime, state, boards, snapshots, t],
  );
  const [query, setQuery] = useState('');
  const shown = useMemo(() => rank(commands, query), [commands, query]);
  return (
    <Dialog title={<span className="visually-hidden">{t('palette.title')}</span>} onClose={onClose} className="palette" testId="command-palette">
      <Command label={t('palette.title')} shouldFilter={false} loop>
        <Command.Input value={query} onValueChange={setQuery} placeholder={t('palette.placeholder')} aria-label={t('palette.placeholder')} autoFocus />
        <Command.List className="palette-list">
          <Command.Empty className="muted small">{t('palette.empty')}</Command.Empty>
          {query.trim() !== ''
            ? shown.map((c) => <Item key={c.id} command={c} mode="match" />)
            : GROUPS.map((group) => (
                <Command.Group key={group} heading={t(`palette.groups.${group}`)}>
                  {shown
                    .filter((c) => c.group === group)
                    .map((c) => (
                      <Item key={c.id} command={c} mode="browse" />
                    ))}
                </Command.Group>
              ))}
        </Command.List>
      </Command>
    </Dialog>
  );
}
