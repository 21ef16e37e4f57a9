// When the edits that came in are read into the store: at the next frame, except under a
// sustained stream (a room of twenty laptops writing at once, so edits were read in each of the
// last STREAM_FRAMES frames), where every other frame is let pass. The stream is then read, laid
// out and painted at half the frame rate, a two-core laptop keeps time for everything else, and
// whatever arrives is still on screen within two frames. Single edits and a teammate typing
// (reads further apart than STREAM_GAP_MS) are read at the next frame, as always.

/** Edits read in this many frames in a row make a stream. */
export const STREAM_FRAMES = 4;
/** Reads further apart than this (two frames and a bit: a frame let pass in between) end a stream. */
export const STREAM_GAP_MS = 40;

export class StreamPacer {
  private streak = 0;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private passed = false;

  /** At a frame (its rAF time `now`) with edits waiting: true to read them now, false to let this frame pass. */
  readNow(now: number): boolean {
    const streak = now - this.lastReadAt <= STREAM_GAP_MS ? this.streak + 1 : 0;
    if (streak >= STREAM_FRAMES && !this.passed) {
      this.passed = true;
      return false;
    }
    this.passed = false;
    this.streak = streak;
    this.lastReadAt = now;
    return true;
  }
}
