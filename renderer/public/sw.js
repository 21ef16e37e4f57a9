// Browser mode's offline shell: every page and asset the hub serves is kept in a cache, and
// served from it when the hub cannot be reached, so reloading with the hub stopped still
// opens Tandem on the data in IndexedDB. Network first, so a running hub always wins.
const CACHE = 'tandem-shell-v1';

// Keep the shell (the page and the assets it names) as soon as the worker installs, so the
// very first reload without the hub already works. A shell that could not be kept whole fails
// the install: a worker with an empty cache would answer a reload without the hub with an error
// page, where no worker lets the next load (with the hub) install it again.
self.addEventListener('install', (event) =>
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(new URL('/', self.location.href));
      if (!page.ok) throw new Error(`the page answered ${page.status}`);
      const html = await page.clone().text();
      const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => new URL(`/${m[1]}`, self.location.href));
      const responses = await Promise.all(assets.map(async (asset) => {
        const response = await fetch(asset);
        if (!response.ok) throw new Error(`${asset.pathname} answered ${response.status}`);
        return response;
      }));
      await Promise.all(responses.map((response, i) => cache.put(assets[i], response)));
      await cache.put(new URL('/', self.location.href), page);
      await self.skipWaiting();
    })(),
  ),
);
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname === '/healthz' || url.pathname === '/link') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = event.request.mode === 'navigate' ? new Request(new URL('/', url)) : event.request;
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(key, response.clone());
        return response;
      } catch (error) {
        const cached = await cache.match(key);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
