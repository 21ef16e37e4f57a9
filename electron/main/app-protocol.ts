// The `tandem://app/` scheme that serves the built renderer from dist/renderer: a privileged,
// secure origin (so storage, fetch and ES modules behave as on https) that refuses anything
// outside that folder and sends a strict Content-Security-Policy with every response.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ProtocolLike } from './electron-api';

export const APP_SCHEME = 'tandem';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page every window opens. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Sent on every response of the app scheme, errors included. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** True for URLs of the app's own origin (`tandem://app/…`), the only place windows may go. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password && url.startsWith(`${APP_ORIGIN}/`);
}

/** Must run before the app's `ready` event: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After `ready`: serve `rendererDir` under `tandem://app/`. */
export function installAppProtocol(protocol: ProtocolLike, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

/**
 * Maps a request URL to a file inside `rendererDir`, or null when the URL is not the app's or
 * any decoded path segment could step outside the folder (`..`, `%2e%2e`, `..%2f`, `%5c`, NUL).
 */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const rawSegments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

function respond(status: number, body: BodyInit | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType } });
}

/** The `protocol.handle` handler: GET/HEAD of files inside `rendererDir`, nothing else. */
export function createAppRequestHandler(rendererDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return respond(403, 'Forbidden');
    try {
      // A symbolic link inside the folder must not lead out of it either.
      const [realRoot, realFile] = await Promise.all([realpath(rendererDir), realpath(file)]);
      if (!realFile.startsWith(realRoot + path.sep)) return respond(403, 'Forbidden');
      // A Buffer from readFile owns a plain ArrayBuffer, which is what a Response body takes.
      const body = (await readFile(realFile)) as Uint8Array<ArrayBuffer>;
      const contentType = CONTENT_TYPES[path.extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return respond(200, request.method === 'HEAD' ? null : body, contentType);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return respond(404, 'Not found');
      return respond(500, 'Cannot read the file');
    }
  };
}
