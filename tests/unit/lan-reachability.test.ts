// The dial-back check of this laptop's LAN port: a teammate connects only to the address the
// request's connection comes from, at the port claimed, a few times a minute, and refuses
// malformed requests by closing; the check keeps per-address results for the diagnostics.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/peer/logger';
import { DEFAULT_LAN_SYNC_LIMITS, LanSyncConnection, type LanChannel } from '../../electron/peer/lan/lan-connection';
import { encodeWelcome } from '../../electron/peer/lan/lan-messages';
import { LanReachability } from '../../electron/peer/lan/reachability-check';
import { dialBackRequestSchema, encodeDialBackRequest, mayDialBack, readDialBackAnswer, serveDialBack, type DialBackAnswer } from '../../electron/peer/lan/reachability';
import { encodeJsonFrame, MessageType, readFrameHead } from '../../shared/protocol/frame';

const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A connection from a teammate at `remoteIp`, whose channel the test holds. */
function connectionFrom(remoteIp: string | undefined, probe: (host: string, port: number) => Promise<'reachable'>) {
  const sent: Uint8Array[] = [];
  const failures: string[] = [];
  const channel: LanChannel = { send: (frame) => void sent.push(frame), close: () => {} };
  let now = 0;
  const connection = new LanSyncConnection({
    host: { listDocIds: async () => [], openDoc: async () => { throw new Error('no docs'); }, savedStateVector: async () => new Uint8Array(0) },
    channel,
    info: { remotePeerId: 'p_b', initiatorPeerId: 'p_b', tiebreak: '00', address: `${remoteIp}:5000`, via: 'inbound', ...(remoteIp ? { remoteIp } : {}) },
    welcome: () => ({ memberId: null, device: null }),
    logger: createLogger(() => {}),
    now: () => now,
    limits: DEFAULT_LAN_SYNC_LIMITS,
    events: { onDidWelcome: () => {}, onDidAck: () => {}, onDidExchange: () => {}, onDidProgress: () => {}, onDidFail: (_c, reason) => void failures.push(reason) },
    probe,
  });
  connection.receive(encodeWelcome({ memberId: null, device: null, docs: [] }));
  const answers = (): DialBackAnswer[] =>
    sent.flatMap((frame) => {
      const head = readFrameHead(frame);
      return head.type === MessageType.lanDialBackResult ? [readDialBackAnswer(head.decoder)] : [];
    });
  return { connection, failures, answers, advance: (ms: number) => (now += ms) };
}

