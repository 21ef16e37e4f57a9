// A teammate editing the board from elsewhere: a Node client of the hub's local link (a real
// WebSocket, the app's own sync session, tests/integration/support/link-test-client.ts) that
// syncs the board and then edits it with the model's real mutations, once or as a steady
// stream, so the page under test receives the edits as it would from a teammate's laptop.
import type * as Y from 'yjs';
import { feedbackItemsOf, updateFeedbackItem } from '../../../shared/model';
import { LinkTestClient } from '../../integration/support/link-test-client';
import type { AppHub } from './app-hub';
import { SeededRandom } from './prng';

const SYNC_DEADLINE_MS = 180_000;

export interface RemoteTeammate {
  readonly doc: Y.Doc;
  /** Changes one item's title, as the teammate typing it. */
  retitle(itemId: string, title: string): void;
  /** Starts `perSecond` single-field edits a second to random items of `itemIds` (live ones); returns a stopper that returns the count sent. */
  stream(itemIds: readonly string[], perSecond: number, seed: number): () => number;
  close(): void;
}

export async function connectTeammate(hub: AppHub, boardId: string, items: number): Promise<RemoteTeammate> {
  const client = await LinkTestClient.connect(hub.port, hub.token);
  const doc = client.open(boardId);
  const started = Date.now();
  while (feedbackItemsOf(doc).size < items) {
    if (client.closed) throw new Error(`the teammate's link closed (${client.closeCode})`);
    if (Date.now() - started > SYNC_DEADLINE_MS) throw new Error(`the teammate did not sync the board within ${SYNC_DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    doc,
    retitle(itemId, title) {
      updateFeedbackItem(doc, { id: itemId, title });
    },
    stream(itemIds, perSecond, seed) {
      const rng = new SeededRandom(seed);
      const fields = [['impact', 5], ['effort', 5], ['importance', 3]] as const;
      const itemsMap = feedbackItemsOf(doc);
      let sent = 0;
      let failure: unknown;
      const began = performance.now();
      const send = () => {
        const id = rng.pick(itemIds);
        const [field, max] = rng.pick(fields);
        const current = (itemsMap.get(id) as Y.Map<unknown> | undefined)?.get(field);
        updateFeedbackItem(doc, { id, [field]: ((typeof current === 'number' ? current : 1) % max) + 1 });
        sent++;
      };
      // Paced by elapsed time, so timer drift does not change the rate.
      const timer = setInterval(() => {
        const due = Math.floor(((performance.now() - began) / 1000) * perSecond);
        try {
          while (sent < due) send();
        } catch (error) {
          failure = error;
          clearInterval(timer);
        }
      }, 1000 / perSecond / 2);
      return () => {
        clearInterval(timer);
        if (failure) throw failure;
        return sent;
      };
    },
    close: () => client.close(),
  };
}
