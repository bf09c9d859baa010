// Routecraft's offline worker: network first, so a new build shows at once
// when online; every same-origin GET is cached and answered from the cache
// when the network is gone.
const CACHE = 'routecraft-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true })
        .then((hit) => hit ?? caches.match('./index.html'))
        .then((hit) => hit ?? Response.error())),
  );
});
