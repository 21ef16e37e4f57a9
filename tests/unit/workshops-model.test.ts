// The workshop board's model: notes (anonymous until revealed), clusters, dot voting with a
// budget, merged both ways between real Y.Docs; and bad input refused with nothing changed.
import { describe, expect, it } from 'vitest';
import {
  castVote,
  ClockOffsets,
  createCluster,
  createNote,
  createWorkshopReader,
  deleteCluster,
  deleteNotes,
  editNoteText,
  endVoting,
  moveNotes,
  revealAuthors,
  revealVotes,
  setFollowMe,
  setNotesCluster,
  startTimer,
  startVoting,
  TimerClock,
  type CreateNoteInput,
  type TimerState,
} from '../../shared/model';
import { contentHash, expectRefused, replicaOf, syncBoth } from './support/docs';
import { ALICE, BOB, FACILITATOR, newWorkshop, reading } from './workshops-fixtures';

const note = (overrides: Partial<CreateNoteInput> = {}): CreateNoteInput => ({ text: 'Onboarding email is confusing', colour: 'yellow', x: 10, y: 20, authorId: ALICE, ...overrides });
const read = (doc: Parameters<typeof createWorkshopReader>[0]) => createWorkshopReader(doc).read();

describe('sticky notes', () => {
  it('hides authors until the facilitator reveals them', () => {
    const doc = newWorkshop();
    const id = createNote(doc, note());
    expect(read(doc).notes).toMatchObject([{ id, text: 'Onboarding email is confusing', authorId: null, clusterId: null }]);
    revealAuthors(doc, { revealed: true });
    expect(read(doc).notes[0]?.authorId).toBe(ALICE);
  });

  it('records when the facilitator asks the room to follow', () => {
    const doc = newWorkshop();
    expect(read(doc).followMe).toBe(false);
    setFollowMe(doc, { on: true });
    expect(read(doc).followMe).toBe(true);
  });

  it('keeps both people’s words when they edit the same note at once', () => {
    const a = newWorkshop(1);
    const id = createNote(a, note({ text: 'slow checkout' }));
    const b = replicaOf(a, 2);
    editNoteText(a, { id, text: 'very slow checkout' });
    editNoteText(b, { id, text: 'slow checkout on mobile' });
    syncBoth(a, b);
    expect(read(a).notes[0]?.text).toBe('very slow checkout on mobile');
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('keeps a note added to a cluster that a teammate deleted meanwhile, outside any cluster', () => {
    const a = newWorkshop(1);
    const first = createNote(a, note(), 1_000);
    const cluster = createCluster(a, { title: 'Onboarding', noteIds: [first] });
    const b = replicaOf(a, 2);
    deleteCluster(a, { id: cluster });
    const added = createNote(b, note({ text: 'Welcome tour too long', authorId: BOB, clusterId: cluster }), 2_000);
    syncBoth(a, b);
    for (const doc of [a, b]) {
      const snapshot = read(doc);
      expect(snapshot.clusters).toEqual([]);
      expect(snapshot.notes.map((n) => [n.id, n.clusterId])).toEqual([[first, null], [added, null]]);
    }
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('moves several notes and regroups them in one step', () => {
    const doc = newWorkshop();
    const ids = [createNote(doc, note(), 1_000), createNote(doc, note({ text: 'two' }), 2_000)];
    moveNotes(doc, { moves: ids.map((id, i) => ({ id, x: 100 + i, y: 200 })) });
    const cluster = createCluster(doc, { title: 'Pricing', noteIds: ids });
    setNotesCluster(doc, { ids: [ids[1] as string], clusterId: null });
    const snapshot = read(doc);
    expect(snapshot.notes.map((n) => [n.x, n.y, n.clusterId])).toEqual([[100, 200, cluster], [101, 200, null]]);
    expect(snapshot.clusters).toMatchObject([{ id: cluster, title: 'Pricing', noteIds: [ids[0]] }]);
  });
});

describe('dot voting', () => {
  it('counts, after merging both ways, at most the budget of one person voting offline on two laptops, the same votes everywhere', () => {
    const a = newWorkshop(1);
    const notes = [0, 1, 2, 3].map((i) => createNote(a, note({ text: `idea ${i}` }), 1_000 + i));
    startVoting(a, { budget: 3, onePerNote: false, minutes: null }, reading(0));
    const b = replicaOf(a, 2);
    for (const id of notes.slice(0, 3)) castVote(a, { noteId: id, memberId: ALICE });
    for (const id of notes.slice(1, 4)) castVote(b, { noteId: id, memberId: ALICE });
    castVote(b, { noteId: notes[0] as string, memberId: BOB });
    const c = replicaOf(b, 3);
    syncBoth(a, b);
    syncBoth(c, a);
    const counted = [a, b, c].map((doc) => read(doc).voting?.counted.map((v) => v.id));
    expect(counted[0]).toEqual(counted[1]);
    expect(counted[0]).toEqual(counted[2]);
    const alice = read(a).voting?.counted.filter((v) => v.memberId === ALICE) ?? [];
    expect(alice).toHaveLength(3);
    expect(read(a).voting?.counted.filter((v) => v.memberId === BOB)).toHaveLength(1);
    // Lamport clocks 1, 1, 2 win: A's first two and B's first (ties broken by client id, then id).
    expect(alice.map((v) => [v.clock, v.client])).toEqual([[1, 1], [1, 2], [2, 1]]);
  });

  it('counts the same votes with one reader kept open as with a fresh one, as votes, notes and the session change', () => {
    const doc = newWorkshop();
    const reader = createWorkshopReader(doc);
    const [n1, n2, n3] = [createNote(doc, note(), 1_000), createNote(doc, note({ text: 'b' }), 1_001), createNote(doc, note({ text: 'c' }), 1_002)] as [string, string, string];
    const agree = () => expect(reader.read().voting).toEqual(read(doc).voting);
    agree();
    startVoting(doc, { budget: 2, onePerNote: false, minutes: null }, reading(0));
    castVote(doc, { noteId: n1, memberId: ALICE });
    castVote(doc, { noteId: n2, memberId: ALICE });
    agree();
    expect(reader.read().voting?.counted.map((v) => v.noteId)).toEqual([n1, n2]);
    // A note's text typed into: the same counted votes; its note deleted: its vote no longer counts.
    editNoteText(doc, { id: n1, text: 'onboarding email' });
    agree();
    deleteNotes(doc, { ids: [n1] });
    agree();
    castVote(doc, { noteId: n3, memberId: ALICE });
    agree();
    expect(reader.read().voting?.counted.map((v) => v.noteId)).toEqual([n2, n3]);
    endVoting(doc);
    agree();
    expect(reader.read().voting?.status).toBe('closed');
    revealVotes(doc, FACILITATOR);
    agree();
    expect(reader.read().voting?.revealed).toBe(true);
    reader.destroy();
  });

  it('refuses a vote past the budget, and a second vote on a note when one per note', () => {
    const doc = newWorkshop();
    const [n1, n2] = [createNote(doc, note()), createNote(doc, note({ text: 'b' }))] as [string, string];
    startVoting(doc, { budget: 2, onePerNote: true, minutes: 5 }, reading(0));
    const inTime = () => 60_000;
    castVote(doc, { noteId: n1, memberId: ALICE }, inTime);
    expectRefused(doc, () => castVote(doc, { noteId: n1, memberId: ALICE }, inTime), { code: 'invalid-input', messageKey: 'errors.oneVotePerNote', field: 'noteId' });
    castVote(doc, { noteId: n2, memberId: ALICE }, inTime);
    expectRefused(doc, () => castVote(doc, { noteId: n2, memberId: ALICE }, inTime), { code: 'invalid-input', messageKey: 'errors.voteBudgetSpent', field: 'noteId', params: { max: 2 } });
  });

  it('keeps results hidden until revealed, and takes no votes once voting ended', () => {
    const doc = newWorkshop();
    const n1 = createNote(doc, note());
    startVoting(doc, { budget: 3, onePerNote: false, minutes: null }, reading(0));
    castVote(doc, { noteId: n1, memberId: BOB });
    expect(read(doc).voting).toMatchObject({ status: 'open', revealed: false });
    endVoting(doc);
    expectRefused(doc, () => castVote(doc, { noteId: n1, memberId: ALICE }), { code: 'invalid-input', messageKey: 'errors.votingClosed', field: 'voting' });
    revealVotes(doc);
    expect(read(doc).voting).toMatchObject({ status: 'closed', revealed: true, counted: [{ noteId: n1, memberId: BOB }] });
  });

  it('takes no vote once the time limit has run out by the voter’s clock, whatever that clock says', () => {
    const doc = newWorkshop();
    const n1 = createNote(doc, note());
    startVoting(doc, { budget: 3, onePerNote: false, minutes: 1 }, reading(0, 'facilitator'));
    // A window that has not heard from the facilitator's clock yet (ten minutes ahead) counts from when it first saw the limit.
    let now = 600_000;
    const clock = new TimerClock(() => now, 'voter', new ClockOffsets(() => now));
    const remainingOf = (limit: TimerState) => clock.remaining(limit);
    castVote(doc, { noteId: n1, memberId: ALICE }, remainingOf);
    now += 61_000;
    expectRefused(doc, () => castVote(doc, { noteId: n1, memberId: BOB }, remainingOf), { code: 'invalid-input', messageKey: 'errors.votingClosed', field: 'voting' });
    // A window that cannot read the limit at all takes no vote either.
    expectRefused(doc, () => castVote(doc, { noteId: n1, memberId: BOB }), { code: 'invalid-input', messageKey: 'errors.votingClosed', field: 'voting' });
    expect(read(doc).voting?.counted.map((v) => v.memberId)).toEqual([ALICE]);
  });

  it('counts a vote cast in time offline however late it arrives, and never one written after the limit, the same on every laptop', () => {
    const a = newWorkshop(1);
    const n1 = createNote(a, note());
    startVoting(a, { budget: 3, onePerNote: false, minutes: 2 }, reading(0, 'facilitator'));
    const b = replicaOf(a, 2);
    // B votes with 30 s left, offline; the limit runs out before it reconnects.
    castVote(b, { noteId: n1, memberId: BOB }, () => 30_000);
    castVote(a, { noteId: n1, memberId: ALICE }, () => 90_000);
    // An older laptop that ignored the limit writes a vote stamped after it (or with no stamp at all).
    const sessionId = read(a).voting?.id as string;
    a.getMap('votes').set('d_late0000000000', { sessionId, noteId: n1, memberId: FACILITATOR, clock: 9, client: 1, leftMs: 0 });
    b.getMap('votes').set('d_nostamp00000000', { sessionId, noteId: n1, memberId: FACILITATOR, clock: 9, client: 2 });
    syncBoth(a, b);
    for (const doc of [a, b]) expect(read(doc).voting?.counted.map((v) => v.memberId).sort()).toEqual([ALICE, BOB].sort());
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('does not count votes on a note deleted by a teammate meanwhile', () => {
    const a = newWorkshop(1);
    const n1 = createNote(a, note());
    startVoting(a, { budget: 1, onePerNote: false, minutes: null }, reading(0));
    const b = replicaOf(a, 2);
    castVote(b, { noteId: n1, memberId: BOB });
    a.getMap('notes').delete(n1);
    syncBoth(a, b);
    expect(read(a).voting?.counted).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a note of 100,000 characters', () => {
    const doc = newWorkshop();
    expectRefused(doc, () => createNote(doc, note({ text: 'x'.repeat(100_000) })), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'text', params: { max: 500 } });
    const id = createNote(doc, note());
    expectRefused(doc, () => editNoteText(doc, { id, text: 'x'.repeat(100_000) }), { code: 'invalid-input', messageKey: 'errors.tooLong', field: 'text', params: { max: 500 } });
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses a vote budget of %s', (budget) => {
    const doc = newWorkshop();
    expectRefused(doc, () => startVoting(doc, { budget, onePerNote: false, minutes: null }, reading(0)), { code: 'invalid-input', messageKey: 'errors.voteBudget', field: 'budget' });
  });

  it.each(['abc', '', -1, 0, '5 minutes', 100_000])('refuses a timer of %j minutes', (minutes) => {
    const doc = newWorkshop();
    expectRefused(doc, () => startTimer(doc, { minutes }, reading(0)), { code: 'invalid-input', messageKey: 'errors.minutes', field: 'minutes' });
    expectRefused(doc, () => startVoting(doc, { budget: 3, onePerNote: false, minutes }, reading(0)), { code: 'invalid-input', messageKey: 'errors.minutes', field: 'minutes' });
  });

  it('refuses a note in a cluster that does not exist', () => {
    const doc = newWorkshop();
    expectRefused(doc, () => createNote(doc, note({ clusterId: 'c_missing0000000' })), { code: 'not-found', messageKey: 'errors.notFound', field: 'clusterId' });
  });
});
