import { memo, useRef } from 'react';
import { BURN_WINDOWS, type Slo } from '../../../../shared/slo';
import { CopyButton } from '../common/CopyButton';

/** The PromQL behind the numbers, each with a Copy button. */
export const SloQueries = memo(function SloQueries({ slo }: { slo: Slo }) {
  return (
    <section className="slo-queries" data-testid="slo-queries" aria-labelledby="slo-queries-title">
      <h3 id="slo-queries-title">Queries</h3>
      <QueryItem name="SLI" query={slo.queries.sli} />
      <QueryItem name="Good events" query={slo.queries.good} />
      <QueryItem name="Total events" query={slo.queries.total} />
      <details className="burn-queries">
        <summary>Burn-rate queries ({BURN_WINDOWS.length} windows)</summary>
        {BURN_WINDOWS.map((window) => (
          <QueryItem key={window} name={`Burn rate over ${window}`} query={slo.queries.burnRate[window]} />
        ))}
      </details>
    </section>
  );
});

function QueryItem({ name, query }: { name: string; query: string }) {
  const code = useRef<HTMLElement>(null);
  return (
    <div className="query" data-testid="slo-query" data-query={name}>
      <div className="query-head">
        <span className="query-name">{name}</span>
        <CopyButton text={query} label={`${name} query`} selectTarget={() => code.current} />
      </div>
      <pre className="query-text">
        <code ref={code}>{query}</code>
      </pre>
    </div>
  );
}
