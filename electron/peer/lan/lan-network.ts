// The LAN's sockets: a TCP listener for teammates' peers and outgoing dials, each wrapped in
// an authenticated, encrypted connection and, once its handshake completes, handed to the
// LanPeer. Rotating the secret closes every connection made with the old one. It also keeps
// what the diagnostics need to say about this laptop's port, and checks whether it is reachable.
import net from 'node:net';
import { parsePeerAddress } from '../../../shared/lan/address';
import type { PeerLogger } from '../logger';
import type { LanDialerOptions, DialOutcome } from './lan-dialer';
import type { LanVia } from './lan-connection';
import type { LanPeer } from './lan-peer';
import type { LanHello } from './hello';
import { lanInterfaces } from './discovery';
import { HandshakePool, type HandshakePoolLimits, type HandshakeSlot } from './handshake-pool';
import { LanReachability, type ReachabilityReport } from './reachability-check';
import { createLanCounters, createSecureConnection, type ChannelLimits, type LanCounters, type SecureConnection, type LanRole } from './secure-channel';

/** An inbound socket that has sent nothing this long is closed: a teammate's first handshake message goes out at once. */
const FIRST_BYTES_MS = 2_000;
/** A refused inbound socket is logged at most this often (a flood would fill the log). */
const REFUSAL_LOG_INTERVAL_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** Sockets not closed this long after `close()` are destroyed, so stopping never hangs on a slow peer. */
const CLOSE_GRACE_MS = 1_000;

export interface LanNetworkOptions {
  /** Address to listen on: all interfaces by default; `127.0.0.1` keeps the LAN on this machine (tests). */
  readonly listenHost: string;
  /** 0 = any free port. */
  readonly port: number;
  /** When `port` is taken, listen on any free port instead of failing. */
  readonly fallbackToAnyPort?: boolean;
  readonly secret: Uint8Array;
  readonly hello: LanHello;
  readonly lanPeer: LanPeer;
  readonly logger: PeerLogger;
  readonly limits?: Partial<ChannelLimits>;
  /** The reachability check found something new (the diagnostics changed). */
  readonly onDidChangeReachability?: () => void;
  /** How many inbound sockets may be in their handshake, in all and per address (tests). */
  readonly handshakePool?: HandshakePoolLimits;
}

/** What the diagnostics panel says about this laptop's port. */
export interface LanPortDiagnostics {
  readonly listening: boolean;
  readonly host: string;
  readonly port: number;
  /** Connections accepted from another machine: proof that the port is reachable on the LAN. */
  readonly inboundFromLan: number;
  readonly lastInboundFromLanAt: number | null;
  /** Whether the port answers: a connect from this laptop to each address, and a dial-back by each teammate. */
  readonly reachability: ReachabilityReport;
  readonly counters: LanCounters;
}

