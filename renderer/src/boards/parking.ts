// When a board is set aside (BoardSet.park): big enough that its doc weighs on the page (its
// Yjs structs; a 10,000-item feedback board holds ~800,000), and off screen long enough that
// the person has moved on. `tandem.parking` in localStorage ({"minStructs": n, "idleMs": n})
// overrides both, for tests and for anyone tuning a very large workspace.
import { z } from 'zod';

export interface ParkingPolicy {
  /** Boards with fewer structs than this stay open: they cost little, and reopening costs a load. */
  readonly minStructs: number;
  /** How long a board must have been off screen (or open unseen) before it is set aside. */
  readonly idleMs: number;
}

export const DEFAULT_PARKING: ParkingPolicy = Object.freeze({ minStructs: 100_000, idleMs: 60_000 });

const PARKING_KEY = 'tandem.parking';
const overrideSchema = z.object({ minStructs: z.number().int().min(0).optional(), idleMs: z.number().int().min(0).optional() });

/** The policy, with whatever valid override localStorage holds (an invalid one is ignored). */
export function readParkingPolicy(storage: Pick<Storage, 'getItem'>): ParkingPolicy {
  try {
    const parsed = overrideSchema.safeParse(JSON.parse(storage.getItem(PARKING_KEY) ?? 'null'));
    return parsed.success ? { ...DEFAULT_PARKING, ...parsed.data } : DEFAULT_PARKING;
  } catch {
    return DEFAULT_PARKING;
  }
}

/** What a board open in the background has to pass before it is set aside now. */
export interface ParkingCandidate {
  readonly onScreen: boolean;
  /** When it was last on screen, or first open here (ms, on the clock of `now`). */
  readonly seenAt: number;
  readonly structs: number;
  /** Every edit of it made here is on the peer's disk (or came from there). */
  readonly saved: boolean;
  /** Conflicts of it are listed for review (Keep acts on its doc). */
  readonly conflicts: boolean;
}

export function shouldPark(board: ParkingCandidate, now: number, policy: ParkingPolicy): boolean {
  return !board.onScreen && now - board.seenAt >= policy.idleMs && board.structs >= policy.minStructs && board.saved && !board.conflicts;
}
