import type { ConnectionStep, ConnectionTest } from '../../../../shared/settings';

const STEP_LABEL: Record<ConnectionStep['step'], string> = {
  config: 'Settings',
  dns: 'DNS',
  connect: 'Connection',
  tls: 'TLS',
  http: 'HTTP',
  auth: 'Credentials',
  shape: 'Answer',
};

/** A connection test's stages in order, the failed one marked; announced when it arrives. */
export function ConnectionTestResult({ result, testId = 'connection-test' }: { result: ConnectionTest; testId?: string }) {
  return (
    <div className={result.ok ? 'connection-test passed' : 'connection-test failed'} data-testid={testId} data-ok={String(result.ok)}>
      <p className="connection-summary" role="status">
        {result.summary}
      </p>
      <ol className="connection-steps">
        {result.steps.map((step) => (
          <li key={step.step} className={step.ok ? 'step-ok' : 'step-failed'} data-testid={`test-step-${step.step}`} data-ok={String(step.ok)}>
            <span className="step-mark" aria-hidden="true">
              {step.ok ? '✓' : '✗'}
            </span>
            <span className="step-name">
              {STEP_LABEL[step.step]}
              <span className="visually-hidden">{step.ok ? ': passed' : ': failed'}</span>
            </span>
            <span className="step-detail">{step.detail}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
