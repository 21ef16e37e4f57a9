// English messages of the command palette (Ctrl/Cmd+K) and of the sample workspace: the
// palette's groups and commands, and the goals, KPIs and feedback the sample adds. Merged into en.ts.
export const paletteEn = {
  palette: {
    title: 'Command palette',
    open: 'Open the command palette',
    placeholder: 'Type a command or a board name…',
    empty: 'No command matches.',
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
    invite: 'Invite teammates',
  },
  sample: {
    offer: 'New here? Try Tandem with a small sample: goals with KPIs and check-ins, and a feedback board linked to them.',
    try: 'Try with sample data',
    adding: 'Adding sample data…',
    added: 'Sample data added: {{goals}} goals and a feedback board with {{items}} items.',
    removed: 'Sample data removed.',
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
      items: [
        { title: 'Export a goal’s check-ins to a spreadsheet', description: 'Our finance team wants the raw numbers every month.', channel: 'interview', goal: 0, votes: 1, comment: 'Three customers asked for this in the last month.' },
        { title: 'Reminder before a check-in is due', description: 'I forget to update the KPI until the review meeting.', channel: 'survey', goal: 0, votes: 1, comment: '' },
        { title: 'Onboarding checklist for new workspaces', description: 'A short list of first steps would help new teams start.', channel: 'support', goal: 1, votes: 1, comment: 'Could reuse the sample data as the first step.' },
        { title: 'Billing page is hard to find', description: 'Two tickets this week from admins looking for invoices.', channel: 'support', goal: 2, votes: 0, comment: '' },
        { title: 'Dark theme', description: 'Working late, the white screen is tiring.', channel: 'app-review', goal: null, votes: 0, comment: '' },
        { title: 'Faster reply templates for common questions', description: 'Agents retype the same answers about invites and backups.', channel: 'support', goal: 2, votes: 1, comment: '' },
      ],
    },
  },
};
