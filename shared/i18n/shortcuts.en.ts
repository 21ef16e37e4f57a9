// English messages of the keyboard shortcut sheet ("?"): each shortcut's keys are drawn by the
// renderer; these say what each does, grouped by where it works. Merged into en.ts.
export const shortcutsEn = {
  shortcuts: {
    open: 'Keyboard shortcuts',
    title: 'Keyboard shortcuts',
    intro: 'Press ? anywhere outside a text field to see this list again.',
    or: 'or',
    groups: { everywhere: 'Everywhere', goals: 'Goals board', feedback: 'Feedback board', search: 'Search' },
    actions: {
      sheet: 'Show these shortcuts',
      palette: 'Open the command palette: go to a board, create, switch language, back up…',
      undo: 'Undo my last edit',
      redo: 'Redo',
      move: 'Move to the next or previous control',
      close: 'Close a dialog or panel; focus goes back to where it was opened',
      openCard: 'Open the focused goal or card',
      moveGoal: 'Move the focused goal up or down',
      views: 'Switch view (on the view tabs)',
      moveCard: 'Move the focused card to the previous or next column',
      moveCardInColumn: 'Move the focused card within its column (board order)',
      scrollColumns: 'Scroll the columns sideways (on the board columns)',
      comment: 'Post the comment being written',
      searchResults: 'Go through the results',
      searchOpen: 'Open the chosen result',
    },
  },
};
