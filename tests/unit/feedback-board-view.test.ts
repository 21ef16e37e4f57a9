// What the kanban selects of the board on screen (renderer/src/features/feedback/board-view.ts):
// a teammate's edit to one card changes that card's selection only, so no other card, no
// column and not the board's chrome re-renders; a change of order or of the cards a column
// shows does change that column's ids.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFeedbackItem, createFeedbackReader, toggleVote, updateFeedbackItem } from '../../shared/model';
import { createAppStore, type AppState } from '../../renderer/src/state/store';
import { selectBoardChrome, selectColumnIds, selectFeedbackItem, selectLiveCount, selectVisibleColumn, selectVisibleCount } from '../../renderer/src/features/feedback/board-view';
import { ALICE, itemInput, newFeedbackBoard } from './feedback-fixtures';
import { peerOrigin, replicaOf } from './support/docs';

const BOARD = 'b_feedback000000';

/** The app's store holding a feedback board read from `doc` on screen, and a way to re-read it as the runtime does. */
function boardOnScreen(doc: Y.Doc) {
  const reader = createFeedbackReader(doc);
  const store = createAppStore('en');
  const refresh = () => store.setState((s) => ({ feedbackBoards: { ...s.feedbackBoards, [BOARD]: reader.read() } }));
  store.setState({ activeBoardId: BOARD });
  refresh();
  return { store, refresh };
}

/** Every selection the kanban makes for what is on screen, keyed by what selects it. */
function selections(s: AppState, itemIds: readonly string[]) {
  return {
    columns: selectColumnIds(s),
    newColumn: selectVisibleColumn(s, 'new')?.key,
    newStatus: selectVisibleColumn(s, 'new')?.status,
    visible: selectVisibleCount(s),
    live: selectLiveCount(s),
    chrome: selectBoardChrome(s),
    ...Object.fromEntries(itemIds.map((id) => [id, selectFeedbackItem(s, id)])),
  };
}

describe('the kanban’s selections', () => {
  it('a teammate retitling one card changes that card’s selection and nothing else the kanban selects', () => {
    const mine = newFeedbackBoard();
    const ids = ['Export', 'Dark mode', 'Offline'].map((title) => createFeedbackItem(mine, itemInput({ title })));
    const teammate = replicaOf(mine);
    const { store, refresh } = boardOnScreen(mine);
    const before = selections(store.getState(), ids);

    updateFeedbackItem(teammate, { id: ids[1] as string, title: 'Dark mode everywhere' });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(mine)), peerOrigin());
    refresh();
    const after = selections(store.getState(), ids);

    expect(selectFeedbackItem(store.getState(), ids[1] as string)?.title).toBe('Dark mode everywhere');
    for (const [key, value] of Object.entries(before)) {
      if (key === ids[1]) expect(after[key as keyof typeof after]).not.toBe(value);
      else if (key === 'chrome') expect(after.chrome).toEqual(value); // a new object of the same fields: useShallow keeps the old one
      else expect(after[key as keyof typeof after], key).toBe(value);
    }
  });

  it('a vote that reorders a column sorted by votes changes that column’s ids, and a new card the counts', () => {
    const doc = newFeedbackBoard();
    const [first, second] = ['First', 'Second'].map((title) => createFeedbackItem(doc, itemInput({ title }))) as [string, string];
    const { store, refresh } = boardOnScreen(doc);
    store.setState({ feedbackSort: 'votes' });
    const ids = selectVisibleColumn(store.getState(), 'new')?.key;
    const top = ids?.split('\n')[0];
    toggleVote(doc, { itemId: top === first ? second : first, memberId: ALICE });
    refresh();
    expect(selectVisibleColumn(store.getState(), 'new')?.key).not.toBe(ids);
    expect(selectVisibleColumn(store.getState(), 'new')?.key.split('\n')[0]).toBe(top === first ? second : first);

    const count = selectVisibleCount(store.getState());
    createFeedbackItem(doc, itemInput({ title: 'Third' }));
    refresh();
    expect(selectVisibleCount(store.getState())).toBe(count + 1);
    expect(selectLiveCount(store.getState())).toBe(count + 1);
  });
});
