import path from 'node:path';
import { AcknowledgementLog } from '../actions/acknowledgement-log';
import { createAlertmanagerDelivery } from '../actions/alertmanager-delivery';
import { Outbox, type Deliver } from '../actions/outbox';
import { authorizedAlertmanagerEndpoints } from '../actions/user-actions';
import { StateCache, type CachedState } from '../cache/state-cache';
import type { AppConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { openAlertHistory, type AlertHistoryOptions, type AlertHistoryStore } from '../history/alert-history';
import type { StorageProblems } from './storage-problems';

export const HISTORY_FILE_NAME = 'alert-history.sqlite';
/** How long after the start the history opens (unless asked before): see `openedLater`. */
export const HISTORY_OPEN_DELAY_MS = 2_000;
const ACTION_TIMEOUT_MS = 10_000;

export interface OfflineStores {
  history: AlertHistoryStore;
  acknowledgements: AcknowledgementLog;
  outbox: Outbox;
  cache: StateCache;
  /** What the cache held from the last run. */
  restored: CachedState;
}

/**
 * Opens what keeps the app useful offline, in the data folder: the alert history, the local
 * acknowledgements, the outbox of upstream actions and the state cache. A damaged file is set
 * aside by its store and reported through `storage`.
 */
export async function openOfflineStores(options: {
  dataDir: string;
  storage: StorageProblems;
  /** The current config: where the outbox's targets are. */
  config: () => AppConfig | undefined;
  /** Delivers what is not for an Alertmanager: acknowledgements and resolutions in PagerDuty or Opsgenie. */
  deliverToSource: Deliver;
  /** Where Alertmanagers' `token` references are looked up. */
  secrets?: SecretStore;
  /** What the state cache saves, read when a save is due. */
  collectState: () => CachedState;
  stateCacheDelays?: { alertsMs: number; healthMs: number } | undefined;
}): Promise<OfflineStores> {
  const { dataDir, storage } = options;
  const toAlertmanager = createAlertmanagerDelivery({ endpointsFor: (target) => authorizedAlertmanagerEndpoints(options.config(), target, options.secrets), timeoutMs: ACTION_TIMEOUT_MS });
  const delays = options.stateCacheDelays;
  // Nothing is removed from the history until the config says how long to keep it.
  const history = openedLater(() => openHistoryOrNone({ file: path.join(dataDir, HISTORY_FILE_NAME), retention: null, log: storage.storeLog }), HISTORY_OPEN_DELAY_MS);
  // Independent files: opened side by side.
  const [acknowledgements, outbox, { cache, restored }] = await Promise.all([
    AcknowledgementLog.open(dataDir, storage.storeLog),
    Outbox.open({
      dir: dataDir,
      deliver: (target, action, context) => (action.kind === 'acknowledgeIncident' || action.kind === 'resolveIncident' ? options.deliverToSource : toAlertmanager)(target, action, context),
      log: storage.storeLog,
      // Where a target is comes from the config: deliver once it is loaded.
      deliverOnOpen: false,
    }),
    StateCache.open({
      dir: path.join(dataDir, 'cache'),
      collect: options.collectState,
      log: storage.storeLog,
      ...(delays ? { alertsDelayMs: delays.alertsMs, healthDelayMs: delays.healthMs } : {}),
    }),
  ]);
  return { history, acknowledgements, outbox, cache, restored };
}

/**
 * The history as it will be once it opened `delayMs` from now. Its start-up takes longest of all
 * stores (a worker thread, SQLite's WebAssembly: ~160 ms of CPU) and would compete with the
 * dashboard's first paint, while nothing needs it sooner: writes wait for it in their order, and a
 * query or `close` opens it at once.
 */
export function openedLater(open: () => Promise<AlertHistoryStore>, delayMs: number): AlertHistoryStore {
  let openNow = (): void => undefined;
  const opening = new Promise<AlertHistoryStore>((resolve) => {
    const timer = setTimeout(() => openNow(), delayMs);
    timer.unref();
    openNow = () => {
      openNow = () => undefined;
      clearTimeout(timer);
      resolve(open());
    };
  });
  const store = onceOpened(opening);
  const first = <A extends unknown[], R>(call: (...args: A) => R) => (...args: A): R => {
    openNow();
    return call(...args);
  };
  return { ...store, get: first(store.get), search: first(store.search), between: store.between && first(store.between), close: first(store.close) };
}

/** The history as it will be once open: calls made before wait for it and run in their order. */
export function onceOpened(opening: Promise<AlertHistoryStore>): AlertHistoryStore {
  let opened: AlertHistoryStore | undefined;
  const waiting: Array<(store: AlertHistoryStore) => void> = [];
  void opening.then((store) => {
    opened = store;
    for (const call of waiting.splice(0)) call(store);
  });
  const whenOpen = (call: (store: AlertHistoryStore) => void) => (opened ? call(opened) : void waiting.push(call));
  return {
    record: (changes, at) => whenOpen((store) => store.record(changes, at)),
    recordAcknowledgement: (fingerprint, startsAt, ack) => whenOpen((store) => store.recordAcknowledgement(fingerprint, startsAt, ack)),
    reconcile: (firing, at) => whenOpen((store) => store.reconcile(firing, at)),
    setRetention: (limits) => whenOpen((store) => store.setRetention(limits)),
    get: async (fingerprint, now) => (await opening).get(fingerprint, now),
    search: async (input) => (await opening).search(input),
    between: async (from, to, limit) => {
      const store = await opening;
      return store.between ? store.between(from, to, limit) : [];
    },
    close: async () => (await opening).close(),
  };
}

/**
 * The history is worth having but not worth refusing to start for (e.g. a history file written by
 * a newer version of the app): without it, alerts, actions and everything else still work.
 */
async function openHistoryOrNone(options: AlertHistoryOptions): Promise<AlertHistoryStore> {
  try {
    return await openAlertHistory(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log(`alert history unavailable: ${reason}`);
    const unavailable = () => Promise.reject(new Error(`the alert history is unavailable: ${reason}`));
    return {
      record: () => undefined,
      recordAcknowledgement: () => undefined,
      reconcile: () => undefined,
      get: unavailable,
      search: unavailable,
      setRetention: () => undefined,
      close: () => Promise.resolve(),
    };
  }
}
