// Small frames that leave in one turn of the event loop (a walk's answers for thousands of
// small boards, say) go to a peer that reads them as one bundle, compressed like a big frame:
// a doc of a few kilobytes compresses poorly alone and well beside hundreds of its kind. The
// first frame of a turn goes at once, so a live edit waits for nothing; the rest of a burst
// waits for the end of the turn (or until the bundle is full). Letting the first four go at
// once measured no better in live-latency (p99 within its run-to-run noise) and cost many-docs
// a tenth more bytes (12.32 against 11.06 MB), its walk's answers coming a few to a turn.
// A bundle holds frames only: no bundle in a bundle, and each frame is handled as if it had
// come alone, in its place.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { encodeFrame, MessageType, ProtocolError } from '../../../shared/protocol/frame';

/** What a peer's welcome lists (under `compression`) when it reads bundles. */
export const BUNDLES = 'br-bundles';

export interface BundleLimits {
  /** Frames bigger than this go alone, as before bundles. */
  readonly bundleFrameMaxBytes: number;
  /** Frames of one turn under this many bytes in all go alone: too few to be worth compressing. */
  readonly bundleFromBytes: number;
  /** A bundle this big leaves at once, before its turn ends. */
  readonly bundleMaxBytes: number;
  /** Frames of a turn sent at once before the rest are held. */
  readonly immediateFramesPerTurn: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  bundleFrameMaxBytes: 64 * 1024,
  bundleFromBytes: 16 * 1024,
  bundleMaxBytes: 1024 * 1024,
  immediateFramesPerTurn: 1,
};

/** Frames in one bundle at most: far above what `bundleMaxBytes` of real frames holds. */
const MAX_FRAMES_PER_BUNDLE = 100_000;

/** Connection-level frame: `varUint count`, then each frame as `varUint8Array`. */
export function encodeBundle(frames: readonly Uint8Array[]): Uint8Array {
  return encodeFrame('', MessageType.lanBundle, (e) => {
    encoding.writeVarUint(e, frames.length);
    for (const frame of frames) encoding.writeVarUint8Array(e, frame);
  });
}

/** The frames of a bundle, in order; ProtocolError for an empty or malformed one, or a bundle inside it. */
export function readBundle(decoder: decoding.Decoder): Uint8Array[] {
  const frames: Uint8Array[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    if (count === 0 || count > MAX_FRAMES_PER_BUNDLE) throw new ProtocolError('bundle-malformed');
    for (let i = 0; i < count; i++) frames.push(decoding.readVarUint8Array(decoder));
  } catch (error) {
    throw error instanceof ProtocolError ? error : new ProtocolError('bundle-malformed');
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('bundle-malformed');
  // Connection-level frames of the types that frame others (doc id '', then the type) never ride in one.
  for (const frame of frames) {
    if (frame.byteLength < 2) throw new ProtocolError('bundle-malformed');
    if (frame[0] === 0 && (frame[1] === MessageType.lanBundle || frame[1] === MessageType.lanLargeFrame || frame[1] === MessageType.blobChunk)) throw new ProtocolError('bundle-nested');
  }
  return frames;
}

/**
 * The send side: frames given to `hold` in one turn, after the first `immediateFramesPerTurn`,
 * are held and handed to `flush` together at the turn's end (or once `bundleMaxBytes` are
 * held). `hold` returns true when the frame was held, false when the caller sends it now.
 */
export class Outbox {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** Frames sent at once in this turn; null between turns. */
  private sentThisTurn: number | null = null;

  constructor(
    private readonly limits: BundleLimits,
    private readonly flush: (frames: Uint8Array[], bytes: number) => void,
    private readonly endOfTurn: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  hold(frame: Uint8Array): boolean {
    if (frame.byteLength > this.limits.bundleFrameMaxBytes) {
      // Frames keep their order: what is held leaves first.
      this.drain();
      return false;
    }
    if (this.sentThisTurn === null) {
      this.sentThisTurn = 0;
      this.endOfTurn(() => {
        this.sentThisTurn = null;
        this.drain();
      });
    }
    // A turn's first frames go at once (nothing is held before them: a turn's end drains).
    if (this.sentThisTurn < this.limits.immediateFramesPerTurn) {
      this.sentThisTurn++;
      return false;
    }
    this.held.push(frame);
    this.heldBytes += frame.byteLength;
    if (this.heldBytes >= this.limits.bundleMaxBytes) this.drain();
    return true;
  }

  /** Hands over whatever is held (before a big frame, a close, or at the end of a turn). */
  drain(): void {
    if (this.held.length === 0) return;
    const frames = this.held;
    const bytes = this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    this.flush(frames, bytes);
  }

  /** Forgets what is held (the connection is gone). */
  clear(): void {
    this.held = [];
    this.heldBytes = 0;
  }
}
