// Serving a bench page to Chromium: the page's script bundled by esbuild into one IIFE (so
// yjs and y-indexeddb are a single copy), a tiny HTML that loads it, and any data files, from
// a node:http server on 127.0.0.1, port 0, that the row starts and stops.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

export interface BenchPageAsset {
  readonly contentType: string;
  readonly body: string | Uint8Array;
}

export interface BenchPageServer {
  /** The page itself: `http://127.0.0.1:<port>/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Bundles `entry` (a file under tests/bench/pages/) for the browser. */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'warning' });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

const pageHtml = (title: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:13px system-ui,sans-serif;margin:0}.card{display:flex;gap:12px;height:22px;align-items:center;padding:0 8px;border-bottom:1px solid #ddd}.card span:first-child{flex:1}</style>
</head><body><div id="board"></div><script src="/page.js"></script></body></html>`;

/** Serves the bundled `entry` as the page at `/`, plus `assets` at their paths. */
export async function serveBenchPage(options: { title: string; entry: string; assets?: Readonly<Record<string, BenchPageAsset>> }): Promise<BenchPageServer> {
  const routes = new Map<string, BenchPageAsset>(Object.entries(options.assets ?? {}));
  routes.set('/', { contentType: 'text/html; charset=utf-8', body: pageHtml(options.title) });
  routes.set('/page.js', { contentType: 'text/javascript; charset=utf-8', body: await bundlePage(options.entry) });
  const server = createServer((request, response) => {
    const asset = routes.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (!asset) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'no-store' }).end(asset.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
