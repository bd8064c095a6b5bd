import { useSlos } from '../../app-services';

/** SLO files that could not be used, in the engine's words (file, field and what is supported). */
export function SloErrorsBanner() {
  const errors = useSlos((state) => state.errors);
  if (errors.length === 0) return null;
  return (
    <div className="banner banner-error slo-errors" role="alert" data-testid="slo-errors">
      <strong>
        {errors.length === 1 ? 'An SLO file could not be used' : `${errors.length} SLO files could not be used`}; the other SLOs are evaluated.
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
