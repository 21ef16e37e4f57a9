// The goals kind on screen: its board view, its snapshot reader, how search finds a goal and
// what other kinds may link to (goals, with status and progress).
// The registry (../kinds.ts) is the only importer; other kinds never reach in here.
import { createGoalsReader, goalStatusOn } from '../../../../shared/model/goals/read';
import type { BoardFeature } from '../board-feature';
import { goalsReviewLabels } from './review-labels';
import { GoalsBoard } from './components/GoalsBoard';

export const goalsFeature: BoardFeature<'goalsBoards'> = {
  icon: '◎',
  View: GoalsBoard,
  slice: 'goalsBoards',
  createReader: (doc, today) => createGoalsReader(doc, today),
  entityOf: (board, id) => board.goals.find((g) => g.id === id),
  linkTargets: (board) => board.goals.map((goal) => ({ id: goal.id, title: goal.title, status: goal.status, progress: goal.progress })),
  facts: (board, boardId) => ({
    goals: board.goals.map((goal) => ({
      boardId, id: goal.id, title: goal.title, status: goal.status, statusOn: (date: string) => goalStatusOn(goal, date),
      kpis: goal.kpis.map((k) => ({ id: k.id, name: k.name, unit: k.unit, target: k.target, checkIns: k.checkIns.map((c) => ({ date: c.date, value: c.value })) })),
    })),
  }),
  reviewLabels: goalsReviewLabels,
  search: {
    className: 'goal',
    labelKey: 'search.goal',
    *hits(board, words) {
      for (const goal of board.goals) {
        const text = `${goal.title}\n${goal.description}\n${goal.kpis.map((k) => k.name).join(' ')}`.toLocaleLowerCase();
        if (words.every((w) => text.includes(w))) yield { id: goal.id, title: goal.title };
      }
    },
    select: (id) => ({ selectedGoalId: id }),
  },
};
