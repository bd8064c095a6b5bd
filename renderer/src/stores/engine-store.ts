import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { ConfigStatus, Connectivity, DependencyStatus, NotificationSettings, OnCallStatus, Preferences, Snapshot, SourceHealth } from '../../../shared/model';
import type { ConnectionStatus } from '../api/connection';

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', groupBy: 'alertname', author: 'me' };

export interface EngineState {
  sources: readonly SourceHealth[];
  notifications: NotificationSettings | null;
  preferences: Preferences;
  config: ConfigStatus | null;
  /** Whether the engine reaches its sources (not whether the renderer reaches the engine: that is `connection`). */
  connectivity: Connectivity | null;
  connection: ConnectionStatus;
  /** Why the latest snapshot request failed, while it is being retried. */
  snapshotError: string | null;
  /** Saved data the engine could not use (kept aside), in its words. */
  storageProblems: readonly string[];
  /** Upstream dependencies' status pages. */
  dependencies: readonly DependencyStatus[];
  /** Whether the user is on call now; null until the first snapshot. */
  onCall: OnCallStatus | null;
  applySnapshot(snapshot: Snapshot): void;
  setSources(sources: readonly SourceHealth[]): void;
  setNotifications(notifications: NotificationSettings): void;
  setPreferences(preferences: Preferences): void;
  setConfig(config: ConfigStatus): void;
  setConnectivity(connectivity: Connectivity): void;
  setConnection(connection: ConnectionStatus): void;
  setSnapshotError(message: string | null): void;
  setStorageProblems(problems: readonly string[]): void;
  setDependencies(dependencies: readonly DependencyStatus[]): void;
  setOnCall(onCall: OnCallStatus): void;
}

export type EngineStore = StoreApi<EngineState>;

export function createEngineStore(): EngineStore {
  return createStore<EngineState>()((set) => ({
    sources: [],
    notifications: null,
    preferences: DEFAULT_PREFERENCES,
    config: null,
    connectivity: null,
    connection: { state: 'connecting', lastError: null },
    snapshotError: null,
    storageProblems: [],
    dependencies: [],
    onCall: null,
    applySnapshot: (snapshot) =>
      set({
        sources: snapshot.sources,
        notifications: snapshot.notifications,
        preferences: snapshot.preferences,
        config: snapshot.config,
        connectivity: snapshot.connectivity,
        storageProblems: snapshot.storageProblems,
        dependencies: snapshot.dependencies,
        onCall: snapshot.onCall,
        snapshotError: null,
      }),
    setSources: (sources) => set({ sources }),
    setNotifications: (notifications) => set({ notifications }),
    setPreferences: (preferences) => set({ preferences }),
    setConfig: (config) => set({ config }),
    setConnectivity: (connectivity) => set({ connectivity }),
    setConnection: (connection) => set({ connection }),
    setSnapshotError: (snapshotError) => set({ snapshotError }),
    setStorageProblems: (storageProblems) => set({ storageProblems }),
    setDependencies: (dependencies) => set({ dependencies }),
    setOnCall: (onCall) => set({ onCall }),
  }));
}

export function subscribeEngineStore(store: EngineStore, api: Pick<OnCallApi, 'on'>): () => void {
  const state = store.getState;
  const unsubscribes = [
    api.on('sourcesChanged', (sources) => state().setSources(sources)),
    api.on('notificationsChanged', (settings) => state().setNotifications(settings)),
    api.on('preferencesChanged', (preferences) => state().setPreferences(preferences)),
    api.on('configChanged', (config) => state().setConfig(config)),
    api.on('connectivityChanged', (connectivity) => state().setConnectivity(connectivity)),
    api.on('storageProblemsChanged', (problems) => state().setStorageProblems(problems)),
    api.on('dependenciesChanged', (dependencies) => state().setDependencies(dependencies)),
    api.on('onCallChanged', (onCall) => state().setOnCall(onCall)),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
