// English messages of the Settings view (language, backup and restore, network and company
// relay, the workspace), the calm status of a person working alone, the built-in board names,
// the short goal form and the reason a goal is off track. Merged into en.ts.
export const settingsEn = {
  settings: {
    open: 'Settings',
    title: 'Settings',
    language: 'Language',
    languageHint: 'Tandem’s words and dates follow this choice on this laptop.',
    backup: 'Backup & restore',
    backupHint: 'Keep a copy of the whole workspace in a file, or bring one back.',
    network: 'Network & relay',
    networkHint: 'How this laptop finds teammates nearby, and the company relay for teammates elsewhere.',
    workspace: 'Workspace',
    sample: 'Sample data',
    sampleHint: 'Goals and a feedback board to try Tandem with, marked as sample and removed in one step.',
    workspaceHint: 'Leaving removes this workspace from this laptop; teammates keep their copies.',
  },
  calm: {
    alone: 'Only on this laptop',
    aloneHint: 'Everything you make is saved on this laptop. Nobody else sees it until you invite teammates.',
    offlineMeaning: 'Saved here; syncs when a teammate is reachable',
  },
  builtInBoards: { goals: 'Goals' },
  goalShort: {
    kpiLegend: 'First KPI',
    kpiName: 'KPI name',
    kpiUnit: 'Unit',
    kpiTarget: 'Target',
    kpiHint: 'Optional: the number that shows progress. Baseline starts at 0; change it later.',
    moreOptions: 'More options',
    moreOptionsHint: 'team, period, parent goal, confidence',
  },
  offTrack: {
    behind: 'behind the expected pace: {{progress}}% of target at {{elapsed}}% of the period',
    onPace: '{{progress}}% of target at {{elapsed}}% of the period',
    setByHand: 'set by hand',
  },
};
