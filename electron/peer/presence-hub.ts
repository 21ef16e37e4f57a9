// Presence as one peer relays it: a table of every client's awareness state this peer knows,
// each owned by the source (a renderer link or a teammate's LAN connection) that first announced
// it. A source may only speak for the clients it owns, within its cap; what it may say is
// forwarded at once, one frame per update: from a link to every other link and every LAN
// connection, from the LAN to the links only (no LAN-to-LAN relay). Clients vanish with their
// source, or when not renewed within PRESENCE_LIMITS.outdatedMs.
import type * as decoding from 'lib0/decoding';
import { PRESENCE_LIMITS, type PresenceState } from '../../shared/api/presence';
import { encodePresenceFrame, encodePresenceUpdate, PRESENCE_WIRE_LIMITS, readPresencePayload, type PresenceEntry, type ValidPresenceEntry } from '../../shared/protocol/presence-codec';
import type { PeerLogger } from './logger';

/** Where presence comes from and goes to: a renderer's link, or a teammate's peer over the LAN. */
export interface PresenceSource {
  readonly kind: 'link' | 'lan';
  /** For the log: a link id or a teammate's peer id. */
  readonly name: string;
  /** Sends a frame to the other side; never throws. */
  send(frame: Uint8Array): void;
}

/** A source's place in the hub, for as long as its connection lives. */
export interface PresenceMembership {
  /** An awareness frame's payload arrived (the decoder is just past the type). Throws ProtocolError on malformed bytes. */
  receive(decoder: decoding.Decoder): void;
  /** Sends the source every state it may see: all of them to a link, this peer's own clients to the LAN. */
  sendKnown(): void;
  /** The connection closed: its clients are gone, and the others hear so. */
  leave(): void;
}

export interface PresenceStats {
  /** Clients with a state now. */
  readonly clients: number;
  /** Entries refused because another source owns the client, or the source is at its cap. */
  readonly rejected: number;
  /** Entries refused because their state failed the schema or size. */
  readonly invalid: number;
}

export interface PresenceHubOptions {
  readonly logger: PeerLogger;
  readonly now?: () => number;
  /** Check for outdated clients on a real (unref'd) timer; tests on a fake clock call `expire()` instead. */
  readonly autoExpire?: boolean;
  readonly limits?: Partial<Pick<typeof PRESENCE_LIMITS, 'maxClientsPerLink' | 'maxClientsPerLanConnection' | 'outdatedMs' | 'maxClock' | 'burstUpdates' | 'updatesPerSecond'>>;
}

interface Member {
  readonly source: PresenceSource;
  readonly owned: Set<number>;
  warned: boolean;
  left: boolean;
}

interface ClientRecord {
  state: PresenceState;
  clock: number;
  owner: Member;
  lastUpdatedAt: number;
  /** Token bucket against floods: updates this client may still send now. */
  tokens: number;
}

/** One peer's presence table and relay; one instance per Peer. */
export class PresenceHub {
  private readonly clients = new Map<number, ClientRecord>();
  private readonly members = new Set<Member>();
  private readonly now: () => number;
  private readonly limits: { maxClientsPerLink: number; maxClientsPerLanConnection: number; outdatedMs: number; maxClock: number; burstUpdates: number; updatesPerSecond: number };
  private readonly timer: ReturnType<typeof setInterval> | null;
  private rejected = 0;
  /** Client ids of windows whose link closed, kept from teammates' peers for a while (until when). */
  private readonly reserved = new Map<number, number>();
  private invalid = 0;

  constructor(private readonly options: PresenceHubOptions) {
    this.now = options.now ?? Date.now;
    this.limits = { ...PRESENCE_LIMITS, ...options.limits };
    this.timer = options.autoExpire === false ? null : setInterval(() => this.expire(), Math.max(1_000, Math.floor(this.limits.outdatedMs / 10)));
    this.timer?.unref();
  }

  /** Adds a source; nothing is sent to it until it asks (`sendKnown`). */
  join(source: PresenceSource): PresenceMembership {
    const member: Member = { source, owned: new Set(), warned: false, left: false };
    this.members.add(member);
    return {
      receive: (decoder) => {
        const entries = readPresencePayload(decoder);
        if (!member.left) this.apply(member, entries);
      },
      sendKnown: () => {
        if (!member.left) this.sendKnown(member);
      },
      leave: () => this.leave(member),
    };
  }

  stats(): PresenceStats {
    return { clients: this.clients.size, rejected: this.rejected, invalid: this.invalid };
  }

  /** Every client's state now, by client id, with the name of its source (for tests and diagnostics). */
  states(): Map<number, { state: PresenceState; clock: number; source: string }> {
    return new Map([...this.clients].map(([id, c]) => [id, { state: c.state, clock: c.clock, source: c.owner.source.name }]));
  }

