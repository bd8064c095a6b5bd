import { useEffect, useRef, useState } from 'react';
import type { ConnectionTest, SourceSettings } from '../../../../shared/settings';
import { testSavedSource } from '../../actions/source-settings';
import { useEngine, useServices } from '../../app-services';
import { SOURCE_STATUS_LABEL } from '../../lib/source-health-text';
import { ConnectionTestResult } from './ConnectionTestResult';
import { TYPE_LABEL } from './source-draft';

interface SourceRowProps {
  source: SourceSettings;
  writable: boolean;
  onEdit: () => void;
  onRemove: () => Promise<boolean>;
}

/** One configured source: what and where, its health now, and Edit / Test / Remove (with a confirmation). */
export function SourceRow({ source, writable, onEdit, onRemove }: SourceRowProps) {
  const { api } = useServices();
  const health = useEngine((state) => state.sources.find((entry) => entry.name === source.name));
  const [confirming, setConfirming] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | { error: string } | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  // A failing check is an alert, not a failing source: its health stays OK, which would read as all is well.
  const checkFailing = source.type === 'http' && health?.status === 'ok' && health.alertCount > 0;
  const where = String(source.fields.url ?? source.fields.baseUrl ?? (source.type === 'pagerduty' || source.type === 'opsgenie' ? 'default API' : '—'));
  const interval = typeof source.fields.interval === 'string' || typeof source.fields.interval === 'number' ? String(source.fields.interval) : 'default';

  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    const outcome = await testSavedSource(api, source.fields);
    setTesting(false);
    setTest(outcome.ok ? outcome.value : { error: outcome.message });
  };

  return (
    <li className="settings-source" data-testid="settings-source" data-name={source.name}>
      <div className="settings-source-main">
        <span className="settings-type">{TYPE_LABEL[source.type]}</span>
        <strong className="settings-name" data-testid="settings-source-name">
          {source.name}
        </strong>
        <span className="settings-where" title={where}>
          {where}
        </span>
        <span className="settings-interval">every {interval}</span>
        <span className={`settings-health health-${checkFailing ? 'down' : (health?.status ?? 'none')}`} data-testid="settings-source-health" data-status={health?.status ?? 'not-running'}>
          {checkFailing ? 'Check failing' : health ? SOURCE_STATUS_LABEL[health.status] : 'Not running'}
          {health && health.alertCount > 0 ? `, ${health.alertCount} alert${health.alertCount === 1 ? '' : 's'}` : ''}
          {health?.lastError ? <span className="settings-error">: {health.lastError}</span> : null}
        </span>
        <span className="settings-actions">
          {confirming ? (
            <>
              <span>Remove {source.name} from the config?</span>
              <button type="button" className="danger-button" data-testid="settings-confirm-remove" onClick={() => void onRemove().then((removed) => !removed && setConfirming(false))}>
                Remove
              </button>
              <button type="button" ref={keep} data-testid="settings-keep" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" data-testid="settings-edit" disabled={!writable} onClick={onEdit} aria-label={`Edit ${source.name}`}>
                Edit
              </button>
              <button type="button" data-testid="settings-test" disabled={testing} onClick={() => void runTest()} aria-label={`Test ${source.name}`}>
                {testing ? 'Testing…' : 'Test'}
              </button>
              <button type="button" data-testid="settings-remove" disabled={!writable} onClick={() => setConfirming(true)} aria-label={`Remove ${source.name}`}>
                Remove
              </button>
            </>
          )}
        </span>
      </div>
      {test && ('error' in test ? <p className="form-error" role="alert">{test.error}</p> : <ConnectionTestResult result={test} testId="settings-source-test" />)}
    </li>
  );
}
