// Secure LAN connections on real loopback sockets: the handshake opens matching peers and
// refuses the rest by name on both sides, stalls and floods before the handshake are dropped,
// garbage leaves the listener serving others, and frames arrive whole, in order and counted.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodePreamble, LanHandshake } from '../../electron/peer/lan/handshake';
import { createLanCounters, DEFAULT_CHANNEL_LIMITS, type SecureCloseInfo } from '../../electron/peer/lan/secure-channel';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';
import { closeAll, connectTo, endpoint, helloFor, listen, manualClock, openPair, responderOn, SECRET, type Endpoint } from './fixtures/lan/harness';

afterEach(closeAll);

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (frame: Uint8Array) => new TextDecoder().decode(frame);
const closedWith = async (e: Endpoint): Promise<SecureCloseInfo> => {
  await vi.waitFor(() => expect(e.closes).toHaveLength(1), { timeout: 3_000 });
  const [info] = e.closes;
  if (!info) throw new Error('not closed');
  return info;
};
const u32 = (n: number) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
};

describe('opening a secure connection', () => {
  it('opens with the same secret and carries frames both ways, in order, counted', async () => {
    const { server, client } = await openPair();
    expect((await client.connection.opened).peerId).toBe('p_responder00001');
    expect((await server.connection.opened).peerId).toBe('p_initiator00001');
    for (const n of [1, 2, 3]) client.connection.send(bytes(`to server ${n}`));
    server.connection.send(bytes('to client'));
    await vi.waitFor(() => expect(server.frames.map(text)).toEqual(['to server 1', 'to server 2', 'to server 3']));
    await vi.waitFor(() => expect(client.frames.map(text)).toEqual(['to client']));
    expect(client.connection.stats).toMatchObject({ framesOut: 3, framesIn: 1 });
    expect(server.counters).toMatchObject({ opened: 1, framesIn: 3, framesOut: 1, refusals: {} });
    expect(server.counters.bytesIn).toBe(client.connection.stats.bytesOut);
  });

  it('delivers large frames and frames sent the instant the handshake completes', async () => {
    const big = new Uint8Array(randomBytes(3 * 1024 * 1024));
    const { server, client } = await openPair({}, { onOpen: () => queueMicrotask(() => [bytes('first'), big].forEach((f) => client.connection.send(f))) });
    await vi.waitFor(() => expect(server.frames).toHaveLength(2), { timeout: 5_000 });
    expect(text(server.frames[0] as Uint8Array)).toBe('first');
    expect(Buffer.from(server.frames[1] as Uint8Array).equals(Buffer.from(big))).toBe(true);
  });

  it('sends the frames of one tick in one socket write, each still a whole record, in order', async () => {
    const { port, server } = await responderOn();
    const socket = await connectTo(port);
    const client = endpoint(socket, 'initiator');
    await client.connection.opened;
    const writes: number[] = [];
    const writable = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (chunks: unknown[], ...rest: unknown[]) => void };
    const [write, writev] = [writable._write.bind(socket), writable._writev.bind(socket)];
    writable._write = (...args) => (writes.push(1), write(...args));
    writable._writev = (chunks, ...rest) => (writes.push(chunks.length), writev(chunks, ...rest));
    for (let n = 0; n < 50; n++) client.connection.send(bytes(`frame ${n}`));
    const peer = await server;
    await vi.waitFor(() => expect(peer.frames).toHaveLength(50));
    expect(peer.frames.map(text)).toEqual(Array.from({ length: 50 }, (_, n) => `frame ${n}`));
    expect(writes).toEqual([50]);
    // The next tick's frames go in a write of their own.
    client.connection.send(bytes('later'));
    await vi.waitFor(() => expect(peer.frames).toHaveLength(51));
    expect(writes).toEqual([50, 1]);
  });

  it('delivers what was sent in the same tick as a close with a reason', async () => {
    const { server, client } = await openPair();
    await client.connection.opened;
    await server.connection.opened;
    client.connection.send(bytes('before the refusal'));
    client.connection.close('frame-rejected');
    await vi.waitFor(() => expect(server.frames.map(text)).toEqual(['before the refusal']));
  });

  it('closes in order when either side closes, and refuses to send afterwards', async () => {
    const { server, client } = await openPair();
    await client.connection.opened;
    await server.connection.opened;
    client.connection.send(bytes('last words'));
    client.connection.close();
    expect(await closedWith(server)).toEqual({ reason: 'peer-closed', byPeer: false, wasOpen: true });
    expect(server.frames.map(text)).toEqual(['last words']);
    expect(() => client.connection.send(bytes('too late'))).toThrow(/closed/);
  });
});

