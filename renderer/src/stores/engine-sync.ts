import { reconnectDelay } from '../api/backoff';
import type { EngineConnection } from '../api/connection';
import { markSnapshotReceived, markSnapshotRequested } from '../lib/perf-marks';
import { subscribeAlertsStore, type AlertsStore } from './alerts-store';
import { subscribeEngineStore, type EngineStore } from './engine-store';
import { subscribeIncidentStore, type IncidentStore } from './incident-store';
import { subscribeRunbookStore, type RunbookStore } from './runbook-store';
import { subscribeSilenceStore, type SilenceStore } from './silence-store';
import { subscribeSloStore, type SloStore } from './slo-store';
import { subscribeUiStore, type UiStore } from './ui-store';

export interface SyncTargets {
  alerts: AlertsStore;
  engine: EngineStore;
  ui: UiStore;
  slos: SloStore;
  runbooks: RunbookStore;
  incidents: IncidentStore;
  silences: SilenceStore;
}

/**
 * Wires the stores to the engine: events as they come, and a fresh snapshot after every
 * (re)connect, since events sent while disconnected are lost. Never polls.
 */
export function startEngineSync(connection: EngineConnection, stores: SyncTargets, random: () => number = Math.random): () => void {
  const { api } = connection;
  const unsubscribes = [
    subscribeAlertsStore(stores.alerts, api, () => {
      // A missed revision: start over from a snapshot, keeping the deltas that arrive meanwhile.
      generation++;
      clearTimeout(retryTimer);
      beginResync(stores, false);
      void loadSnapshot(generation, 0);
    }),
    subscribeEngineStore(stores.engine, api),
    subscribeSloStore(stores.slos, api),
    subscribeRunbookStore(stores.runbooks, api),
    subscribeIncidentStore(stores.incidents, api),
    subscribeSilenceStore(stores.silences, api),
    subscribeUiStore(stores.ui, stores.alerts, stores.runbooks, api),
  ];
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const loadSnapshot = async (ownGeneration: number, attempt: number) => {
    try {
      markSnapshotRequested();
      const snapshot = await api.getSnapshot({});
      if (ownGeneration !== generation) return;
      markSnapshotReceived();
      stores.alerts.getState().applySnapshot(snapshot);
      stores.engine.getState().applySnapshot(snapshot);
      stores.slos.getState().applySnapshot(snapshot.slos);
      stores.runbooks.getState().applySnapshot(snapshot.runbooks);
      stores.incidents.getState().applySnapshot(snapshot.incidents);
      stores.silences.getState().applySnapshot(snapshot);
    } catch (error) {
      if (ownGeneration !== generation) return;
      stores.engine.getState().setSnapshotError(`cannot load alerts: ${error instanceof Error ? error.message : String(error)}`);
      retryTimer = setTimeout(() => void loadSnapshot(ownGeneration, attempt + 1), reconnectDelay(attempt, random));
    }
  };

  let wasConnected = false;
  unsubscribes.push(
    connection.onStatus((status) => {
      stores.engine.getState().setConnection(status);
      const connected = status.state === 'connected';
      if (connected && !wasConnected) {
        generation++;
        clearTimeout(retryTimer);
        beginResync(stores, true);
        void loadSnapshot(generation, 0);
      }
      wasConnected = connected;
    }),
  );

  return () => {
    generation++;
    clearTimeout(retryTimer);
    unsubscribes.forEach((unsubscribe) => unsubscribe());
  };
}

/** Every store that takes a snapshot waits for it; the alerts store already does after a gap. */
function beginResync(stores: SyncTargets, alertsToo: boolean): void {
  if (alertsToo) stores.alerts.getState().beginResync();
  stores.slos.getState().beginResync();
  stores.runbooks.getState().beginResync();
  stores.incidents.getState().beginResync();
  stores.silences.getState().beginResync();
}
