import { useRunbooks } from '../../app-services';

/** Runbook folders or files that could not be read at all, in the engine's words; the others load. */
export function RunbookErrorsBanner() {
  const errors = useRunbooks((state) => state.errors);
  if (errors.length === 0) return null;
  return (
    <div className="banner banner-error runbook-errors" role="alert" data-testid="runbook-errors">
      <strong>
        {errors.length === 1 ? 'A runbook folder or file could not be read' : `${errors.length} runbook folders or files could not be read`}; the other
        runbooks load.
      </strong>
      <ul className="slo-error-list">
        {errors.map((error, index) => (
          <li key={`${index}:${error}`} className="banner-detail verbatim">
            {error}
          </li>
        ))}
      </ul>
    </div>
  );
}
