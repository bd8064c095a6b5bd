import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToEngine } from './api/connect';
import { AppServicesContext, type AppServices } from './app-services';
import { createAlertsStore } from './stores/alerts-store';
import { startEngineSync } from './stores/engine-sync';
import { createEngineStore } from './stores/engine-store';
import { createHistoryStore } from './stores/history-store';
import { createIncidentStore } from './stores/incident-store';
import { createRunbookStore } from './stores/runbook-store';
import { createSilenceStore } from './stores/silence-store';
import { createSloStore } from './stores/slo-store';
import { createUiStore } from './stores/ui-store';
import { App } from './views/App';
import './styles/theme.css';
import './styles/layout.css';
import './styles/header.css';
import './styles/sources.css';
import './styles/alert-list.css';
import './styles/detail.css';
import 'uplot/dist/uPlot.min.css';
import './styles/tabs.css';
import './styles/slo-list.css';
import './styles/slo-detail.css';
import './styles/runbooks.css';
import './styles/runbook-guide.css';
import './styles/incidents.css';
import './styles/outbox.css';
import './styles/silence-form.css';
import './styles/history.css';

const connection = connectToEngine();
const services: AppServices = {
  api: connection.api,
  alerts: createAlertsStore(),
  engine: createEngineStore(),
  ui: createUiStore(),
  slos: createSloStore(),
  runbooks: createRunbookStore(),
  incidents: createIncidentStore(),
  silences: createSilenceStore(),
  history: createHistoryStore(),
};
startEngineSync(connection, services);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppServicesContext value={services}>
      <App />
    </AppServicesContext>
  </StrictMode>,
);
