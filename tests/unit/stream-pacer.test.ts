// The pacing of reads of incoming edits: every frame for single edits and a teammate typing,
// every other frame under a sustained stream, and never two frames let pass in a row.
import { describe, expect, it } from 'vitest';
import { STREAM_FRAMES, StreamPacer } from '../../renderer/src/boards/stream-pacer';

const FRAME_MS = 1000 / 60;

/** Which of the frames at `times` read (true) or let pass (false). */
function pace(times: readonly number[]): boolean[] {
  const pacer = new StreamPacer();
  return times.map((t) => pacer.readNow(t));
}

describe('StreamPacer', () => {
  it('reads at every frame while edits come a few times a second (one teammate typing)', () => {
    expect(pace(Array.from({ length: 30 }, (_, i) => i * 100))).toEqual(Array(30).fill(true));
  });

  it('reads the first frames of a stream at once, then every other frame, never two passed in a row', () => {
    // Edits waiting at every frame: a frame let pass asks again at the next one.
    const reads = pace(Array.from({ length: 40 }, (_, i) => i * FRAME_MS));
    expect(reads.slice(0, STREAM_FRAMES)).toEqual(Array(STREAM_FRAMES).fill(true));
    expect(reads.slice(STREAM_FRAMES, STREAM_FRAMES + 6)).toEqual([false, true, false, true, false, true]);
    expect(reads.some((read, i) => !read && reads[i + 1] === false)).toBe(false);
    expect(reads.filter(Boolean).length).toBeLessThan(reads.length * 0.6);
  });

  it('ends the stream when the edits stop, so the next edit is read at its first frame', () => {
    const pacer = new StreamPacer();
    let t = 0;
    for (let i = 0; i < 20; i++, t += FRAME_MS) pacer.readNow(t);
    expect(pacer.readNow(t + 500)).toBe(true);
    expect(pacer.readNow(t + 500 + FRAME_MS)).toBe(true);
  });
});
