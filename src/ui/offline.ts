/**
 * Registers the service worker the build writes (`sw.js`, scripts/offline.ts), so a visited Archipel
 * works with no network; or removes it and its cache when the deployment says `"offline": false`.
 * Only the built full app registers it: not the dev server (no `sw.js`), not an embed (see README,
 * "Works with no signal").
 */
export function keepOffline(enabled: boolean): void {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  if (!enabled) {
    void container
      .getRegistrations()
      .then((registrations) => Promise.all(registrations.map((r) => r.unregister())))
      .then(() => caches.keys())
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('archipel-')).map((k) => caches.delete(k))))
      .catch(() => undefined);
    return;
  }
  container
    .register(new URL('sw.js', document.baseURI), { scope: './' })
    .then(() => container.ready)
    .then((registration) => {
      // What this page fetched before the worker controlled it (the administrative map, places…), kept too.
      const origin = window.location.origin;
      const keep = (entries: PerformanceEntryList) => {
        const urls = entries.map((entry) => entry.name).filter((url) => url.startsWith(origin));
        if (urls.length > 0) registration.active?.postMessage({ type: 'archipel-keep', urls });
      };
      keep(performance.getEntriesByType('resource'));
      // And what it fetches later (an administrative map still on its way, the rest of the data): a
      // fetch begun before the worker controlled the page never goes through it. The worker skips
      // what it already keeps.
      new PerformanceObserver((list) => keep(list.getEntries())).observe({ type: 'resource' });
    })
    // Refused (private browsing, a browser that blocks workers): the app works online as before.
    .catch(() => undefined);
}
