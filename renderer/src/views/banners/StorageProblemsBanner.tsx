import { useState } from 'react';
import { useEngine } from '../../app-services';

/**
 * Saved data the engine could not use: which file, what was wrong, where the old copy was kept.
 * Dismissing hides what was shown; a new problem brings the banner back.
 */
export function StorageProblemsBanner() {
  const problems = useEngine((state) => state.storageProblems);
  const [dismissed, setDismissed] = useState(0);
  const shown = problems.slice(Math.min(dismissed, problems.length));
  if (shown.length === 0) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="storage-problems">
      <strong>Some saved data could not be used; the damaged files were kept aside and the app carries on.</strong>
      <ul className="banner-detail verbatim">
        {shown.map((problem, index) => (
          <li key={index}>{problem}</li>
        ))}
      </ul>
      <button type="button" className="banner-dismiss" onClick={() => setDismissed(problems.length)}>
        Dismiss
      </button>
    </div>
  );
}
