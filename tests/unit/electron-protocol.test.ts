// The `tandem://app/` scheme against a real folder: it serves the built renderer with a strict
// CSP on every response, and nothing outside that folder however the path is spelled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, createAppRequestHandler, isAppUrl, resolveAppPath } from '../../electron/main/app-protocol';
import { startShell } from '../../electron/main/shell';
import { createFakeElectron } from '../fakes/electron';

const SECRET = 'root:x:0:0:secret-outside-the-renderer';
let dir: string;
let rendererDir: string;
let serve: ReturnType<typeof createAppRequestHandler>;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Tandem</title>');
  await fs.writeFile(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log("tandem")');
  await fs.writeFile(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  await fs.writeFile(path.join(dir, 'secret.txt'), SECRET);
  await fs.writeFile(path.join(dir, 'renderer-secret.txt'), SECRET);
  serve = createAppRequestHandler(rendererDir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const get = (url: string) => serve({ url, method: 'GET' });

describe('the tandem:// app scheme', () => {
  it('uses exactly the agreed Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('serves index.html, scripts and styles with their types and the CSP header', async () => {
    const page = await get('tandem://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Tandem</title>');

    const script = await get('tandem://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('tandem://app/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('tandem://app/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Tandem');
  });

  it('answers a missing file with 404, still carrying the CSP', async () => {
    const response = await get('tandem://app/assets/nope.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'tandem://app/../../etc/passwd',
    'tandem://app/../secret.txt',
    'tandem://app/..%2fsecret.txt',
    'tandem://app/..%2Fsecret.txt',
    'tandem://app/%2e%2e/secret.txt',
    'tandem://app/%2e%2e%2fsecret.txt',
    'tandem://app/%2E%2E%2Fsecret.txt',
    'tandem://app/assets/..%2f..%2fsecret.txt',
    'tandem://app/..%5csecret.txt',
    'tandem://app/..\\secret.txt',
    'tandem://app/%252e%252e%252fsecret.txt',
    'tandem://app/%2fetc%2fpasswd',
    'tandem://app/index.html%00.js',
    'tandem://app/%E0%A4%A',
    'tandem://app/../renderer-secret.txt',
  ])('refuses to serve anything outside dist/renderer: %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses encoded traversal before touching the disk', () => {
    expect(resolveAppPath(rendererDir, 'tandem://app/..%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(rendererDir, 'tandem://app/%2e%2e%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(rendererDir, 'tandem://app/..%5csecret.txt')).toBeNull();
    expect(resolveAppPath(rendererDir, 'tandem://app/assets%2findex-abc.js')).toBeNull();
    expect(resolveAppPath(rendererDir, 'tandem://app/assets/.%2e/..%2e/secret.txt')).toBeNull();
    expect(resolveAppPath(rendererDir, 'tandem://app/assets/index-abc.js')).toBe(path.join(rendererDir, 'assets', 'index-abc.js'));
  });

  it('refuses a symbolic link that leads out of the renderer folder', async () => {
    await fs.symlink(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
    const response = await get('tandem://app/assets/link.txt');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('secret');
  });

  it('serves only the app host: invite links and other hosts get nothing', async () => {
    for (const url of ['tandem://join/index.html', 'tandem://evil/index.html', 'https://app/index.html']) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve({ url: 'tandem://app/index.html', method: 'POST' })).status).toBe(405);
    const head = await serve({ url: 'tandem://app/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('tandem://app/index.html')).toBe(true);
    expect(isAppUrl('tandem://app.evil/index.html')).toBe(false);
    expect(isAppUrl('tandem://user@app/index.html')).toBe(false);
    expect(isAppUrl('tandem://app')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
  });
});

describe('the shell and the app scheme', () => {
  it('registers the scheme as standard, secure and fetch-capable before ready, and serves dist/renderer after', async () => {
    const fake = createFakeElectron({ userData: dir });
    const shell = startShell(fake, { rendererDir, preloadPath: '/p.cjs', peerModulePath: '/peer.cjs' }, { log: () => undefined });
    expect(fake.protocol.privileged).toEqual([{ scheme: 'tandem', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.protocol.handlers.size).toBe(0);
    fake.app.ready();
    await shell.ready;
    const handler = fake.protocol.handlers.get('tandem');
    const response = await handler!(new Request('tandem://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
