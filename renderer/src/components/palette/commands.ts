// What the command palette offers: every board to go to, what can be created (a goal, a
// feedback item, a board of each kind in the registry), the workspace actions (language,
// Settings, backup, shortcuts, sample data) and, once something is typed, every goal, item and
// meeting of the open boards by its name. Each names itself in both languages, so a search in
// either finds it.
import type { TFunction } from 'i18next';
import { LOCALES } from '../../../../shared/api/bridge';
import { boardName } from '../../boards/board-name';
import { BOARD_FEATURES, boardFeatures } from '../../features/kinds';
import type { BoardRef } from '../../../../shared/model/workspace';
import type { Runtime } from '../../runtime';
import type { AppState } from '../../state/store';

export interface PaletteCommand {
  readonly id: string;
  readonly group: 'boards' | 'create' | 'workspace' | 'entities';
  readonly label: string;
  /** Where an entity lives ("Goal · Goals"), shown after its name. */
  readonly detail?: string;
  /** What the filter matches besides the label: the label in every language, the board's kind. */
  readonly keywords: readonly string[];
  /** The board kind's mark, for boards. */
  readonly icon?: string;
  run(): void;
}

type State = Pick<AppState, 'workspace' | 'locale' | 'activeBoardId'> & { readonly hasSample: boolean };

/** The label in every language, so "目标" finds "Go to Goals" when the app is in English. */
function inEveryLanguage(t: TFunction, key: string, params: Record<string, string> = {}): string[] {
  return LOCALES.map((lng) => t(key, { ...params, lng }));
}

export function paletteCommands(runtime: Runtime, state: State, t: TFunction): PaletteCommand[] {
  const workspace = state.workspace;
  if (!workspace) return [];
  const open = (patch: Partial<AppState>) => runtime.store.setState({ appDialog: null, ...patch });
  const boards = workspace.boards.filter((b) => !b.archived);
  const goalsBoard = boards.find((b) => b.kind === 'goals');
  const active = boards.find((b) => b.id === state.activeBoardId);
  const feedbackBoard = active?.kind === 'feedback' ? active : boards.find((b) => b.kind === 'feedback');
  const openBoardThen = (boardId: string, patch: Partial<AppState>) => {
    runtime.store.setState({ appDialog: null });
    void runtime.openBoard(boardId).then(() => runtime.store.setState(patch));
  };
  const commands: PaletteCommand[] = boards.map((board) => {
    const name = boardName(board, t);
    return {
      id: `board:${board.id}`,
      group: 'boards',
      label: t('palette.goTo', { name }),
      keywords: [name, board.name, ...(board.builtIn ? inEveryLanguage(t, `builtInBoards.${board.builtIn}`) : [])],
      icon: BOARD_FEATURES[board.kind].icon,
      run: () => {
        runtime.store.setState({ appDialog: null });
        void runtime.openBoard(board.id);
      },
    };
  });
  if (!workspace.readOnly) {
    if (goalsBoard) commands.push({ id: 'new-goal', group: 'create', label: t('palette.newGoal'), keywords: inEveryLanguage(t, 'palette.newGoal'), run: () => openBoardThen(goalsBoard.id, { goalForm: { mode: 'create' } }) });
    if (feedbackBoard) commands.push({ id: 'new-feedback', group: 'create', label: t('palette.newFeedback'), keywords: inEveryLanguage(t, 'palette.newFeedback'), run: () => openBoardThen(feedbackBoard.id, { feedbackDialog: 'new-item' }) });
    for (const [kind, feature] of boardFeatures()) {
      if (!feature.newBoard) continue;
      const labelKey = feature.newBoard.labelKey;
      commands.push({ id: `new-board:${kind}`, group: 'create', label: t(labelKey), keywords: inEveryLanguage(t, labelKey), icon: feature.icon, run: () => open({ appDialog: `new-board:${kind}` }) });
    }
  }
  for (const locale of LOCALES) {
    if (locale === state.locale) continue;
    const language = t(`language.${locale}`);
    commands.push({ id: `language:${locale}`, group: 'workspace', label: t('palette.language', { language }), keywords: [...inEveryLanguage(t, 'palette.language', { language }), ...inEveryLanguage(t, 'settings.language')], run: () => { open({}); runtime.setLocale(locale); } });
  }
  commands.push(
    { id: 'settings', group: 'workspace', label: t('palette.settings'), keywords: inEveryLanguage(t, 'palette.settings'), run: () => open({ mainView: 'settings' }) },
    { id: 'back-up', group: 'workspace', label: t('palette.backUp'), keywords: inEveryLanguage(t, 'palette.backUp'), run: () => open({ appDialog: 'back-up' }) },
    { id: 'invite', group: 'workspace', label: t('palette.invite'), keywords: inEveryLanguage(t, 'palette.invite'), run: () => open({ appDialog: 'invite' }) },
    { id: 'shortcuts', group: 'workspace', label: t('palette.shortcuts'), keywords: inEveryLanguage(t, 'palette.shortcuts'), run: () => open({ appDialog: 'shortcuts' }) },
  );
  if (!workspace.readOnly && !state.hasSample)
    commands.push({ id: 'sample', group: 'workspace', label: t('palette.sample'), keywords: inEveryLanguage(t, 'palette.sample'), run: () => { open({}); void runtime.sample.add(); } });
  if (!workspace.readOnly && state.hasSample)
    commands.push({ id: 'remove-sample', group: 'workspace', label: t('palette.removeSample'), keywords: inEveryLanguage(t, 'palette.removeSample'), run: () => { open({}); void runtime.sample.remove(); } });
  return commands;
}

/** The snapshots of every kind, in the registry's order (what `boardFeatures()` lists). */
export type KindSnapshots = readonly (Readonly<Record<string, unknown>> | undefined)[];

/**
 * Every goal, feedback item, plan item, meeting (and the rest each kind's search names) of the
 * boards whose snapshots are loaded: running one opens its board with its panel. Matched only
 * once something is typed, so a workspace of thousands of items does not fill the first list.
 */
export function entityCommands(runtime: Runtime, boards: readonly BoardRef[], snapshots: KindSnapshots, t: TFunction): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  const live = new Map(boards.filter((b) => !b.archived).map((b) => [b.id, b]));
  for (const [i, [kind, feature]] of boardFeatures().entries()) {
    const kindNames = inEveryLanguage(t, feature.search.labelKey);
    const kindName = t(feature.search.labelKey);
    for (const [boardId, board] of Object.entries(snapshots[i] ?? {})) {
      const ref = live.get(boardId);
      if (!ref) continue;
      const name = boardName(ref, t);
      const search = feature.search as { hits(board: unknown, words: readonly string[]): Iterable<{ id: string; title: string }>; select(id: string): Partial<AppState> };
      // No words: every entity the kind's search knows matches.
      for (const hit of search.hits(board, [])) {
        commands.push({
          id: `${kind}:${boardId}:${hit.id}`,
          group: 'entities',
          label: hit.title,
          detail: `${kindName} · ${name}`,
          keywords: [...kindNames, name],
          icon: feature.icon,
          run: () => {
            runtime.store.setState({ appDialog: null });
            void runtime.openBoard(boardId).then(() => runtime.store.setState(search.select(hit.id)));
          },
        });
      }
    }
  }
  return commands;
}
