import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { Alert, AlertDelta, Snapshot } from '../../../shared/model';

/** Deltas held while waiting for a snapshot; past this many the snapshot will supersede the oldest anyway. */
const MAX_PENDING_DELTAS = 1000;

export interface AlertsState {
  alerts: ReadonlyMap<string, Alert>;
  /** Revision of the alerts held; null until the first snapshot. */
  revision: number | null;
  /** True from each (re)connect until its snapshot: deltas may be newer than what is held, so they wait. */
  awaitingSnapshot: boolean;
  pendingDeltas: readonly AlertDelta[];
  applySnapshot(snapshot: Pick<Snapshot, 'revision' | 'alerts'>): void;
  /** 'gap' means a revision was missed: the store now waits for a fresh snapshot. */
  applyDelta(delta: AlertDelta): 'applied' | 'held' | 'stale' | 'gap';
  beginResync(): void;
}

export type AlertsStore = StoreApi<AlertsState>;

export function createAlertsStore(): AlertsStore {
  return createStore<AlertsState>()((set, get) => ({
    alerts: new Map(),
    revision: null,
    awaitingSnapshot: true,
    pendingDeltas: [],
    applySnapshot(snapshot) {
      let alerts: ReadonlyMap<string, Alert> = new Map(snapshot.alerts.map((alert) => [alert.fingerprint, alert]));
      let revision = snapshot.revision;
      const newer = get().pendingDeltas.filter((delta) => delta.revision > revision);
      for (const delta of newer.sort((a, b) => a.revision - b.revision)) {
        alerts = withDelta(alerts, delta);
        revision = delta.revision;
      }
      set({ alerts, revision, awaitingSnapshot: false, pendingDeltas: [] });
    },
    applyDelta(delta) {
      const { awaitingSnapshot, pendingDeltas, revision, alerts } = get();
      if (awaitingSnapshot) {
        set({ pendingDeltas: [...pendingDeltas, delta].slice(-MAX_PENDING_DELTAS) });
        return 'held';
      }
      if (revision !== null && delta.revision <= revision) return 'stale';
      if (revision !== null && delta.revision > revision + 1) {
        set({ awaitingSnapshot: true, pendingDeltas: [delta] });
        return 'gap';
      }
      set({ alerts: withDelta(alerts, delta), revision: delta.revision });
      return 'applied';
    },
    beginResync() {
      set({ awaitingSnapshot: true, pendingDeltas: [] });
    },
  }));
}

/** A new map, so subscribers see the change; untouched alerts keep their identity and their rows stay put. */
export function withDelta(alerts: ReadonlyMap<string, Alert>, delta: AlertDelta): ReadonlyMap<string, Alert> {
  const next = new Map(alerts);
  for (const fingerprint of delta.removed) next.delete(fingerprint);
  for (const alert of delta.upserted) next.set(alert.fingerprint, alert);
  markStale(next, delta.becameStale, true);
  markStale(next, delta.becameLive, false);
  return next;
}

function markStale(alerts: Map<string, Alert>, fingerprints: readonly string[] | undefined, stale: boolean): void {
  for (const fingerprint of fingerprints ?? []) {
    const alert = alerts.get(fingerprint);
    if (alert && alert.stale !== stale) alerts.set(fingerprint, { ...alert, stale });
  }
}

export function subscribeAlertsStore(store: AlertsStore, api: Pick<OnCallApi, 'on'>, onGap: () => void = () => undefined): () => void {
  return api.on('alertsChanged', (delta) => {
    if (store.getState().applyDelta(delta) === 'gap') onGap();
  });
}
