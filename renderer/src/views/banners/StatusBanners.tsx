import { useEngine, useUi } from '../../app-services';
import { OfflineBanner } from './OfflineBanner';
import { StorageProblemsBanner } from './StorageProblemsBanner';

/** Everything that is wrong right now, in the engine's own words. */
export function StatusBanners() {
  return (
    <div className="banners">
      <ConnectionBanner />
      <OfflineBanner />
      <SnapshotErrorBanner />
      <ConfigErrorBanner />
      <StorageProblemsBanner />
      <CommandErrorBanner />
    </div>
  );
}

function ConnectionBanner() {
  const connection = useEngine((state) => state.connection);
  // A first connect without trouble is too quick to be worth a banner; the list says "Loading alerts…".
  if (connection.state === 'connected' || (connection.state === 'connecting' && !connection.lastError)) return null;
  // The window losing its engine, not the engine losing its sources (that is the offline banner).
  const headline = connection.state === 'connecting' ? 'Connecting to the engine…' : 'Not connected to the engine; reconnecting.';
  return (
    <div className="banner banner-warning" role="status" data-testid="connection-banner" data-state={connection.state}>
      <strong>{headline}</strong>
      {connection.lastError && <span className="banner-detail">{connection.lastError}</span>}
      <span className="banner-detail">Alerts and SLOs shown are the last known state. If the engine restarted, open the new address it printed.</span>
    </div>
  );
}

function SnapshotErrorBanner() {
  const error = useEngine((state) => state.snapshotError);
  if (!error) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="snapshot-error">
      {error}
    </div>
  );
}

function ConfigErrorBanner() {
  const error = useEngine((state) => state.config?.error ?? null);
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="config-error">
      <strong>Configuration error; the last good configuration stays in use.</strong>
      <span className="banner-detail verbatim">{error}</span>
    </div>
  );
}

function CommandErrorBanner() {
  const error = useUi((state) => state.commandError);
  const dismiss = useUi((state) => state.setCommandError);
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="command-error">
      <span className="banner-detail">{error}</span>
      <button type="button" className="banner-dismiss" onClick={() => dismiss(null)}>
        Dismiss
      </button>
    </div>
  );
}
