// What the command palette offers: every board to go to, what can be created (a goal, a
// feedback item, a board of each kind in the registry) and the workspace actions (language,
// Settings, backup, shortcuts, sample data). Each names itself in both languages, so a search
// in either finds it.
import type { TFunction } from 'i18next';
import { LOCALES } from '../../../../shared/api/bridge';
import { boardName } from '../../boards/board-name';
import { BOARD_FEATURES, boardFeatures } from '../../features/kinds';
import type { Runtime } from '../../runtime';
import type { AppState } from '../../state/store';

export interface PaletteCommand {
  readonly id: string;
  readonly group: 'boards' | 'create' | 'workspace';
  readonly label: string;
  /** What the filter matches besides the label: the label in every language, the board's kind. */
  readonly keywords: readonly string[];
  /** The board kind's mark, for boards. */
  readonly icon?: string;
  run(): void;
}

type State = Pick<AppState, 'workspace' | 'locale' | 'activeBoardId'>;

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
  if (!workspace.readOnly)
    commands.push({ id: 'sample', group: 'workspace', label: t('palette.sample'), keywords: inEveryLanguage(t, 'palette.sample'), run: () => { open({}); void runtime.sample.add(); } });
  return commands;
}
