// Saved views: each person sees and changes only their own, they travel with the board to
// their other laptop, and saving one is never undone with the board's edits.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteView, readSavedViews, saveView, feedbackUndoScope, LOCAL_ORIGIN, createFeedbackItem } from '../../shared/model';
import { ALICE, BOB, newFeedbackBoard } from './feedback-fixtures';
import { expectRefused, syncBoth } from './support/docs';

const filters = { statusId: 'all', channelId: 'support', tag: 'all', ownerId: 'all', goal: 'all', text: 'export' };

describe('saved views', () => {
  it('a saved view keeps its view, sort and filters, and only its owner sees it', () => {
    const doc = newFeedbackBoard('user');
    const id = saveView(doc, { ownerId: ALICE, name: 'Support asks', view: 'table', sort: 'votes', filters });
    expect(readSavedViews(doc, ALICE)).toEqual([expect.objectContaining({ id, name: 'Support asks', view: 'table', sort: 'votes', filters })]);
    expect(readSavedViews(doc, BOB)).toEqual([]);
  });

  it('saving under an existing name replaces that view instead of adding a second', () => {
    const doc = newFeedbackBoard('user');
    const first = saveView(doc, { ownerId: ALICE, name: 'Mine', view: 'kanban', sort: 'manual', filters });
    const second = saveView(doc, { ownerId: ALICE, name: 'mine', view: 'matrix', sort: 'priority', filters });
    expect(second).toBe(first);
    expect(readSavedViews(doc, ALICE)).toHaveLength(1);
    expect(readSavedViews(doc, ALICE)[0]?.view).toBe('matrix');
  });

  it('a view follows its owner to another laptop', () => {
    const laptop = newFeedbackBoard('user');
    const other = new Y.Doc();
    syncBoth(laptop, other);
    saveView(laptop, { ownerId: ALICE, name: 'Triage', view: 'kanban', sort: 'newest', filters });
    syncBoth(laptop, other);
    expect(readSavedViews(other, ALICE).map((v) => v.name)).toEqual(['Triage']);
  });

  it('only the owner can delete a view; bad input is refused and changes nothing', () => {
    const doc = newFeedbackBoard('user');
    const id = saveView(doc, { ownerId: ALICE, name: 'Mine', view: 'kanban', sort: 'manual', filters });
    expectRefused(doc, () => deleteView(doc, { id, ownerId: BOB }), { code: 'invalid-input', messageKey: 'errors.notViewOwner', field: 'id' });
    expectRefused(doc, () => saveView(doc, { ownerId: ALICE, name: '  ', view: 'kanban', sort: 'manual', filters }), { code: 'invalid-input', messageKey: 'errors.required', field: 'name' });
    expectRefused(doc, () => saveView(doc, { ownerId: ALICE, name: 'x', view: 'pie' as 'kanban', sort: 'manual', filters }), { code: 'invalid-input', messageKey: 'errors.invalid', field: 'view' });
    deleteView(doc, { id, ownerId: ALICE });
    expect(readSavedViews(doc, ALICE)).toEqual([]);
  });

  it('undoing board edits never removes a saved view', () => {
    const doc = newFeedbackBoard('user');
    const undo = new Y.UndoManager(feedbackUndoScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    createFeedbackItem(doc, { title: 'Dark mode', createdBy: ALICE });
    undo.stopCapturing();
    saveView(doc, { ownerId: ALICE, name: 'Kept', view: 'kanban', sort: 'manual', filters });
    undo.undo();
    expect(readSavedViews(doc, ALICE).map((v) => v.name)).toEqual(['Kept']);
  });
});
