import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToEngine } from './api/connect';
import { AppServicesContext } from './app-services';
import { createAppServices } from './create-app-services';
import { startEngineSync } from './stores/engine-sync';
import { App } from './views/App';
import './styles/theme.css';
import './styles/layout.css';
import './styles/header.css';
import './styles/sources.css';
import './styles/alert-list.css';
import './styles/detail.css';
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
const services = createAppServices(connection.api);
startEngineSync(connection, services);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppServicesContext value={services}>
      <App />
    </AppServicesContext>
  </StrictMode>,
);
