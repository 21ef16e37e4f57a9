// Presence carries each window's clock reading, so the others can estimate its clock offset (the
// workshop timer reads remote times only through these estimates): states are stamped when sent,
// a stale stamp is renewed before it goes out again, and received readings feed the estimates.
import { afterEach, describe, expect, it } from 'vitest';
import { decodePresenceUpdate } from '../../shared/protocol/presence-codec';
import type { LinkStatus } from '../../renderer/src/link/link-client';
import { Presence } from '../../renderer/src/presence/presence';
import { createAppStore } from '../../renderer/src/state/store';
import { rawPresenceUpdate } from '../support/presence-bytes';

class FakeLink {
  status: LinkStatus = 'online';
  readonly sent: Uint8Array[] = [];
  sendPresence(update: Uint8Array): void {
    this.sent.push(update);
  }
  lastState(clientId: number): unknown {
    const update = this.sent.at(-1);
    return update && decodePresenceUpdate(update).find((e) => e.clientId === clientId)?.state;
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  let now = 1_000_000;
  const store = createAppStore('en');
  const link = new FakeLink();
  const presence = new Presence(store, link, () => undefined, () => now);
  cleanups.push(() => presence.destroy());
  store.setState({ boot: 'ready', identity: { id: 'w_1', memberId: 'm_mei' }, activeBoardId: 'b_goals' });
  return { store, link, presence, advance: (ms: number) => (now += ms) };
}

describe('presence carries clock readings', () => {
  it('stamps the state it sends with its clock, and stamps it again when it goes out later', () => {
    const { link, presence, advance } = setup();
    expect(link.lastState(presence.clientId)).toMatchObject({ memberId: 'm_mei', sentAt: 1_000_000 });
    advance(20_000);
    presence.answerQuery();
    expect(link.lastState(presence.clientId)).toMatchObject({ sentAt: 1_020_000 });
  });

  it('estimates another window’s clock offset from the readings it receives', () => {
    const { presence, advance } = setup();
    const state = (sentAt: number) => JSON.stringify({ memberId: 'm_li', boardId: 'b_goals', itemId: null, field: null, sentAt });
    // The other window's clock is ten minutes ahead; deliveries take 50 ms, then 5 ms.
    advance(50);
    presence.receive(rawPresenceUpdate([[7, 1, state(1_000_000 + 600_000)]]));
    advance(1_000);
    presence.receive(rawPresenceUpdate([[7, 2, state(1_001_045 + 600_000)]]));
    expect(presence.clockOffsets.offset('7')).toBe(-600_000 + 5);
  });
});