describe('refusals, on both sides, by name', () => {
  const secretHex = Buffer.from(SECRET).toString('hex');
  const secretB64 = Buffer.from(SECRET).toString('base64');

  it('refuses a wrong secret on both sides with a logged reason, and no frame is ever delivered', async () => {
    const { server, client } = await openPair({}, { secret: new Uint8Array(randomBytes(32)) });
    expect(await closedWith(server)).toEqual({ reason: 'bad-handshake', byPeer: false, wasOpen: false });
    expect(await closedWith(client)).toEqual({ reason: 'bad-handshake', byPeer: true, wasOpen: false });
    await expect(client.connection.opened).rejects.toMatchObject({ reason: 'bad-handshake' });
    expect(() => client.connection.send(bytes('x'))).toThrow();
    expect(server.frames).toEqual([]);
    for (const side of [server, client]) {
      expect(side.counters.refusals).toEqual({ 'bad-handshake': 1 });
      const log = side.logger.lines.join('\n');
      expect(log).toMatch(/lan connection refused .*"reason":"bad-handshake"/);
      expect(log).not.toContain(secretHex);
      expect(log).not.toContain(secretB64);
    }
  });

  it('refuses another protocol version as incompatible-protocol', async () => {
    const next = PROTOCOL_VERSION + 1;
    const { server, client } = await openPair({}, { handshake: { protocolVersion: next }, hello: { ...helloFor('p_future'), protocolVersion: next } });
    expect((await closedWith(server)).reason).toBe('incompatible-protocol');
    expect(await closedWith(client)).toMatchObject({ reason: 'incompatible-protocol', byPeer: true });
  });

  it('refuses a peer of another workspace as wrong-workspace', async () => {
    const { server, client } = await openPair({}, { hello: helloFor('p_other', 'w_someotherspace1') });
    expect((await closedWith(server)).reason).toBe('wrong-workspace');
    expect((await closedWith(client)).reason).toBe('wrong-workspace');
    expect(server.frames).toEqual([]);
  });
});

describe('before the handshake completes', () => {
  it('drops a peer that stalls, exactly at 5 s of (injected) time', async () => {
    const clock = manualClock();
    const { port, server } = await responderOn({ clock });
    const raw = await connectTo(port);
    const e = await server;
    expect(clock.delays).toEqual([DEFAULT_CHANNEL_LIMITS.handshakeTimeoutMs]);
    expect(DEFAULT_CHANNEL_LIMITS.handshakeTimeoutMs).toBe(5_000);
    raw.write(encodePreamble(0)); // a valid start, then nothing
    clock.advance(4_999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(e.closes).toEqual([]);
    clock.advance(1);
    expect(await closedWith(e)).toEqual({ reason: 'handshake-timeout', byPeer: false, wasOpen: false });
    await vi.waitFor(() => expect(raw.destroyed || raw.readableEnded).toBe(true));
  });

  it('drops a stalled peer on a real socket with a short configured timeout', async () => {
    const { port, server } = await responderOn({ limits: { handshakeTimeoutMs: 150 } });
    const raw = await connectTo(port);
    raw.write(encodePreamble(0));
    const started = Date.now();
    expect((await closedWith(await server)).reason).toBe('handshake-timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('drops an initiator whose responder stalls', async () => {
    const port = await listen(() => {}); // accepts, never answers
    const clock = manualClock();
    const client = endpoint(await connectTo(port), 'initiator', { clock });
    clock.advance(5_000);
    expect((await closedWith(client)).reason).toBe('handshake-timeout');
  });

  it.each([
    ['declares a record larger than the budget', [encodePreamble(0), u32(2_000)]],
    ['declares a record just over what is left of 1 KB', [encodePreamble(0), u32(1_024 - 7 - 4 + 1)]],
    ['sends 2 KB of 0xff after the preamble', [encodePreamble(0), Buffer.alloc(2_048, 0xff)]],
  ])('drops a peer that %s (more than 1 KB before the handshake)', async (_what, chunks) => {
    const { port, server } = await responderOn();
    const raw = await connectTo(port);
    for (const chunk of chunks) raw.write(chunk);
    expect((await closedWith(await server)).reason).toBe('handshake-oversized');
  });

  it('drops a peer that sends a valid message 1 and then floods instead of confirming its keys', async () => {
    const { port, server } = await responderOn();
    const raw = await connectTo(port);
    const initiator = new LanHandshake({ role: 'initiator', secret: SECRET, hello: helloFor('p_flooder'), limits: DEFAULT_CHANNEL_LIMITS });
    for (const chunk of initiator.start()) raw.write(chunk);
    for (let i = 0; i < 20; i++) raw.write(Buffer.alloc(100, 0xff));
    expect((await closedWith(await server)).reason).toBe('handshake-oversized');
  });

  it('counts refusals across connections, and garbage leaves the listener serving everyone else', async () => {
    const counters = createLanCounters();
    const { port, all } = await responderOn({ counters });
    const garbage = await connectTo(port);
    garbage.write(randomBytes(64));
    const http = await connectTo(port);
    http.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await vi.waitFor(() => expect(counters.refusals['bad-handshake']).toBe(2));
    const client = endpoint(await connectTo(port), 'initiator');
    await client.connection.opened;
    client.connection.send(bytes('still here'));
    await vi.waitFor(() => expect(all[2]?.frames.map(text)).toEqual(['still here']));
    expect(counters).toMatchObject({ connections: 3, opened: 1 });
  });
});