  /** Removes clients not renewed within `outdatedMs`, telling the others. */
  expire(): void {
    const now = this.now();
    for (const [clientId, until] of this.reserved) if (until <= now) this.reserved.delete(clientId);
    const gone = new Map<Member, ValidPresenceEntry[]>();
    for (const [clientId, record] of this.clients) {
      if (now - record.lastUpdatedAt < this.limits.outdatedMs) continue;
      this.clients.delete(clientId);
      record.owner.owned.delete(clientId);
      const list = gone.get(record.owner) ?? [];
      list.push({ clientId, clock: Math.min(record.clock + 1, this.limits.maxClock), state: null });
      gone.set(record.owner, list);
    }
    for (const [owner, entries] of gone) this.forward(owner, entries);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private apply(member: Member, entries: readonly PresenceEntry[]): void {
    const accepted: ValidPresenceEntry[] = [];
    const now = this.now();
    for (const entry of entries) {
      const { clientId, clock, state } = entry;
      const record = this.clients.get(clientId);
      if (record && record.owner !== member) {
        this.refuse(member, 'presence for a client another connection owns was ignored', clientId);
        continue;
      }
      if (state === 'invalid' || clock > this.limits.maxClock) {
        this.invalid++;
        continue;
      }
      if (!record) {
        // An unknown client's removal changes nothing; a new one is claimed within the source's cap.
        if (state === null) continue;
        // A window whose link just dropped gets its id back when it reconnects: a teammate cannot take it meanwhile.
        if (member.source.kind === 'lan' && (this.reserved.get(clientId) ?? 0) > now) {
          this.refuse(member, 'presence for a client id a window here just had was ignored', clientId);
          continue;
        }
        if (member.owned.size >= this.capOf(member)) {
          this.refuse(member, 'presence over the connection\'s client cap was ignored', clientId);
          continue;
        }
        this.clients.set(clientId, { state, clock, owner: member, lastUpdatedAt: now, tokens: this.limits.burstUpdates - 1 });
        member.owned.add(clientId);
        accepted.push({ clientId, clock, state });
        continue;
      }
      // y-protocols' rule: a newer clock wins; the same clock with a null state removes.
      if (clock > record.clock) {
        if (state === null) this.remove(clientId, record);
        else {
          // Over its rate the update is dropped; a later one (or the 15 s renewal) carries the state.
          record.tokens = Math.min(this.limits.burstUpdates, record.tokens + ((now - record.lastUpdatedAt) / 1_000) * this.limits.updatesPerSecond);
          if (record.tokens < 1) {
            this.rejected++;
            continue;
          }
          record.tokens -= 1;
          Object.assign(record, { state, clock, lastUpdatedAt: now });
        }
        accepted.push({ clientId, clock, state });
      } else if (clock === record.clock && state === null) {
        this.remove(clientId, record);
        accepted.push({ clientId, clock, state });
      }
    }
    if (accepted.length > 0) this.forward(member, accepted);
  }

  private remove(clientId: number, record: ClientRecord): void {
    this.clients.delete(clientId);
    record.owner.owned.delete(clientId);
  }

  private capOf(member: Member): number {
    return member.source.kind === 'link' ? this.limits.maxClientsPerLink : this.limits.maxClientsPerLanConnection;
  }

  private refuse(member: Member, message: string, clientId: number): void {
    this.rejected++;
    if (member.warned) return;
    member.warned = true;
    this.options.logger.info(message, { kind: member.source.kind, source: member.source.name, clientId });
  }

  /** What `from` said goes to every link but its own, and to the LAN only when it came from a link. */
  private forward(from: Member, entries: readonly ValidPresenceEntry[]): void {
    const targets = [...this.members].filter((m) => m !== from && (m.source.kind === 'link' || from.source.kind === 'link'));
    if (targets.length === 0) return;
    const frames = this.frames(entries);
    for (const target of targets) if (!target.left) for (const frame of frames) target.source.send(frame);
  }

  private sendKnown(member: Member): void {
    const entries: ValidPresenceEntry[] = [];
    for (const [clientId, record] of this.clients) {
      if (record.owner === member) continue;
      if (member.source.kind === 'lan' && record.owner.source.kind !== 'link') continue;
      entries.push({ clientId, clock: record.clock, state: record.state });
    }
    if (entries.length > 0) for (const frame of this.frames(entries)) member.source.send(frame);
  }

  /** Entries as frames, none over the wire limit of entries per update. */
  private frames(entries: readonly ValidPresenceEntry[]): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (let i = 0; i < entries.length; i += PRESENCE_WIRE_LIMITS.maxEntriesPerUpdate) {
      frames.push(encodePresenceFrame(encodePresenceUpdate(entries.slice(i, i + PRESENCE_WIRE_LIMITS.maxEntriesPerUpdate))));
    }
    return frames;
  }

  private leave(member: Member): void {
    if (member.left) return;
    member.left = true;
    this.members.delete(member);
    if (member.source.kind === 'link') for (const clientId of member.owned) this.reserved.set(clientId, this.now() + 2 * this.limits.outdatedMs);
    const entries: ValidPresenceEntry[] = [];
    for (const clientId of member.owned) {
      const record = this.clients.get(clientId);
      if (!record) continue;
      this.clients.delete(clientId);
      entries.push({ clientId, clock: Math.min(record.clock + 1, this.limits.maxClock), state: null });
    }
    member.owned.clear();
    if (entries.length > 0) this.forward(member, entries);
  }
}
