// Seeded bad input for the fuzz campaign, one case at a time, for the four doors a stranger (or
// a broken teammate) can knock on: the hub's HTTP request line and headers, the local link's
// frames, the LAN port before the handshake, and an authenticated LAN connection's frames.
// Each case mutates a valid sample (flips, cuts, splices, huge lengths) or is made from scratch.
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { encodeFrame, encodeJsonFrame, MessageType } from '../../shared/protocol/frame';

export type FuzzSurface = 'http' | 'link' | 'lan-handshake' | 'lan-frames';
export const FUZZ_SURFACES: readonly FuzzSurface[] = ['http', 'link', 'lan-handshake', 'lan-frames'];

/** The doc ids a case may name: the workspace's real docs, plus a scratch doc that update bytes go to. */
export interface FuzzDocs {
  readonly real: readonly string[];
  /** Random update bytes go here only: a holder of the token or secret may write any valid update, and a random one is rarely but sometimes valid. */
  readonly scratch: string;
}

export interface FuzzCase {
  readonly index: number;
  readonly surface: FuzzSurface;
  /** What the case sends: raw bytes (http, lan-handshake) or whole frames (link, lan-frames). */
  readonly payloads: readonly Uint8Array[];
  /** lan-frames only: send a valid welcome first, so doc frames reach the sync code. */
  readonly welcomeFirst: boolean;
  readonly description: string;
}

const enc = new TextEncoder();
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'DELETE', 'G\u0000T', 'get', ''];
const TARGETS = ['/', '/link', '/healthz', '//a:99999/link', '//a:99999/healthz', '/\\a:1/link', 'http://a:99999/link', '*', '/%2e%2e/%2e%2e/etc/passwd', '/link?token=%ZZ', '/link?token=', '/%', '/\u00ff\u00fe', '/link#x', '//', '/?'.padEnd(9000, 'a')];
/** Link requests that can do no harm with any arguments: never leave, rotate, restore, join or dial out. */
const HARMLESS_OPS = ['dismiss-notice', 'reach', 'network-status', 'get-invite', 'no-such-op', '', '__proto__', 'constructor'];

/** Sends one of `values`, chosen by the generator. */
function pick<T>(gen: prng.PRNG, values: readonly T[]): T {
  return prng.oneOf(gen, values as T[]);
}

function randomBytes(gen: prng.PRNG, max: number): Uint8Array {
  return prng.uint8Array(gen, prng.uint32(gen, 0, max));
}

/** A varUint that is far too large, as a length or count would be. */
function hugeVarUint(gen: prng.PRNG): Uint8Array {
  return encoding.encode((e) => encoding.writeVarUint(e, pick(gen, [2 ** 31, 2 ** 32 - 1, Number.MAX_SAFE_INTEGER, 2 ** 24 + 1])));
}

/** One of several ways to damage valid bytes. */
export function mutate(gen: prng.PRNG, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (prng.uint32(gen, 0, 6)) {
    case 0: // flip a few bits
      for (let i = 0, n = prng.uint32(gen, 1, 8); i < n && out.length > 0; i++) {
        const at = prng.uint32(gen, 0, out.length - 1);
        out[at] = (out[at] as number) ^ (1 << prng.uint32(gen, 0, 7));
      }
      return out;
    case 1: // cut short
      return out.slice(0, prng.uint32(gen, 0, Math.max(0, out.length - 1)));
    case 2: {
      // random bytes spliced in
      const at = prng.uint32(gen, 0, out.length);
      return Uint8Array.from([...out.slice(0, at), ...randomBytes(gen, 64), ...out.slice(at)]);
    }
    case 3: {
      // a huge length or count where a small one stood
      const at = prng.uint32(gen, 0, out.length);
      return Uint8Array.from([...out.slice(0, at), ...hugeVarUint(gen), ...out.slice(at + 1)]);
    }
    case 4: // doubled
      return Uint8Array.from([...out, ...out]);
    case 5: // a byte set to an extreme
      if (out.length > 0) out[prng.uint32(gen, 0, out.length - 1)] = pick(gen, [0, 0x7f, 0x80, 0xff]);
      return out;
    default: // only the tail
      return out.slice(prng.uint32(gen, 0, out.length));
  }
}

