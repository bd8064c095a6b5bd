import { useMemo } from 'react';
import { flagsOf, matchesAll, regexProblem } from '../../lib/silence-matchers';
import type { DraftMatcher } from '../../lib/silence-draft';
import { useAlerts } from '../../app-services';

/** How many of the alerts on the dashboard the matchers would mute, as they are typed. */
export function MatchedAlertCount({ matchers }: { matchers: readonly DraftMatcher[] }) {
  const alerts = useAlerts((state) => state.alerts);
  const count = useMemo(() => {
    const usable = matchers.filter((matcher) => matcher.name.trim() !== '' && !(flagsOf(matcher.operator).isRegex && regexProblem(matcher.value)));
    if (usable.length === 0) return null;
    const silenceMatchers = usable.map((matcher) => ({ name: matcher.name.trim(), value: matcher.value, ...flagsOf(matcher.operator) }));
    let matched = 0;
    for (const alert of alerts.values()) if (matchesAll(alert.labels, silenceMatchers)) matched++;
    return matched;
  }, [alerts, matchers]);
  if (count === null) return null;
  return (
    <span className="matched-count" data-testid="silence-matched-count" data-count={count} role="status">
      Matches {count} {count === 1 ? 'alert' : 'alerts'} shown now
    </span>
  );
}
