// One authenticated, encrypted LAN connection on a TCP socket: runs the handshake (dropping a
// peer that stalls past 5 s or sends over 1 KB first), then seals and opens every frame with a
// per-direction counter, the frames of one tick leaving in one socket write. Anything malformed
// closes the connection with a named reason that is logged (never the secret) and counted; the
// caller's listener keeps serving everyone else.
import type { Socket } from 'node:net';
import type { PeerLogger } from '../logger';
import { LanHandshake, type LanHandshakeOptions, type LanRole, type LanSession } from './handshake';
import type { LanHello } from './hello';
import { ChannelError, DEFAULT_CHANNEL_LIMITS, maxTransportBody, RecordReader, type ChannelLimits, type ChannelRefusalReason } from './records';

export { ChannelError, DEFAULT_CHANNEL_LIMITS, type ChannelLimits, type ChannelRefusalReason } from './records';
export type { LanRole } from './handshake';

/** Counters shared by every connection of a peer, for diagnostics and tests. */
export interface LanCounters {
  connections: number;
  opened: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  refusals: Partial<Record<ChannelRefusalReason, number>>;
}

export function createLanCounters(): LanCounters {
  return { connections: 0, opened: 0, framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, refusals: {} };
}

/** Timers, injectable so a test can run the 5 s handshake deadline without waiting 5 s. */
export interface LanClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: LanClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Why a connection ended: a refusal reason, or an orderly close by either side. */
export type SecureCloseReason = ChannelRefusalReason | 'closed' | 'peer-closed' | 'socket-error';

export interface SecureCloseInfo {
  readonly reason: SecureCloseReason;
  /** The peer named the reason (unauthenticated: a hint for the UI, never proof). */
  readonly byPeer: boolean;
  readonly wasOpen: boolean;
}

export interface SecureConnectionOptions {
  readonly socket: Socket;
  readonly role: LanRole;
  /** The workspace secret (32 bytes). Never logged. */
  readonly secret: Uint8Array;
  readonly hello: LanHello;
  readonly limits?: Partial<ChannelLimits>;
  readonly logger: PeerLogger;
  /** The handshake completed: the peer holds the secret and this workspace. */
  readonly onOpen?: (remote: LanHello) => void;
  /** One application frame, authenticated and in order. Throwing closes the connection (`frame-rejected`). */
  readonly onFrame: (frame: Uint8Array) => void;
  readonly onClose?: (info: SecureCloseInfo) => void;
  readonly counters?: LanCounters;
  readonly clock?: LanClock;
  /** Tests only: fixed ephemeral key, or another protocol version. */
  readonly handshake?: Pick<LanHandshakeOptions, 'ephemeralPrivateKey' | 'protocolVersion'>;
}

export interface SecureConnection {
  readonly state: 'handshaking' | 'open' | 'closed';
  /** The peer's hello once open. */
  readonly remoteHello: LanHello | null;
  /** The Noise handshake hash once open: equal on both ends and unique to this connection. */
  readonly handshakeHash: Uint8Array | null;
  /** Resolves with the peer's hello when open; rejects with a ChannelError if refused first. */
  readonly opened: Promise<LanHello>;
  readonly stats: Readonly<{ framesIn: number; framesOut: number; bytesIn: number; bytesOut: number }>;
  /** Seals and writes one frame; returns false when the socket asks the caller to wait for 'drain'. */
  send(frame: Uint8Array): boolean;
  /** Closes the connection: orderly without a reason, as a refusal (logged, counted) with one. */
  close(reason?: ChannelRefusalReason): void;
}

