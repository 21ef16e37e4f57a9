// The workshops kind on screen: its canvas view, the new-workshop dialog, its snapshot reader and
// how search finds a sticky note or a cluster. The registry (../kinds.ts) is the only importer.
import { createWorkshopReader } from '../../../../shared/model/workshops/read';
import type { BoardFeature } from '../board-feature';
import { NewWorkshopDialog } from './components/NewWorkshopDialog';
import { WorkshopBoard } from './components/WorkshopBoard';

export const workshopsFeature: BoardFeature<'workshopsBoards'> = {
  icon: '▦',
  View: WorkshopBoard,
  newBoard: { labelKey: 'workshops.newBoard', Dialog: NewWorkshopDialog },
  slice: 'workshopsBoards',
  createReader: (doc) => createWorkshopReader(doc),
  entityOf: (board, id) => board.notes.find((n) => n.id === id),
  // Workshop boards track no fields for conflict review; their away lines (notes added, clusters, votes revealed) read as they are.
  reviewLabels: {
    conflictSubject: () => null,
    conflictValue: () => undefined,
    awayValue: () => undefined,
  },
  search: {
    className: 'workshop',
    labelKey: 'workshops.searchLabel',
    *hits(board, words) {
      const clusterTitles = new Map(board.clusters.map((c) => [c.id, c.title]));
      for (const note of board.notes) {
        const text = `${note.text}\n${note.clusterId ? (clusterTitles.get(note.clusterId) ?? '') : ''}`.toLocaleLowerCase();
        if (words.every((w) => text.includes(w))) yield { id: note.id, title: note.text.split('\n')[0] ?? '' };
      }
    },
    select: (id) => ({ selectedItemId: id }),
  },
};
