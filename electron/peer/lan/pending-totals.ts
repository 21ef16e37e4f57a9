// What each teammate's peer has not yet confirmed on disk, kept as running totals (per doc, and
// in all) that the docs whose state changed and the acknowledgements that arrived bring up to
// date: a status read (every /healthz, every push to the windows) then costs what changed since
// the last one, not a pass over every board held.
import { pendingClock } from './lan-messages';

type Vector = ReadonlyMap<number, number>;

interface RemotePending {
  /** Docs with something pending, and how many clock units. */
  readonly byDoc: Map<string, number>;
  total: number;
}

export class PendingTotals {
  /** The held docs' state vectors as the status last read them. */
  private readonly have = new Map<string, Vector>();
  private readonly remotes = new Map<string, RemotePending>();

  constructor(
    /** What the teammate's peer has confirmed of a doc (acknowledgements only ever grow). */
    private readonly acked: (peerId: string, docId: string) => Vector | undefined,
  ) {}

  /** The doc's state vector is now `vector` (undefined: this peer no longer holds it). */
  docChanged(docId: string, vector: Vector | undefined): void {
    if (vector) this.have.set(docId, vector);
    else this.have.delete(docId);
    for (const [peerId, remote] of this.remotes) this.update(peerId, remote, docId);
  }

  /** The teammate's peer acknowledged more of `docId`. */
  ackChanged(peerId: string, docId: string): void {
    const remote = this.remotes.get(peerId);
    // A teammate not counted yet is counted in full on its first read.
    if (remote) this.update(peerId, remote, docId);
  }

  /** The teammate's acknowledgements were cleared (a new connection): everything is counted again. */
  reset(peerId: string): void {
    this.remotes.delete(peerId);
  }

  /** What `peerId` has not confirmed, per doc and in all. The map is this tracker's own: read it, never change it. */
  of(peerId: string): { readonly byDoc: ReadonlyMap<string, number>; readonly total: number } {
    let remote = this.remotes.get(peerId);
    if (!remote) {
      remote = { byDoc: new Map(), total: 0 };
      this.remotes.set(peerId, remote);
      for (const docId of this.have.keys()) this.update(peerId, remote, docId);
    }
    return remote;
  }

  private update(peerId: string, remote: RemotePending, docId: string): void {
    const before = remote.byDoc.get(docId) ?? 0;
    const have = this.have.get(docId);
    const now = have ? pendingClock(have, this.acked(peerId, docId)) : 0;
    if (now > 0) remote.byDoc.set(docId, now);
    else remote.byDoc.delete(docId);
    remote.total += now - before;
  }
}
