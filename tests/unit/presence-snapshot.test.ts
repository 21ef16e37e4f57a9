// What presence shows, derived from awareness states: other clients only, states off the schema
// dropped, one avatar per member however many windows, names from the member list (unknown ids
// not shown), and lists that keep their identity while unchanged so nothing re-renders.
import { describe, expect, it } from 'vitest';
import type { MemberSnapshot } from '../../shared/model/workspace';
import { derivePresenceSnapshot, NO_PRESENCE, type PresencePeer } from '../../renderer/src/presence/presence-snapshot';
import { createPresenceViewSelector, derivePresenceView, initialsOf, NO_VIEWERS, presenceColour } from '../../renderer/src/presence/presence-view';

const member = (id: string, name: string, colour = '#2563eb'): MemberSnapshot => ({ id, name, team: 'product', colour, joinedAt: 0 });
const members = [member('m_mei', 'Mei'), member('m_li', 'Li'), member('m_ana', 'Ana Silva')];
const state = (memberId: string, boardId: string | null = 'b_goals', itemId: string | null = null, field: string | null = null) => ({ memberId, boardId, itemId, field });
const peer = (clientId: number, memberId: string, boardId: string | null = 'b_goals', itemId: string | null = null, field: string | null = null): PresencePeer => ({ clientId, memberId, boardId, itemId, field });

describe('presence snapshot', () => {
  it('lists the other clients in client id order and leaves my own client out', () => {
    const states = new Map<number, unknown>([
      [30, state('m_li', 'b_goals', 'g_1', 'title')],
      [10, state('m_mei')],
      [20, state('m_ana', null)],
    ]);
    expect(derivePresenceSnapshot(states, 10, NO_PRESENCE)).toEqual([peer(20, 'm_ana', null), peer(30, 'm_li', 'b_goals', 'g_1', 'title')]);
  });

  it('drops states off the schema: extra keys, missing keys, bad ids, not objects', () => {
    const states = new Map<number, unknown>([
      [1, { ...state('m_li'), name: 'Impostor' }],
      [2, { memberId: 'm_li' }],
      [3, state('m_li', 'b goals with spaces')],
      [4, 'm_li'],
      [5, {}],
      [6, state('m_ana')],
    ]);
    expect(derivePresenceSnapshot(states, 99, NO_PRESENCE)).toEqual([peer(6, 'm_ana')]);
  });

  it('returns the previous snapshot itself when nothing changed, and keeps unchanged entries', () => {
    const states = new Map<number, unknown>([[1, state('m_li')], [2, state('m_ana')]]);
    const first = derivePresenceSnapshot(states, 99, NO_PRESENCE);
    expect(derivePresenceSnapshot(new Map(states), 99, first)).toBe(first);
    states.set(2, state('m_ana', 'b_feedback'));
    const second = derivePresenceSnapshot(states, 99, first);
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(derivePresenceSnapshot(new Map(), 99, second)).toBe(NO_PRESENCE);
  });
});

describe('presence view', () => {
  it('shows a member with several windows once, with every field they edit', () => {
    const view = derivePresenceView([peer(1, 'm_li', 'b_goals', 'g_1', 'title'), peer(2, 'm_li', 'b_goals', 'g_1', 'description'), peer(3, 'm_li', 'b_fb')], members, 'm_mei');
    expect(view.online.map((v) => v.name)).toEqual(['Li']);
    expect(view.byBoard.get('b_goals')?.map((v) => v.name)).toEqual(['Li']);
    expect(view.byBoard.get('b_fb')?.map((v) => v.name)).toEqual(['Li']);
    expect(view.byItem.get('g_1')).toEqual([expect.objectContaining({ memberId: 'm_li', name: 'Li', initials: 'L', fields: ['description', 'title'] })]);
  });

  it('names people from the member list, and shows neither unknown member ids nor my own other windows', () => {
    const view = derivePresenceView([peer(1, 'm_stranger', 'b_goals', 'g_1'), peer(2, 'm_mei', 'b_goals', 'g_1'), peer(3, 'm_ana', 'b_goals', 'g_1')], members, 'm_mei');
    expect(view.online.map((v) => v.name)).toEqual(['Ana Silva']);
    expect(view.byItem.get('g_1')?.map((v) => [v.name, v.initials])).toEqual([['Ana Silva', 'AS']]);
    expect(derivePresenceView([peer(1, 'm_li')], undefined, 'm_mei').online).toBe(NO_VIEWERS);
  });

  it('keeps each list while its viewers are unchanged, so only the card concerned re-renders', () => {
    const select = createPresenceViewSelector();
    const before = [peer(1, 'm_li', 'b_goals', 'g_1'), peer(2, 'm_ana', 'b_goals', 'g_2')];
    const first = select(before, members, 'm_mei');
    expect(select(before, members, 'm_mei')).toBe(first);
    // Ana moves on to the title field of g_2: g_1's list, the board's and the online list stay.
    const second = select([before[0] as PresencePeer, peer(2, 'm_ana', 'b_goals', 'g_2', 'title')], members, 'm_mei');
    expect(second.byItem.get('g_1')).toBe(first.byItem.get('g_1'));
    expect(second.byBoard.get('b_goals')).toBe(first.byBoard.get('b_goals'));
    expect(second.online).toBe(first.online);
    expect(second.byItem.get('g_2')).not.toBe(first.byItem.get('g_2'));
    expect(second.byItem.get('g_2')?.[0]?.fields).toEqual(['title']);
  });

  it('gives each member the colour of the member list (or one from their id) and initials from their name', () => {
    const view = derivePresenceView([peer(1, 'm_li'), peer(2, 'm_ana')], [member('m_li', 'Li', '#0d9488'), member('m_ana', 'Ana', 'url(evil)')], 'm_mei');
    expect(view.online.map((v) => v.colour)).toEqual([presenceColour('m_ana'), '#0d9488']);
    expect(presenceColour('m_li')).toBe(presenceColour('m_li'));
    expect(presenceColour('m_li')).not.toBe(presenceColour('m_mei'));
    expect(presenceColour('m_li')).toMatch(/^hsl\(\d+ 60% 38%\)$/);
    expect(initialsOf('李雷')).toBe('李');
    expect(initialsOf('  mei  ling wu ')).toBe('MW');
    expect(initialsOf('')).toBe('?');
  });
});