/** Runs the LAN handshake on `socket` and, once it succeeds, carries encrypted frames both ways. */
export function createSecureConnection(options: SecureConnectionOptions): SecureConnection {
  const { socket, role, logger } = options;
  const limits: ChannelLimits = { ...DEFAULT_CHANNEL_LIMITS, ...options.limits };
  const counters = options.counters ?? createLanCounters();
  const clock = options.clock ?? realClock;
  const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  const reader = new RecordReader();
  const handshake = new LanHandshake({ role, secret: options.secret, hello: options.hello, limits, ...options.handshake });
  const stats = { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 };
  let state: SecureConnection['state'] = 'handshaking';
  let session: LanSession | null = null;
  let handshakeBytes = 0;

  let resolveOpened: (hello: LanHello) => void = () => {};
  let rejectOpened: (error: ChannelError) => void = () => {};
  const opened = new Promise<LanHello>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  opened.catch(() => {}); // callers may use onClose instead; never an unhandled rejection
  counters.connections++;

  const timer = clock.setTimeout(() => finish('handshake-timeout'), limits.handshakeTimeoutMs);

  const write = (chunks: Uint8Array[]): void => {
    for (const chunk of chunks) {
      stats.bytesOut += chunk.length;
      counters.bytesOut += chunk.length;
      socket.write(chunk);
    }
  };

  /**
   * The frames sent in one tick leave in one write (a cold sync of thousands of docs sends a few
   * small records per doc): each is still its own whole record, so framing and the frame limits
   * are those of one `write` each.
   */
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  function corkUntilNextTick(): void {
    if (corked) return;
    corked = true;
    socket.cork();
    process.nextTick(uncork);
  }

  function finish(reason: SecureCloseReason, byPeer = false, graceful = false): void {
    if (state === 'closed') return;
    // What this tick sent goes out before the socket ends or is destroyed, as it would have uncorked.
    uncork();
    const wasOpen = state === 'open';
    state = 'closed';
    clock.clearTimeout(timer);
    const detail = { reason, byPeer, role, remote, phase: wasOpen ? 'open' : 'handshake', peerId: session?.remoteHello.peerId ?? null };
    if (reason === 'closed' || reason === 'peer-closed') logger.info('lan connection closed', detail);
    else {
      if (reason !== 'socket-error') counters.refusals[reason] = (counters.refusals[reason] ?? 0) + 1;
      logger.warn(wasOpen ? 'lan connection dropped' : 'lan connection refused', detail);
    }
    if (!wasOpen) rejectOpened(new ChannelError(reason === 'closed' || reason === 'peer-closed' || reason === 'socket-error' ? 'handshake-closed' : reason, byPeer));
    if (graceful) {
      // Let what was written (a refusal preamble, the last frames) reach the peer, then let go.
      socket.once('finish', () => socket.destroy());
      socket.end();
    } else socket.destroy();
    try {
      options.onClose?.({ reason, byPeer, wasOpen });
    } catch (error) {
      logger.error('lan onClose listener threw', { error: String(error) });
    }
  }

  function open(next: LanSession): void {
    session = next;
    state = 'open';
    clock.clearTimeout(timer);
    counters.opened++;
    logger.info('lan connection open', { role, remote, peerId: next.remoteHello.peerId, appVersion: next.remoteHello.appVersion });
    resolveOpened(next.remoteHello);
    options.onOpen?.(next.remoteHello);
  }

  function drainFrames(): void {
    const maxBody = maxTransportBody(limits.maxFrameBytes);
    while (state === 'open' && session) {
      const record = reader.readRecord(maxBody, 'frame-too-large');
      if (!record) return;
      const frame = session.opener.open(record);
      stats.framesIn++;
      counters.framesIn++;
      try {
        options.onFrame(frame);
      } catch (error) {
        logger.warn('lan frame rejected by its handler', { remote, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        finish('frame-rejected');
      }
    }
  }

  function onData(chunk: Buffer): void {
    if (state === 'closed') return;
    stats.bytesIn += chunk.length;
    counters.bytesIn += chunk.length;
    reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    try {
      if (state === 'handshaking') {
        handshakeBytes += chunk.length;
        const step = handshake.step(reader);
        write(step.send);
        if (step.kind === 'refused') return finish(step.reason, step.byPeer, step.send.length > 0);
        // Frames pipelined right behind the handshake do not count against its budget.
        const spent = handshakeBytes - reader.buffered;
        if (spent > limits.maxHandshakeBytes || (step.kind === 'pending' && handshakeBytes > limits.maxHandshakeBytes)) return finish('handshake-oversized');
        if (step.kind === 'pending') return;
        open(step.session);
      }
      drainFrames();
    } catch (error) {
      finish(error instanceof ChannelError ? error.reason : 'frame-malformed');
    }
  }

  function onPeerGone(): void {
    // A connect that closes without a byte (a reachability check, electron/peer/lan/reachability.ts) is no refused handshake.
    if (state === 'handshaking') finish(role === 'responder' && handshakeBytes === 0 ? 'peer-closed' : 'handshake-closed');
    else if (state === 'open') finish(reader.buffered > 0 ? 'frame-truncated' : 'peer-closed');
  }

  socket.setNoDelay(true);
  socket.on('data', onData);
  socket.on('end', onPeerGone);
  socket.on('close', onPeerGone);
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (state === 'closed') return;
    logger.warn('lan socket error', { remote, code: error.code ?? null });
    if (state === 'handshaking') finish('handshake-closed');
    else finish(reader.buffered > 0 ? 'frame-truncated' : 'socket-error');
  });
  write(handshake.start());

  return {
    get state() {
      return state;
    },
    get remoteHello() {
      return session?.remoteHello ?? null;
    },
    get handshakeHash() {
      return session?.handshakeHash ?? null;
    },
    opened,
    stats,
    send(frame) {
      if (state !== 'open' || !session) throw new Error(`LAN connection is ${state}, not open`);
      let sealed: Uint8Array;
      try {
        sealed = session.sealer.seal(frame);
      } catch (error) {
        if (error instanceof ChannelError && error.reason === 'nonce-exhausted') finish('nonce-exhausted');
        throw error;
      }
      stats.framesOut++;
      counters.framesOut++;
      stats.bytesOut += sealed.length;
      counters.bytesOut += sealed.length;
      corkUntilNextTick();
      return socket.write(sealed);
    },
    close(reason) {
      finish(reason ?? 'closed', false, reason === undefined);
    },
  };
}
