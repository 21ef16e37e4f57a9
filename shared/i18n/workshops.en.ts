// English messages of workshop boards: sticky notes, clusters, dot voting, the shared timer,
// facilitation and promoting a cluster to feedback. To be merged into en.ts.
export const workshopsEn = {
  workshops: {
    newBoard: 'New workshop',
  },
  errors: {
    voteBudget: 'Give each person from 1 to 50 votes.',
    voteBudgetSpent: 'You have used all {{max}} of your votes. Take one back to vote elsewhere.',
    oneVotePerNote: 'This vote allows one dot per note, and you already voted for this one.',
    votingClosed: 'Voting is not open right now.',
    minutes: 'Enter a number of minutes, like 5 or 2.5 (up to 240).',
    noTimer: 'Start the timer first.',
  },
};
