// The command palette (Ctrl/Cmd+K): cmdk's list of commands inside the app's one Dialog, so
// focus, Escape and the return of focus behave as in every other dialog. While a query is typed
// the list is one ranking (rank.ts), best match first, rather than groups, and takes in every
// goal, item and meeting.
import { Command } from 'cmdk';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useRuntime } from '../../context';
import { Dialog } from '../dialog/Dialog';
import { useHasSample } from '../SampleNotice';
import { boardFeatures } from '../../features/kinds';
import { entityCommands, paletteCommands, type PaletteCommand } from './commands';
import { rankCommands } from './rank';

const GROUPS: readonly PaletteCommand['group'][] = ['boards', 'create', 'workspace'];

/**
 * Keeps `aria-activedescendant` (on the input and the list) naming the selected option. cmdk works it out only
 * when the selected value changes, so when the list is drawn again (switching between groups
 * and ranked matches, or a match that drops out of the top 50 and comes back) the input would
 * name an element that is gone, which a screen reader reads as nothing.
 */
function useActiveDescendant(element: HTMLDivElement | null) {
  useEffect(() => {
    if (!element) return;
    const sync = () => {
      const id = element.querySelector('[cmdk-item][aria-selected="true"]')?.id;
      for (const owner of element.querySelectorAll('[cmdk-input], [cmdk-list]')) {
        if (owner.getAttribute('aria-activedescendant') === (id ?? null)) continue;
        if (id) owner.setAttribute('aria-activedescendant', id);
        else owner.removeAttribute('aria-activedescendant');
      }
    };
    const observer = new MutationObserver(sync);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected', 'aria-activedescendant'] });
    sync();
    return () => observer.disconnect();
  }, [element]);
}

/** `mode` is part of the value so that the first ranked match is selected afresh on typing. */
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
  const shown = useMemo(() => rankCommands(commands, query), [commands, query]);
  // A state, not a ref: the dialog's portal mounts the list after this component's first commit.
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  useActiveDescendant(root);
  return (
    <Dialog title={<span className="visually-hidden">{t('palette.title')}</span>} onClose={onClose} className="palette" testId="command-palette">
      <Command ref={setRoot} label={t('palette.title')} shouldFilter={false} loop>
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
