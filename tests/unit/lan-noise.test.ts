// Noise NNpsk0 against the published cacophony vectors, and Tandem's LAN handshake on top of
// it: matching peers open, and a wrong secret, another protocol version, another workspace or
// a tampered message is refused by name on both sides.
import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LanHandshake, lanPrologue, type HandshakeStep } from '../../electron/peer/lan/handshake';
import { createLanHello, type LanHello } from '../../electron/peer/lan/hello';
import { NnPsk0Handshake, NoiseError, noiseHkdf, type NoiseCipherName } from '../../electron/peer/lan/noise';
import { DEFAULT_CHANNEL_LIMITS, RecordReader } from '../../electron/peer/lan/records';
import { PROTOCOL_VERSION } from '../../shared/protocol/frame';
import vectors from './fixtures/lan/noise-nnpsk0-vectors.json';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const none = new Uint8Array(0);

function noiseError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NoiseError);
    return (error as NoiseError).reason;
  }
  throw new Error('expected a NoiseError');
}

describe('Noise_NNpsk0_25519 known answers (cacophony vectors)', () => {
  for (const vector of vectors.vectors) {
    const cipher: NoiseCipherName = vector.protocol_name.includes('AESGCM') ? 'AESGCM' : 'ChaChaPoly';

    it(`${vector.protocol_name}: every handshake and transport message matches byte for byte`, () => {
      const init = new NnPsk0Handshake({ initiator: true, cipher, psk: hex(vector.init_psk), prologue: hex(vector.init_prologue), ephemeralPrivateKey: hex(vector.init_ephemeral) });
      const resp = new NnPsk0Handshake({ initiator: false, cipher, psk: hex(vector.resp_psk), prologue: hex(vector.resp_prologue), ephemeralPrivateKey: hex(vector.resp_ephemeral) });
      const [m1, m2, ...transport] = vector.messages;
      if (!m1 || !m2) throw new Error('vector has no handshake');

      const c1 = init.writeMessage(hex(m1.payload));
      expect(toHex(c1)).toBe(m1.ciphertext);
      // The file's handshake_hash is h as it stands after message 1 (cacophony recorded it there);
      // the final h, which also hashes message 2, is checked for agreement below.
      expect(toHex(init.handshakeHash)).toBe(vector.handshake_hash);
      expect(toHex(resp.readMessage(c1))).toBe(m1.payload);
      const c2 = resp.writeMessage(hex(m2.payload));
      expect(toHex(c2)).toBe(m2.ciphertext);
      expect(toHex(init.readMessage(c2))).toBe(m2.payload);
      expect(init.isComplete && resp.isComplete).toBe(true);
      expect(toHex(init.handshakeHash)).toBe(toHex(resp.handshakeHash));

      const initCiphers = init.split();
      const respCiphers = resp.split();
      transport.forEach((message, i) => {
        const [sender, receiver] = i % 2 === 0 ? [initCiphers.send, respCiphers.receive] : [respCiphers.send, initCiphers.receive];
        const sealed = sender.encryptWithAd(none, hex(message.payload));
        expect(toHex(sealed)).toBe(message.ciphertext);
        expect(toHex(receiver.decryptWithAd(none, sealed))).toBe(message.payload);
      });
    });
  }

  it("Noise's HKDF is RFC 5869 HKDF-SHA256 with the chaining key as salt and no info", () => {
    const ck = randomBytes(32);
    const ikm = randomBytes(32);
    const rfc = new Uint8Array(hkdfSync('sha256', ikm, ck, new Uint8Array(0), 96));
    expect(Buffer.concat(noiseHkdf(ck, ikm, 3))).toEqual(Buffer.from(rfc));
  });
});

