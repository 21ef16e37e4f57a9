// Undo on a goals board: a Y.UndoManager over the board's collections tracking only the
// local origin undoes my edits, never a teammate's, and a goal deletion in one step.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCheckIn,
  addKpi,
  checkInsOf,
  createGoal,
  deleteGoal,
  goalsOf,
  kpisOf,
  LOCAL_ORIGIN,
  readGoalsBoard,
  updateGoal,
} from '../../shared/model';
import { contentHash, goalInput, newBoard, peerOrigin, replicaOf } from './support/docs';

const TODAY = '2026-05-15';

function undoManagerFor(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([goalsOf(doc), kpisOf(doc), checkInsOf(doc)], { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
}

/** Applies what `from` has and `to` lacks to `to`, as the sync layer would for a teammate's edit. */
function receiveFrom(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), peerOrigin('x'));
}

describe('undo', () => {
  it('undoes my edit and keeps a teammate’s edit to the same goal', () => {
    const mine = newBoard();
    const goalId = createGoal(mine, goalInput({ title: 'Draft', description: 'Plan' }));
    const theirs = replicaOf(mine);
    const undo = undoManagerFor(mine);

    updateGoal(mine, { id: goalId, title: 'Final' });
    updateGoal(theirs, { id: goalId, description: 'Plan agreed with ops', confidence: 80 });
    receiveFrom(theirs, mine);

    undo.undo();
    expect(readGoalsBoard(mine, TODAY).goals[0]).toMatchObject({ title: 'Draft', description: 'Plan agreed with ops', confidence: 80 });
  });

  it('never undoes a teammate’s edit, even when it is the only one', () => {
    const mine = newBoard();
    const goalId = createGoal(mine, goalInput({ title: 'Draft' }));
    const theirs = replicaOf(mine);
    const undo = undoManagerFor(mine);
    updateGoal(theirs, { id: goalId, title: 'Theirs' });
    createGoal(theirs, goalInput({ title: 'Their new goal' }));
    receiveFrom(theirs, mine);

    expect(undo.canUndo()).toBe(false);
    undo.undo();
    expect(readGoalsBoard(mine, TODAY).goals.map((g) => g.title)).toEqual(['Theirs', 'Their new goal']);
  });

  it('undoes and redoes my edits one at a time, newest first', () => {
    const doc = newBoard();
    const undo = undoManagerFor(doc);
    const goalId = createGoal(doc, goalInput({ title: 'One' }));
    updateGoal(doc, { id: goalId, title: 'Two' });
    updateGoal(doc, { id: goalId, title: 'Three' });
    undo.undo();
    expect(readGoalsBoard(doc, TODAY).goals[0]?.title).toBe('Two');
    undo.undo();
    expect(readGoalsBoard(doc, TODAY).goals[0]?.title).toBe('One');
    undo.undo();
    expect(readGoalsBoard(doc, TODAY).goals).toEqual([]);
    undo.redo();
    undo.redo();
    expect(readGoalsBoard(doc, TODAY).goals[0]?.title).toBe('Two');
  });

  it('restores a deleted goal with its KPIs, check-ins and sub-goals in one step', () => {
    const doc = newBoard();
    const goalId = createGoal(doc, goalInput({ title: 'Parent', description: 'Why this matters' }));
    const childId = createGoal(doc, goalInput({ title: 'Child', parentId: goalId }));
    const kpiId = addKpi(doc, { goalId, name: 'Signups', unit: 'number', direction: 'increase', baseline: 0, target: 100 });
    addKpi(doc, { goalId, name: 'Launched', unit: 'boolean', direction: 'increase', baseline: 0, target: 1 });
    addCheckIn(doc, { kpiId, value: 20, date: '2026-04-01', authorId: 'm_a' }, 1);
    addCheckIn(doc, { kpiId, value: 45, date: '2026-05-01', note: 'Campaign', authorId: 'm_b' }, 2);
    const before = readGoalsBoard(doc, TODAY);
    const hashBefore = contentHash(doc);

    const undo = undoManagerFor(doc);
    deleteGoal(doc, { id: goalId });
    expect(undo.undoStack).toHaveLength(1);
    expect(readGoalsBoard(doc, TODAY).goals.map((g) => g.id)).toEqual([childId]);
    expect(kpisOf(doc).size).toBe(0);
    expect(checkInsOf(doc).size).toBe(0);

    undo.undo();
    expect(undo.undoStack).toHaveLength(0);
    expect(readGoalsBoard(doc, TODAY)).toEqual(before);
    expect(contentHash(doc)).toBe(hashBefore);

    undo.redo();
    expect(readGoalsBoard(doc, TODAY).goals.map((g) => g.id)).toEqual([childId]);
    expect(kpisOf(doc).size).toBe(0);
  });

  it('sends my undo to teammates like any other edit', () => {
    const mine = newBoard();
    const goalId = createGoal(mine, goalInput({ title: 'Draft' }));
    const theirs = replicaOf(mine);
    const undo = undoManagerFor(mine);
    updateGoal(mine, { id: goalId, title: 'Oops' });
    receiveFrom(mine, theirs);
    undo.undo();
    receiveFrom(mine, theirs);
    expect(readGoalsBoard(theirs, TODAY).goals[0]?.title).toBe('Draft');
    expect(contentHash(theirs)).toBe(contentHash(mine));
  });
});