describe('LAN dial-back requests', () => {
  it('dials only the address the connection comes from, at the port claimed', async () => {
    expect(mayDialBack('192.168.1.5', '192.168.1.5')).toBe(true);
    expect(mayDialBack('192.168.1.5', '::ffff:192.168.1.5')).toBe(true);
    expect(mayDialBack('192.168.1.6', '192.168.1.5')).toBe(false);
    expect(mayDialBack('127.0.0.1', '192.168.1.5')).toBe(false);
    expect(mayDialBack('192.168.1.5', undefined)).toBe(false);

    const dialled: string[] = [];
    const probe = async (host: string, port: number) => {
      dialled.push(`${host}:${port}`);
      return 'reachable' as const;
    };
    const answer = await serveDialBack({ id: 1, port: 47_800, addresses: ['10.0.0.5', '10.0.0.9', '127.0.0.1'] }, '::ffff:10.0.0.5', probe);
    expect(dialled).toEqual(['10.0.0.5:47800']);
    expect(answer.results).toEqual([
      { address: '10.0.0.5', result: 'reachable' },
      { address: '10.0.0.9', result: 'not-allowed' },
      { address: '127.0.0.1', result: 'not-allowed' },
    ]);
    // A connection whose remote address is unknown (in memory) dials nothing.
    expect((await serveDialBack({ id: 2, port: 1, addresses: ['10.0.0.5'] }, undefined, probe)).results).toEqual([{ address: '10.0.0.5', result: 'not-allowed' }]);
    expect(dialled).toHaveLength(1);
  });

  it('refuses requests naming host names, bad ports, too many addresses or unknown fields', () => {
    const ok = { id: 1, port: 47_800, addresses: ['10.0.0.5'] };
    expect(dialBackRequestSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, addresses: ['intranet.example'] },
      { ...ok, addresses: ['10.0.0.5:22'] },
      { ...ok, addresses: [] },
      { ...ok, addresses: Array.from({ length: 9 }, (_, i) => `10.0.0.${i}`) },
      { ...ok, port: 0 },
      { ...ok, port: 65_536 },
      { ...ok, host: 'example.com' },
    ]) {
      expect(dialBackRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('over a connection: answers with the probe, rate-limits, and closes on a malformed request', async () => {
    const dialled: string[] = [];
    const side = connectionFrom('10.0.0.5', async (host, port) => {
      dialled.push(`${host}:${port}`);
      return 'reachable';
    });
    for (let id = 1; id <= 4; id++) side.connection.receive(encodeDialBackRequest({ id, port: 4_000, addresses: ['10.0.0.5', '10.0.0.7'] }));
    await drain();
    await drain();
    expect(dialled).toEqual(['10.0.0.5:4000', '10.0.0.5:4000', '10.0.0.5:4000']);
    const answers = side.answers().sort((a, b) => a.id - b.id);
    expect(answers.map((a) => a.refused ?? a.results.map((r) => r.result).join())).toEqual(['reachable,not-allowed', 'reachable,not-allowed', 'reachable,not-allowed', 'rate-limited']);
    side.advance(60_000);
    side.connection.receive(encodeDialBackRequest({ id: 5, port: 4_000, addresses: ['10.0.0.5'] }));
    await drain();
    await drain();
    expect(dialled).toHaveLength(4);
    expect(side.failures).toEqual([]);

    side.connection.receive(encodeJsonFrame(MessageType.lanDialBack, { id: 6, port: 22, addresses: ['scanme.example'] }));
    await drain();
    expect(side.failures).toEqual(['dial-back-malformed']);
    expect(dialled).toHaveLength(4);
  });
});

describe('LanReachability', () => {
  it('keeps the self-check and each teammate’s dial-back per address, ignoring addresses a teammate could not check', async () => {
    const teammate = {
      remoteWelcome: { memberId: null, device: null, docs: [] },
      info: { remotePeerId: 'p_b' },
      requestDialBack: async (addresses: readonly string[]): Promise<DialBackAnswer> => ({
        id: 1,
        results: addresses.map((address) => ({ address, result: address === '10.0.0.5' ? 'refused' : 'not-allowed' })),
      }),
    } as unknown as LanSyncConnection;
    const changes: number[] = [];
    const reachability = new LanReachability({
      listenHosts: () => ['10.0.0.5', '192.168.7.2'],
      port: () => 47_800,
      connections: () => [teammate],
      logger: createLogger(() => {}),
      onDidChange: () => void changes.push(1),
      probe: async (host) => (host === '10.0.0.5' ? 'reachable' : 'timeout'),
      now: () => 1_000,
    });
    expect(reachability.report()).toEqual({ checking: false, checkedAt: null, self: [], fromTeammates: [] });
    await reachability.check();
    expect(reachability.report()).toEqual({
      checking: false,
      checkedAt: 1_000,
      self: [
        { address: '10.0.0.5:47800', result: 'reachable', checkedAt: 1_000 },
        { address: '192.168.7.2:47800', result: 'timeout', checkedAt: 1_000 },
      ],
      fromTeammates: [{ peerId: 'p_b', address: '10.0.0.5:47800', result: 'refused', checkedAt: 1_000 }],
    });
    expect(changes.length).toBeGreaterThanOrEqual(2);
    reachability.stop();
  });
});

