/**
 * Offline use: the production build registers its service worker (io/serviceWorker.ts, built as
 * `sw.js`), which serves the whole app from a cache. A new version waits until the user switches
 * to it; none in the dev server, whose files change under hot reloading.
 */
import type { TakeOver } from './serviceWorker';

/**
 * Registers the worker; `onNewVersion` is called when a new version has installed and waits
 * (now, if one was waiting already, or once one finishes installing).
 */
export async function startOfflineCache(onNewVersion: () => void): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workers = navigator.serviceWorker;
  // A version taking over from the one this page runs on reloads the page (in every tab), so no
  // page goes on running old code on the new files. The first install also takes control, of a
  // page that already runs its version: no reload then.
  let controlled = workers.controller !== null;
  workers.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
    controlled = true;
  });
  const registration = await workers.register('./sw.js');
  const announce = () => registration.waiting && registration.active && onNewVersion();
  announce();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => installing.state === 'installed' && announce());
  });
}

/** Lets the waiting version take over; every open page of the app then reloads onto it. */
export async function switchToNewVersion(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration();
  registration?.waiting?.postMessage('take-over' satisfies TakeOver);
}
