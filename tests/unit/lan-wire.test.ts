// What crosses the wire between two peers, through a relay that records every byte and can
// replay, reorder, damage, cut or inflate records: nothing readable is ever on it, and each
// kind of tampering closes the connection with its own reason before any bad frame is used.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeAll, openPair, SECRET, startRelay, WORKSPACE_ID, type Endpoint, type RelayControl } from './fixtures/lan/harness';

afterEach(closeAll);

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (frame: Uint8Array) => new TextDecoder().decode(frame);
const FIRST_FRAME = 2; // record 0 is Noise message 1, record 1 the key confirmation

async function closedWith(e: Endpoint): Promise<string> {
  await vi.waitFor(() => expect(e.closes).toHaveLength(1), { timeout: 3_000 });
  return e.closes[0]?.reason ?? '';
}

/** Opens a pair through a relay whose hook sees client → server records; the client then sends `frames`. */
async function throughRelay(
  tamper: (record: Uint8Array, index: number, control: RelayControl) => void,
  frames: string[],
  serverLimits: { maxFrameBytes?: number } = {},
) {
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  const { server, client } = await openPair({ limits: serverLimits }, {}, async (port) => {
    relay = await startRelay(port, tamper);
    return relay.port;
  });
  await client.connection.opened;
  for (const frame of frames) client.connection.send(bytes(frame));
  return { server, client, relay: relay as NonNullable<typeof relay> };
}

const passThrough = (record: Uint8Array, _index: number, control: RelayControl) => control.forward(record);

describe('the wire', () => {
  it('carries no plaintext: no frame content, no workspace id, no peer id, no secret', async () => {
    const marker = 'TANDEM-PLAINTEXT-MARKER-4f1c';
    const { server, client, relay } = await throughRelay(passThrough, [`${marker} from the initiator`]);
    await vi.waitFor(() => expect(server.frames).toHaveLength(1));
    server.connection.send(bytes(`${marker} from the responder`));
    await vi.waitFor(() => expect(client.frames).toHaveLength(1));
    expect(text(server.frames[0] as Uint8Array)).toContain(marker);

    const wire = Buffer.concat([...relay.upstream, ...relay.downstream]);
    expect(wire.length).toBeGreaterThan(200);
    for (const secret of [marker, WORKSPACE_ID, 'p_initiator00001', 'p_responder00001', '0.1.0', 'workspaceIdHash']) {
      expect(wire.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(wire.includes(Buffer.from(SECRET))).toBe(false);
  });
});

describe('a tampered frame closes the connection, naming what was wrong', () => {
  it('a replayed frame: the first copy is delivered, the replay closes the connection', async () => {
    const { server, client } = await throughRelay((record, index, control) => {
      control.forward(record);
      if (index === FIRST_FRAME) control.forward(record);
    }, ['once']);
    expect(await closedWith(server)).toBe('frame-replayed');
    expect(server.frames.map(text)).toEqual(['once']);
    expect(await closedWith(client)).not.toBe('');
  });

  it('reordered frames: the later frame arriving first closes the connection, nothing delivered', async () => {
    let held: Uint8Array | null = null;
    const { server } = await throughRelay((record, index, control) => {
      if (index === FIRST_FRAME) held = record;
      else if (index === FIRST_FRAME + 1 && held) [record, held].forEach((r) => control.forward(r));
      else control.forward(record);
    }, ['one', 'two']);
    expect(await closedWith(server)).toBe('frame-out-of-order');
    expect(server.frames).toEqual([]);
  });

  it('a skipped frame: the one after it is refused as out of order', async () => {
    const { server } = await throughRelay((record, index, control) => {
      if (index !== FIRST_FRAME) control.forward(record);
    }, ['dropped', 'next']);
    expect(await closedWith(server)).toBe('frame-out-of-order');
    expect(server.frames).toEqual([]);
  });

  it.each([
    ['in the ciphertext', (length: number) => length - 20],
    ['in the tag', (length: number) => length - 1],
    ['in the length prefix', () => 3],
  ])('a bit flipped %s fails authentication or framing', async (_where, position) => {
    const { server } = await throughRelay((record, index, control) => {
      const at = position(record.length);
      control.forward(index === FIRST_FRAME ? record.map((b, i) => (i === at ? b ^ 0x01 : b)) : record);
    }, ['a frame long enough to damage', 'and another after it']);
    expect(['frame-auth-failed', 'frame-malformed']).toContain(await closedWith(server));
    expect(server.frames).toEqual([]);
  });

  it.each([
    [0x02, 'frame-out-of-order'], // counter 1 → 3: ahead of the next one
    [0x01, 'frame-replayed'], // counter 1 → 0: the key confirmation's, already used
  ])('a counter damaged by xor %i is refused as %s', async (mask, reason) => {
    const { server } = await throughRelay((record, index, control) => {
      control.forward(index === FIRST_FRAME ? record.map((b, i) => (i === 11 ? b ^ mask : b)) : record);
    }, ['counter damaged']);
    expect(await closedWith(server)).toBe(reason);
    expect(server.frames).toEqual([]);
  });

  it('a truncated frame (the connection ends inside it) closes as frame-truncated', async () => {
    const { server } = await throughRelay((record, index, control) => {
      if (index < FIRST_FRAME) return control.forward(record);
      control.forward(record.subarray(0, record.length - 5));
      control.end();
    }, ['cut short']);
    expect(await closedWith(server)).toBe('frame-truncated');
    expect(server.frames).toEqual([]);
  });

  it('an oversized frame header closes the connection before its body arrives', async () => {
    const { server } = await throughRelay((record, index, control) => {
      if (index < FIRST_FRAME) return control.forward(record);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(16 * 1024 * 1024 + 8 + 16 + 1);
      control.forward(header);
    }, ['replaced by a huge header']);
    expect(await closedWith(server)).toBe('frame-too-large');
  });

  it('a sealed frame larger than the receiver allows closes the connection', async () => {
    const { server } = await throughRelay(passThrough, ['x'.repeat(2_000)], { maxFrameBytes: 1_024 });
    expect(await closedWith(server)).toBe('frame-too-large');
    expect(server.frames).toEqual([]);
    expect(server.counters.refusals).toEqual({ 'frame-too-large': 1 });
  });

  it('a frame its handler rejects closes the connection as frame-rejected', async () => {
    const { server, client } = await openPair({
      onFrame: () => {
        throw new Error('malformed y-protocols message');
      },
    });
    await client.connection.opened;
    client.connection.send(bytes('not a sync message'));
    expect(await closedWith(server)).toBe('frame-rejected');
    expect(server.logger.lines.join('\n')).toContain('malformed y-protocols message');
  });
});
