import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { OnCallApi } from '../../shared/api';
import type { AlertsState, AlertsStore } from './stores/alerts-store';
import type { EngineState, EngineStore } from './stores/engine-store';
import type { HistoryState, HistoryStore } from './stores/history-store';
import type { IncidentState, IncidentStore } from './stores/incident-store';
import type { RunbookState, RunbookStore } from './stores/runbook-store';
import type { SilenceState, SilenceStore } from './stores/silence-store';
import type { SloState, SloStore } from './stores/slo-store';
import type { UiState, UiStore } from './stores/ui-store';

export interface AppServices {
  api: OnCallApi;
  alerts: AlertsStore;
  engine: EngineStore;
  ui: UiStore;
  slos: SloStore;
  runbooks: RunbookStore;
  incidents: IncidentStore;
  silences: SilenceStore;
  history: HistoryStore;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesContext is missing: render inside its provider');
  return services;
}

/** Narrow selectors: a component re-renders only when the slice it selects changes. */
export function useAlerts<T>(selector: (state: AlertsState) => T): T {
  return useStore(useServices().alerts, selector);
}

export function useEngine<T>(selector: (state: EngineState) => T): T {
  return useStore(useServices().engine, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useServices().ui, selector);
}

export function useSlos<T>(selector: (state: SloState) => T): T {
  return useStore(useServices().slos, selector);
}

export function useRunbooks<T>(selector: (state: RunbookState) => T): T {
  return useStore(useServices().runbooks, selector);
}

export function useIncidents<T>(selector: (state: IncidentState) => T): T {
  return useStore(useServices().incidents, selector);
}

export function useSilences<T>(selector: (state: SilenceState) => T): T {
  return useStore(useServices().silences, selector);
}

export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useStore(useServices().history, selector);
}
