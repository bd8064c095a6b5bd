import type { OnCallApi } from '../../shared/api';
import type { AppServices } from './app-services';
import { createAlertsStore } from './stores/alerts-store';
import { createEngineStore } from './stores/engine-store';
import { createHistoryStore } from './stores/history-store';
import { createIncidentStore } from './stores/incident-store';
import { createRunbookStore } from './stores/runbook-store';
import { createSilenceStore } from './stores/silence-store';
import { createSloStore } from './stores/slo-store';
import { createUiStore } from './stores/ui-store';

/** Every store, empty, around one API: the app builds this once at start, tests once per case. */
export function createAppServices(api: OnCallApi): AppServices {
  return {
    api,
    alerts: createAlertsStore(),
    engine: createEngineStore(),
    ui: createUiStore(),
    slos: createSloStore(),
    runbooks: createRunbookStore(),
    incidents: createIncidentStore(),
    silences: createSilenceStore(),
    history: createHistoryStore(),
  };
}
