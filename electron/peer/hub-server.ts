// Browser mode: the hub serves the built renderer and the local link on 127.0.0.1. The link
// (`/link?token=…`) needs the hub's token (remembered in its data folder); any other token,
// path or host is refused at the HTTP upgrade, before a single frame is read, and a request
// target that is not a plain path is refused before it is parsed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LINK_LIMITS } from '../../shared/protocol/frame';
import type { Peer } from './peer';
import type { ProcessGuard } from './process-guard';
import { asBytes, type LinkTransport } from './transport';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json', '.map': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`, "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
  ].join('; ');
}

export interface HubServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface HubServerOptions {
  peer: Peer;
  port: number;
  token: string;
  rendererDir: string;
  /** Counts what escapes a request handler (and every other handler of the process), for `/healthz`. */
  guard?: ProcessGuard;
}

/**
 * The request's target as a URL, or null unless it is a plain path ("origin form": one "/" then
 * no authority). `new URL('//a:99999/link', base)` reads an authority and throws, so a target is
 * checked before it is parsed, and parsing can never throw past the request.
 */
export function requestUrl(target: string | undefined): URL | null {
  if (!target || target[0] !== '/' || target[1] === '/' || target[1] === '\\' || target.length > 8192) return null;
  try {
    const url = new URL(target, 'http://127.0.0.1');
    return url.host === '127.0.0.1' ? url : null;
  } catch {
    return null;
  }
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHubServer({ peer, port, token, rendererDir, guard }: HubServerOptions): Promise<HubServer> {
  let boundPort = port;
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: LINK_LIMITS.maxFrameBytes, perMessageDeflate: false });
  const rootDir = normalize(rendererDir);

  const allowedHost = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${boundPort}` || req.headers.host === `localhost:${boundPort}`;

  async function serveFile(url: URL, res: ServerResponse): Promise<void> {
    if (url.pathname === '/healthz') {
      // Never let a status read during shutdown reject out of this handler.
      // Totals only: a monitor polling this must not cost the hub a list per board it holds.
      const lan = await peer.lanStatus({ perDoc: false }).catch(() => ({ lanPort: null, peers: [], protocolErrors: 0, discovery: null }));
      const peers = lan.peers.filter((p) => p.connected).map(({ peerId, memberId, address, via, lastExchangeAt, pendingChanges }) => ({ peerId, memberId, address, via, lastExchangeAt, pendingChanges }));
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, version: __TANDEM_VERSION__, peerId: peer.peerId, workspaceId: peer.identity.workspace?.id ?? null, ...peer.stats(), lanPort: lan.lanPort, peers, lanProtocolErrors: lan.protocolErrors, discovery: lan.discovery, reachability: 'port' in lan ? (lan.port?.reachability ?? null) : null, relay: peer.relay.status(), escapedErrors: guard?.stats() ?? null }));
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    const file = normalize(join(rootDir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(rootDir + sep)) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy(boundPort),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(pathname === '/' || pathname === '/index.html' ? 'The renderer is not built: run `npm run build`.' : 'Not found');
    }
  }

  const server: Server = createServer((req, res) => {
    const url = requestUrl(req.url);
    if (!url) {
      res.writeHead(400, { connection: 'close' }).end('Bad request');
      return;
    }
    if (!allowedHost(req)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveFile(url, res).catch((error: unknown) => {
      guard?.caught('http-request', error);
      if (!res.headersSent) res.writeHead(500, { connection: 'close' });
      res.end();
    });
  });

  // A request Node cannot parse at all: a 400 where the socket can still take it, then closed.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req.url);
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!url) return refuse('400 Bad Request');
    if (url.pathname !== '/link') return refuse('404 Not Found');
    if (!allowedHost(req)) return refuse('421 Misdirected Request');
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      peer.logger.warn('refused a local link with a wrong token', { remote: req.socket.remoteAddress });
      return refuse('401 Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // An oversized or malformed WebSocket frame is reported here; without a listener it would crash the hub.
      ws.on('error', (error) => peer.logger.warn('closing a local link after a transport error', { error: error.message }));
      ws.on('close', () => sockets.delete(ws));
      peer.connect(webSocketTransport(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    url: `http://127.0.0.1:${boundPort}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.close(1001, 'hub stopping');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function webSocketTransport(ws: WebSocket): LinkTransport {
  return {
    send: (frame) => ws.send(frame),
    // What the socket has not yet written waits for this process's event loop: let it go before a long apply blocks it.
    whenSent: (maxMs) =>
      new Promise((resolve) => {
        const until = Date.now() + maxMs;
        const check = () => (ws.bufferedAmount === 0 || ws.readyState !== ws.OPEN || Date.now() >= until ? resolve() : setTimeout(check, 2));
        check();
      }),
    close: (reason) => ws.close(4000, reason.slice(0, 100)),
    onMessage: (listener) =>
      ws.on('message', (data, isBinary) => {
        const bytes = isBinary ? asBytes(data) : null;
        if (bytes) listener(bytes);
        else ws.close(4002, 'binary frames only');
      }),
    onClose: (listener) => ws.on('close', listener),
  };
}