describe('NNpsk0 with fresh keys', () => {
  const psk = new Uint8Array(randomBytes(32));
  const prologue = lanPrologue();
  const pair = (initiatorPsk = psk, responderPsk = psk) => ({
    init: new NnPsk0Handshake({ initiator: true, psk: initiatorPsk, prologue }),
    resp: new NnPsk0Handshake({ initiator: false, psk: responderPsk, prologue }),
  });

  it('completes with the same psk, and carries messages both ways', () => {
    const { init, resp } = pair();
    expect(resp.readMessage(init.writeMessage(Buffer.from('hi')))).toEqual(new Uint8Array(Buffer.from('hi')));
    expect(init.readMessage(resp.writeMessage(Buffer.from('yo')))).toEqual(new Uint8Array(Buffer.from('yo')));
    const a = init.split();
    const b = resp.split();
    expect(b.receive.decryptWithAd(none, a.send.encryptWithAd(none, Buffer.from('x')))).toEqual(new Uint8Array(Buffer.from('x')));
    expect(a.receive.decryptWithAd(none, b.send.encryptWithAd(none, Buffer.from('y')))).toEqual(new Uint8Array(Buffer.from('y')));
  });

  it('message 1 under another psk fails to decrypt, and the failed handshake stays failed', () => {
    const { init, resp } = pair(psk, new Uint8Array(randomBytes(32)));
    const message = init.writeMessage(Buffer.from('hello'));
    expect(noiseError(() => resp.readMessage(message))).toBe('decrypt-failed');
    expect(noiseError(() => resp.writeMessage(none))).toBe('bad-state');
  });

  it('another prologue (another protocol version) fails message 1', () => {
    const init = new NnPsk0Handshake({ initiator: true, psk, prologue: lanPrologue(PROTOCOL_VERSION + 1) });
    const resp = new NnPsk0Handshake({ initiator: false, psk, prologue });
    expect(noiseError(() => resp.readMessage(init.writeMessage(none)))).toBe('decrypt-failed');
  });

  it('any flipped bit in either message is detected', () => {
    for (const target of [0, 1]) {
      for (const position of [0, 31, 32, 40]) {
        const { init, resp } = pair();
        let m1 = init.writeMessage(Buffer.from('payload'));
        if (target === 0) m1 = Uint8Array.from(m1, (b, i) => (i === position ? b ^ 1 : b));
        if (target === 0) {
          expect(noiseError(() => resp.readMessage(m1))).toBe('decrypt-failed');
          continue;
        }
        resp.readMessage(m1);
        const m2 = Uint8Array.from(resp.writeMessage(Buffer.from('reply')), (b, i) => (i === position ? b ^ 1 : b));
        expect(noiseError(() => init.readMessage(m2))).toBe('decrypt-failed');
      }
    }
  });

  it('refuses a low-order ephemeral key, short messages, out-of-turn calls and a short psk', () => {
    const { init, resp } = pair();
    resp.readMessage(init.writeMessage(none));
    const reply = resp.writeMessage(none);
    const zeroKey = Uint8Array.from(reply, (b, i) => (i < 32 ? 0 : b));
    expect(noiseError(() => init.readMessage(zeroKey))).toBe('dh-failed');
    expect(noiseError(() => pair().resp.readMessage(new Uint8Array(20)))).toBe('message-too-short');
    expect(noiseError(() => pair().init.readMessage(new Uint8Array(48)))).toBe('bad-state');
    expect(noiseError(() => pair().init.split())).toBe('bad-state');
    expect(noiseError(() => new NnPsk0Handshake({ initiator: true, psk: new Uint8Array(16), prologue }))).toBe('bad-key');
  });
});

describe('the LAN handshake (preamble, hello, key confirmation), in memory', () => {
  const secret = new Uint8Array(randomBytes(32));
  const hello = (peerId: string, workspaceId = 'w_aaaaaaaaaaaaaaaa', protocolVersion = PROTOCOL_VERSION): LanHello => ({
    ...createLanHello({ appVersion: '0.1.0', peerId, workspaceId }),
    protocolVersion,
  });

  /** Runs both sides to the end, passing bytes across, and returns each side's last step. */
  function run(init: LanHandshake, resp: LanHandshake): { init: HandshakeStep; resp: HandshakeStep } {
    const toResp = new RecordReader();
    const toInit = new RecordReader();
    for (const bytes of init.start()) toResp.push(bytes);
    let r = resp.step(toResp);
    r.send.forEach((b) => toInit.push(b));
    const i = init.step(toInit);
    i.send.forEach((b) => toResp.push(b));
    if (r.kind === 'pending') r = resp.step(toResp);
    return { init: i, resp: r };
  }

  const side = (role: 'initiator' | 'responder', overrides: Partial<ConstructorParameters<typeof LanHandshake>[0]> = {}) =>
    new LanHandshake({ role, secret, hello: hello(role === 'initiator' ? 'p_one' : 'p_two'), limits: DEFAULT_CHANNEL_LIMITS, ...overrides });

  it('opens both sides with each other’s hello and the same handshake hash', () => {
    const { init, resp } = run(side('initiator'), side('responder'));
    if (init.kind !== 'open' || resp.kind !== 'open') throw new Error(`not open: ${init.kind}/${resp.kind}`);
    expect(init.session.remoteHello.peerId).toBe('p_two');
    expect(resp.session.remoteHello.peerId).toBe('p_one');
    expect(toHex(init.session.handshakeHash)).toBe(toHex(resp.session.handshakeHash));
  });

  it.each([
    ['a wrong secret', { secret: new Uint8Array(randomBytes(32)) }, 'bad-handshake', true],
    ['another protocol version', { protocolVersion: PROTOCOL_VERSION + 1, hello: hello('p_one', 'w_aaaaaaaaaaaaaaaa', PROTOCOL_VERSION + 1) }, 'incompatible-protocol', true],
    ['another workspace', { hello: hello('p_one', 'w_bbbbbbbbbbbbbbbb') }, 'wrong-workspace', false],
    ['its own peer id', { hello: hello('p_two') }, 'self-connection', false],
  ] as const)('refuses an initiator with %s on both sides, by name', (_what, overrides, reason, toldByPeer) => {
    const { init, resp } = run(side('initiator', overrides), side('responder'));
    expect(resp).toMatchObject({ kind: 'refused', reason, byPeer: false });
    expect(init).toMatchObject({ kind: 'refused', reason, byPeer: toldByPeer });
  });

  it('refuses bytes that are not a Tandem preamble, without answering', () => {
    const reader = new RecordReader();
    reader.push(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    expect(side('responder').step(reader)).toEqual({ kind: 'refused', send: [], reason: 'bad-handshake', byPeer: false });
  });
});
