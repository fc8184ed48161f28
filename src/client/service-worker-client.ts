/**
 * The page side of the service worker: registration, update checks, the update prompt and
 * the stored summary. Pages without service-worker support (or without JavaScript) simply
 * keep working online.
 */
import { routes } from '../catalog/routes.ts';
import { type StoredSummary, WORKER_MESSAGE } from '../service-worker/messages.ts';

const LAST_CHECK_KEY = 'baken:laatste-controle';
const LAST_REFRESH_KEY = 'baken:laatste-verversing';
/** Fetching the live pages again more often than this only costs the server. */
const REFRESH_INTERVAL_MS = 5 * 60_000;
const WORKER_TIMEOUT_MS = 10_000;

/** Result of asking the server for a new version. */
export type UpdateCheck = 'up-to-date' | 'update-found' | 'failed' | 'unsupported';

type Listener<T> = (value: T) => void;
const updateListeners = new Set<Listener<ServiceWorker>>();
const checkListeners = new Set<Listener<Date>>();
let registration: Promise<ServiceWorkerRegistration | undefined> | undefined;

/** Registers `/sw.js` once per page; resolves undefined where service workers are not available. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  registration ??= start();
  return registration;
}

async function start(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  const container = navigator.serviceWorker;
  if (import.meta.hot) {
    // Served by `astro dev` (the only place with hot reload): there is no sw.js, and a worker
    // left by a build on the same address would serve stale pages.
    for (const old of await container.getRegistrations()) await old.unregister();
    return undefined;
  }
  // A page that was already controlled switches version only when the user accepted an
  // update (here or in another tab): reload it so it never mixes two versions. The first
  // install takes control without a reload.
  let controlled = container.controller !== null;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (controlled && !reloading) {
      reloading = true;
      window.location.reload();
    }
    controlled = true;
  });
  let reg: ServiceWorkerRegistration;
  try {
    reg = await container.register(routes.serviceWorker, { scope: '/' });
  } catch {
    return undefined;
  }
  // Only a page that already runs a version has something to update from.
  const announce = (worker: ServiceWorker) => {
    if (container.controller) for (const listener of updateListeners) listener(worker);
  };
  reg.addEventListener('updatefound', () => {
    const installing = reg.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') announce(installing);
    });
  });
  return reg;
}

/** Calls `listener` with the waiting worker when a new version is installed and ready. */
export function onUpdateReady(listener: Listener<ServiceWorker>): void {
  updateListeners.add(listener);
  void registerServiceWorker().then((reg) => {
    if (reg?.waiting && navigator.serviceWorker.controller) listener(reg.waiting);
  });
}

/** Calls `listener` with the time of every successful update check. */
export function onUpdateChecked(listener: Listener<Date>): void {
  checkListeners.add(listener);
}

/** Activates the waiting version; every open page then reloads into it. */
export function applyUpdate(waiting: ServiceWorker): void {
  waiting.postMessage({ type: WORKER_MESSAGE.skipWaiting });
}

/** Asks the server for a new version of the worker and remembers when that worked. */
export async function checkForUpdate(): Promise<UpdateCheck> {
  const reg = await registerServiceWorker();
  if (!reg) return 'unsupported';
  // Chromium refuses update() before the first version is active (still storing on a first visit).
  if (!(await withTimeout(navigator.serviceWorker.ready))) return 'failed';
  try {
    await reg.update();
  } catch {
    return 'failed';
  }
  const now = new Date();
  try {
    localStorage.setItem(LAST_CHECK_KEY, now.toISOString());
  } catch {
    // Storage can be blocked; the time then shows for this page only.
  }
  for (const listener of checkListeners) listener(now);
  return reg.installing || reg.waiting ? 'update-found' : 'up-to-date';
}

/** The last successful update check in this browser, if any. */
export function lastUpdateCheck(): Date | undefined {
  let value: string | null = null;
  try {
    value = localStorage.getItem(LAST_CHECK_KEY);
  } catch {
    return undefined;
  }
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Asks the active worker to fetch the live pages again (at most every few minutes), so the
 * copy of `/actueel/` that is shown offline is the last one Baken had.
 */
export function refreshLiveCopies(now: Date = new Date()): void {
  const controller = 'serviceWorker' in navigator ? navigator.serviceWorker.controller : null;
  if (!controller) return;
  try {
    const last = Date.parse(localStorage.getItem(LAST_REFRESH_KEY) ?? '');
    if (now.getTime() - last < REFRESH_INTERVAL_MS) return;
    localStorage.setItem(LAST_REFRESH_KEY, now.toISOString());
  } catch {
    // Storage can be blocked: refresh anyway, it is only one request.
  }
  controller.postMessage({ type: WORKER_MESSAGE.refreshLive });
}

/**
 * What the active worker has stored, once it is active (on a first visit it is still
 * storing); undefined without a worker or when it does not answer in time.
 */
export async function storedSummary(): Promise<StoredSummary | undefined> {
  if (!(await registerServiceWorker())) return undefined;
  const active = (await withTimeout(navigator.serviceWorker.ready))?.active;
  if (!active) return undefined;
  const channel = new MessageChannel();
  const reply = new Promise<StoredSummary>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<StoredSummary>) => resolve(event.data);
  });
  active.postMessage({ type: WORKER_MESSAGE.storedSummary }, [channel.port2]);
  return withTimeout(reply);
}

function withTimeout<T>(promise: Promise<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve(undefined), WORKER_TIMEOUT_MS);
    void promise.then((value) => {
      window.clearTimeout(timer);
      resolve(value);
    });
  });
}
