// Whether this laptop's LAN port can be reached, as a TCP connect sees it: the probe itself,
// and the dial-back request a peer sends a teammate over their sync connection ("try to connect
// to me at these addresses"). A teammate dials only the address the connection comes from, at
// the port claimed, and serves a few requests a minute, so no peer can use another to scan
// hosts or ports.
import net from 'node:net';
import type * as decoding from 'lib0/decoding';
import { z } from 'zod';
import { encodeJsonFrame, MessageType, ProtocolError, readJsonPayload } from '../../../shared/protocol/frame';

/** How a TCP connect to an address went. */
export type ProbeResult = 'reachable' | 'refused' | 'timeout' | 'unreachable';
export type Probe = (host: string, port: number) => Promise<ProbeResult>;

export const REACHABILITY_LIMITS = {
  /** A connect not answered within this counts as timed out (a firewall that drops). */
  probeTimeoutMs: 2_000,
  /** Addresses one dial-back request may name. */
  maxAddresses: 8,
  /** Dial-back requests a connection serves per minute; more are answered `rate-limited`. */
  dialBacksPerMinute: 3,
  /** The asking peer stops waiting for an answer after this. */
  answerTimeoutMs: 5_000,
} as const;

/** Connects to `host:port` and lets go at once: whether something accepted, and if not, why. */
export function probeTcp(host: string, port: number, timeoutMs: number = REACHABILITY_LIMITS.probeTimeoutMs): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('reachable'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable'));
  });
}

const ipAddress = z.string().max(64).refine((s) => net.isIP(s) !== 0);

/** "Try to connect to me": the asking peer's listen addresses and LAN port. JSON of `MessageType.lanDialBack`. */
export const dialBackRequestSchema = z.strictObject({
  id: z.number().int().min(1).max(2 ** 31),
  port: z.number().int().min(1).max(65_535),
  addresses: z.array(ipAddress).min(1).max(REACHABILITY_LIMITS.maxAddresses),
});
export type DialBackRequest = z.infer<typeof dialBackRequestSchema>;

/** Per address asked: how the connect went, or `not-allowed` (not the address the connection comes from). */
export const dialBackResultSchema = z.enum(['reachable', 'refused', 'timeout', 'unreachable', 'not-allowed']);
export type DialBackResult = z.infer<typeof dialBackResultSchema>;

/** The answer, `MessageType.lanDialBackResult`: results in the order asked, or a refusal. */
export const dialBackAnswerSchema = z.strictObject({
  id: z.number().int().min(1).max(2 ** 31),
  results: z.array(z.strictObject({ address: ipAddress, result: dialBackResultSchema })).max(REACHABILITY_LIMITS.maxAddresses),
  refused: z.enum(['rate-limited']).optional(),
});
export type DialBackAnswer = z.infer<typeof dialBackAnswerSchema>;

export function encodeDialBackRequest(request: DialBackRequest): Uint8Array {
  return encodeJsonFrame(MessageType.lanDialBack, request);
}

export function encodeDialBackAnswer(answer: DialBackAnswer): Uint8Array {
  return encodeJsonFrame(MessageType.lanDialBackResult, answer);
}

export function readDialBackRequest(decoder: decoding.Decoder): DialBackRequest {
  const parsed = dialBackRequestSchema.safeParse(readJsonPayload(decoder));
  if (!parsed.success) throw new ProtocolError('dial-back-malformed');
  return parsed.data;
}

export function readDialBackAnswer(decoder: decoding.Decoder): DialBackAnswer {
  const parsed = dialBackAnswerSchema.safeParse(readJsonPayload(decoder));
  if (!parsed.success) throw new ProtocolError('dial-back-malformed');
  return parsed.data;
}

/** An IP as a socket reports it, without the IPv4-mapped prefix, so `::ffff:10.0.0.5` and `10.0.0.5` compare equal. */
export function plainIp(ip: string): string {
  const lower = ip.toLowerCase();
  return lower.startsWith('::ffff:') && net.isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
}

/** Whether a teammate may dial `address` for a request that came over a connection from `remoteIp`: only that very address. */
export function mayDialBack(address: string, remoteIp: string | undefined): boolean {
  return remoteIp !== undefined && net.isIP(address) !== 0 && plainIp(address) === plainIp(remoteIp);
}

/** Answers a dial-back request: connects to each allowed address at the claimed port, all at once. */
export async function serveDialBack(request: DialBackRequest, remoteIp: string | undefined, probe: Probe): Promise<DialBackAnswer> {
  const results = await Promise.all(
    request.addresses.map(async (address) => ({ address, result: mayDialBack(address, remoteIp) ? await probe(address, request.port) : ('not-allowed' as const) })),
  );
  return { id: request.id, results };
}

/** At most `perMinute` dial-backs served in any sliding minute. */
export class DialBackRateLimit {
  private readonly served: number[] = [];

  constructor(private readonly perMinute: number = REACHABILITY_LIMITS.dialBacksPerMinute) {}

  allow(now: number): boolean {
    while (this.served.length > 0 && now - (this.served[0] as number) >= 60_000) this.served.shift();
    if (this.served.length >= this.perMinute) return false;
    this.served.push(now);
    return true;
  }
}
