// English messages of the command palette (Ctrl/Cmd+K) and of the sample workspace: the
// palette's groups and commands, and the goals, KPIs and feedback the sample adds. Merged into en.ts.
export const paletteEn = {
  palette: {
    title: 'Command palette',
    open: 'Open the command palette',
    placeholder: 'Type a command, or the name of a board, goal or item…',
    empty: 'Nothing matches.',
    groups: { boards: 'Go to board', create: 'Create', workspace: 'Workspace' },
    goTo: 'Go to {{name}}',
    newGoal: 'New goal',
    newFeedback: 'New feedback',
    newBoardOf: '{{label}}',
    language: 'Switch language to {{language}}',
    settings: 'Open Settings',
    backUp: 'Back up this workspace',
    shortcuts: 'Show keyboard shortcuts',
    sample: 'Load sample data',
    removeSample: 'Remove sample data',
    invite: 'Invite teammates',
  },
  sample: {
    offer: 'New here? Try Tandem with a small sample: goals with KPIs and check-ins, and a feedback board linked to them.',
    try: 'Try with sample data',
    adding: 'Adding sample data…',
    added: 'Sample data added: {{goals}} goals and a feedback board with {{items}} items.',
    removed: 'Sample data removed.',
    remove: 'Remove sample data',
    notice: 'This board holds sample data. Removing it takes the sample goals and the sample feedback board away and leaves everything you made.',
    failed: 'The sample data could not be added: {{error}}',
    content: {
      feedbackBoard: 'User feedback (sample)',
      goals: [
        {
          title: 'Grow weekly active teams',
          description: 'More teams come back every week after their first board.',
          team: 'product',
          kpi: { name: 'Weekly active teams', unit: 'number', baseline: 120, target: 200, values: [124, 131, 138, 149, 156] },
          notes: ['First week of the new onboarding', '', 'Invite reminder shipped', '', 'Steady after the webinar'],
        },
        {
          title: 'Keep new customers past their first month',
          description: 'Operations and product together lift 30-day retention.',
          team: 'shared',
          kpi: { name: '30-day retention', unit: 'percent', baseline: 62, target: 75, values: [62, 63, 63, 64, 64] },
          notes: ['Baseline from last quarter', '', 'Support playbook updated', '', 'Slower than hoped'],
        },
        {
          title: 'Answer support tickets within a day',
          description: 'Median first reply under 24 hours on weekdays.',
          team: 'operations',
          kpi: { name: 'Median first reply (hours)', unit: 'number', direction: 'decrease', baseline: 40, target: 24, values: [38, 33, 29, 27, 25] },
          notes: ['Rota started', '', 'Canned replies for billing', '', 'Nearly there'],
        },
      ],
    },
  },
};