function httpCase(gen: prng.PRNG, hostPort: string, token: string): { bytes: Uint8Array; description: string } {
  // Mostly well-formed enough to reach the hub's own handlers (GET, a known target, its Host), not only Node's parser.
  const method = prng.bool(gen) ? 'GET' : pick(gen, HTTP_METHODS);
  const target = prng.uint32(gen, 0, 4) < 3 ? pick(gen, TARGETS) : `/${prng.word(gen, 0, 40)}`;
  const tokenPart = target.startsWith('/link') && prng.bool(gen) ? `${target.includes('?') ? '&' : '?'}token=${prng.bool(gen) ? token : prng.word(gen, 0, 30)}` : '';
  const version = prng.bool(gen) ? 'HTTP/1.1' : pick(gen, ['HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '', 'HTTP/1.1 extra']);
  const headers = [`Host: ${prng.bool(gen) ? hostPort : pick(gen, [`localhost:${hostPort.split(':')[1]}`, 'x', '', '127.0.0.1:1', 'a'.repeat(300)])}`];
  if (prng.bool(gen)) headers.push('Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${pick(gen, ['dGhlIHNhbXBsZSBub25jZQ==', '', '!!!', 'a'.repeat(100)])}`, `Sec-WebSocket-Version: ${pick(gen, ['13', '8', '', '999999999999'])}`);
  for (let i = 0, n = prng.uint32(gen, 0, 4); i < n; i++) headers.push(pick(gen, [`${prng.word(gen, 1, 20)}: ${prng.utf16String(gen, 30)}`, 'Content-Length: -1', 'Content-Length: 99999999999', 'Transfer-Encoding: chunked', ': no name', 'No-Colon', 'X: \u0000', `X-Long: ${'b'.repeat(prng.uint32(gen, 0, 20_000))}`]));
  const head = `${method} ${target}${tokenPart} ${version}\r\n${headers.join('\r\n')}\r\n\r\n`;
  let bytes: Uint8Array = enc.encode(head);
  if (prng.uint32(gen, 0, 3) === 0) bytes = mutate(gen, bytes);
  return { bytes, description: `http ${JSON.stringify(`${method} ${target}`.slice(0, 60))}` };
}

/** A valid-looking frame of the local link or the LAN, for a real doc or the connection (docId ''), before damage. */
function sampleFrame(gen: prng.PRNG, docs: FuzzDocs, lan: boolean): { frame: Uint8Array; what: string } {
  const realDoc = pick(gen, docs.real);
  const choice = prng.uint32(gen, 0, 9);
  switch (choice) {
    case 0: // step 1 with a damaged state vector, on a real doc
      return { frame: encodeFrame(realDoc, MessageType.sync, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, randomBytes(gen, 40)))), what: 'step1' };
    case 1: // an update or step 2 of random bytes, to the scratch doc only
      return { frame: encodeFrame(docs.scratch, MessageType.sync, (e) => (encoding.writeVarUint(e, prng.uint32(gen, 1, 2)), encoding.writeVarUint8Array(e, randomBytes(gen, 200)))), what: 'update' };
    case 2: // an unknown sync kind
      return { frame: encodeFrame(realDoc, MessageType.sync, (e) => (encoding.writeVarUint(e, prng.uint32(gen, 3, 300)), encoding.writeUint8Array(e, randomBytes(gen, 20)))), what: 'sync-kind' };
    case 3: // awareness garbage, connection-level or per doc
      return { frame: encodeFrame(prng.bool(gen) ? '' : realDoc, MessageType.awareness, (e) => encoding.writeVarUint8Array(e, randomBytes(gen, 120))), what: 'awareness' };
    case 4: // a JSON frame with garbage
      return { frame: encodeJsonFrame(pick(gen, [MessageType.request, MessageType.response, MessageType.hello, MessageType.lanWelcome, MessageType.lanDialBack, MessageType.networkStatus]), pick(gen, [null, 1, 'x', [], { id: -1 }, { id: 1, op: pick(gen, HARMLESS_OPS), args: { docId: prng.word(gen, 0, 200), at: 'x', clocks: [[1, -1]] } }, { memberId: 5, docs: ['../../etc'] }, { a: { b: { c: { d: [[[[[]]]]] } } } }])), what: 'json' };
    case 5: // a doc id that is no doc id
      return { frame: encodeFrame(pick(gen, ['../../x', 'a'.repeat(300), '\u0000', 'con', ' ', '💥']), MessageType.sync, (e) => encoding.writeVarUint(e, 0)), what: 'doc-id' };
    case 6: // a type nobody uses, or Tandem's own with garbage
      return { frame: encodeFrame(prng.bool(gen) ? '' : realDoc, prng.uint32(gen, 2, 400), (e) => encoding.writeUint8Array(e, randomBytes(gen, 30))), what: 'type' };
    case 7: // saved acknowledgements with damaged vectors, blob chunks, large-frame announcements, bundles, doc digest pages
      return { frame: encodeFrame(pick(gen, ['', realDoc]), pick(gen, [MessageType.saved, MessageType.blobChunk, lan ? MessageType.lanLargeFrame : MessageType.blobChunk, lan ? MessageType.lanBundle : MessageType.blobChunk, MessageType.lanDocDigests, MessageType.lanPing, MessageType.lanPong]), (e) => encoding.writeUint8Array(e, prng.bool(gen) ? hugeVarUint(gen) : randomBytes(gen, 40))), what: 'tandem-type' };
    case 8: // nothing but random bytes
      return { frame: randomBytes(gen, 300), what: 'random' };
    default: // an empty frame
      return { frame: new Uint8Array(0), what: 'empty' };
  }
}

export interface FuzzTargets {
  readonly hostPort: string;
  readonly token: string;
  readonly docs: FuzzDocs;
  /** A valid first flight of an initiator's handshake (preamble + Noise message 1), to damage. */
  readonly handshakeSample: () => Uint8Array;
}

/** Case `index` of the campaign seeded with `seed`: the same pair always gives the same case. */
export function fuzzCase(seed: number, index: number, targets: FuzzTargets): FuzzCase {
  const gen = prng.create((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const surface = FUZZ_SURFACES[index % FUZZ_SURFACES.length] as FuzzSurface;
  if (surface === 'http') {
    const { bytes, description } = httpCase(gen, targets.hostPort, targets.token);
    return { index, surface, payloads: [bytes], welcomeFirst: false, description };
  }
  if (surface === 'lan-handshake') {
    const bytes = prng.uint32(gen, 0, 3) === 0 ? randomBytes(gen, 2_000) : mutate(gen, targets.handshakeSample());
    return { index, surface, payloads: [bytes], welcomeFirst: false, description: `lan-handshake ${bytes.length} bytes` };
  }
  const frames: Uint8Array[] = [];
  const kinds: string[] = [];
  for (let i = 0, n = prng.uint32(gen, 1, 3); i < n; i++) {
    const { frame, what } = sampleFrame(gen, targets.docs, surface === 'lan-frames');
    frames.push(prng.uint32(gen, 0, 2) === 0 ? mutate(gen, frame) : frame);
    kinds.push(what);
  }
  return { index, surface, payloads: frames, welcomeFirst: surface === 'lan-frames' && prng.uint32(gen, 0, 3) !== 0, description: `${surface} ${kinds.join('+')}` };
}