function isLoopback(address: string | undefined): boolean {
  return !address || address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The LAN listener and dialler: sockets in, secure connections out to the LanPeer. */
export class LanNetwork {
  readonly counters = createLanCounters();
  private readonly connections = new Set<SecureConnection>();
  private readonly sockets = new Set<net.Socket>();
  private secret: Uint8Array;
  private readonly handshakes: HandshakePool;
  private refusedHandshakes = 0;
  private lastRefusalLogAt = 0;
  private inboundFromLan = 0;
  private lastInboundFromLanAt: number | null = null;
  private boundPort = 0;
  private listening = false;
  private readonly reachability: LanReachability;
  private readonly stopWatchingConnections: () => void;

  private constructor(
    private readonly options: LanNetworkOptions,
    private readonly server: net.Server,
  ) {
    this.secret = options.secret;
    this.handshakes = new HandshakePool(options.handshakePool);
    const host = options.listenHost;
    this.reachability = new LanReachability({
      listenHosts: () => (host !== '0.0.0.0' && host !== '::' ? [host] : lanInterfaces().map((i) => i.address)),
      port: () => this.boundPort,
      connections: () => options.lanPeer.openConnections(),
      logger: options.logger,
      onDidChange: () => options.onDidChangeReachability?.(),
    });
    this.stopWatchingConnections = options.lanPeer.onDidChange(() => this.reachability.didChangeConnections());
  }

  /** Starts listening; resolves once the port is bound. */
  static async listen(options: LanNetworkOptions): Promise<LanNetwork> {
    const server = net.createServer();
    const network = new LanNetwork(options, server);
    server.on('connection', (socket) => network.accept(socket));
    server.on('error', (error) => options.logger.warn('lan listener error', { error: String(error) }));
    const bind = (port: number) =>
      new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, options.listenHost, () => {
          server.off('error', onError);
          resolve();
        });
      });
    try {
      await bind(options.port);
    } catch (error) {
      if (!options.fallbackToAnyPort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      options.logger.warn('the LAN port is taken; listening on another', { port: options.port });
      await bind(0);
    }
    network.boundPort = (server.address() as net.AddressInfo).port;
    network.listening = true;
    network.reachability.start();
    return network;
  }

  get port(): number {
    return this.boundPort;
  }

  /** New connections use `secret`; every connection made with the old one is closed. */
  setSecret(secret: Uint8Array): void {
    this.secret = secret;
    for (const connection of this.connections) connection.close();
  }

  /** Dials `address`; resolves once the connection is open (and handed to the LanPeer) or has failed. */
  dial: LanDialerOptions['dial'] = (address, via) => {
    const parsed = parsePeerAddress(address);
    if (!parsed) return Promise.resolve({ ok: false, reason: 'invalid-address' });
    return new Promise<DialOutcome>((resolve) => {
      const socket = net.connect({ host: parsed.host, port: parsed.port });
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ ok: false, reason: 'connect-timeout' });
      }, CONNECT_TIMEOUT_MS);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ ok: false, reason: error.code ?? 'socket-error' });
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        this.secure(socket, 'initiator', address, via, resolve);
      });
    });
  };

  /** Checks again now ("Check again" in the Network view); resolves when the check is done. */
  checkReachability(): Promise<void> {
    return this.reachability.check();
  }

  diagnostics(): LanPortDiagnostics {
    return {
      listening: this.listening,
      host: this.options.listenHost,
      port: this.boundPort,
      inboundFromLan: this.inboundFromLan,
      lastInboundFromLanAt: this.lastInboundFromLanAt,
      reachability: this.reachability.report(),
      counters: { ...this.counters, refusals: { ...this.counters.refusals } },
    };
  }

  async close(): Promise<void> {
    this.listening = false;
    this.reachability.stop();
    this.stopWatchingConnections();
    for (const connection of this.connections) connection.close();
    const grace = setTimeout(() => this.sockets.forEach((socket) => socket.destroy()), CLOSE_GRACE_MS);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    clearTimeout(grace);
  }

  private accept(socket: net.Socket): void {
    socket.on('error', () => {}); // reported by the secure connection
    const remote = socket.remoteAddress ?? '?';
    const slot = this.handshakes.admit(remote, () => socket.destroy());
    if (typeof slot === 'string') {
      this.refusedHandshakes++;
      const now = Date.now();
      if (now - this.lastRefusalLogAt >= REFUSAL_LOG_INTERVAL_MS) {
        this.lastRefusalLogAt = now;
        this.options.logger.warn('lan connection refused: too many handshakes at once', { remote, reason: slot, refusedSoFar: this.refusedHandshakes });
      }
      socket.destroy();
      return;
    }
    const firstBytes = setTimeout(() => socket.destroy(), FIRST_BYTES_MS);
    socket.once('data', () => clearTimeout(firstBytes));
    this.sockets.add(socket);
    socket.once('close', () => {
      clearTimeout(firstBytes);
      slot.release();
      this.sockets.delete(socket);
    });
    this.secure(socket, 'responder', `${remote}:${socket.remotePort ?? 0}`, 'inbound', null, slot);
  }

  /** Runs the handshake on `socket`; once open, hands the connection to the LanPeer. */
  private secure(socket: net.Socket, role: LanRole, address: string, via: LanVia, settle: ((outcome: DialOutcome) => void) | null, slot: HandshakeSlot | null = null): void {
    let handshakeDone = false;
    let attachment: ReturnType<LanPeer['attach']> = null;
    let resolveClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    const endHandshake = () => {
      if (handshakeDone) return;
      handshakeDone = true;
      slot?.release();
    };
    const connection = createSecureConnection({
      socket,
      role,
      secret: this.secret,
      hello: this.options.hello,
      logger: this.options.logger,
      counters: this.counters,
      ...(this.options.limits ? { limits: this.options.limits } : {}),
      onOpen: (remote) => {
        endHandshake();
        if (role === 'responder' && !isLoopback(socket.remoteAddress)) {
          this.inboundFromLan++;
          this.lastInboundFromLanAt = Date.now();
        }
        const localPeerId = this.options.hello.peerId;
        attachment = this.options.lanPeer.attach(
          { send: (frame) => void connection.send(frame), close: (reason) => connection.close(reason) },
          {
            remotePeerId: remote.peerId,
            initiatorPeerId: role === 'initiator' ? localPeerId : remote.peerId,
            tiebreak: Buffer.from(connection.handshakeHash ?? new Uint8Array(0)).toString('hex'),
            address,
            via,
            ...(socket.remoteAddress ? { remoteIp: socket.remoteAddress } : {}),
          },
        );
        settle?.({ ok: true, peerId: remote.peerId, closed });
      },
      onFrame: (frame) => attachment?.receive(frame),
      onClose: (info) => {
        endHandshake();
        this.connections.delete(connection);
        attachment?.didClose();
        resolveClosed();
        if (!info.wasOpen) settle?.({ ok: false, reason: info.reason });
      },
    });
    if (connection.state !== 'closed') this.connections.add(connection);
  }
}
