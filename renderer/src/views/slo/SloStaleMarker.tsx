import { formatAgo, millisSince } from '../../lib/format-age';

/** Says the numbers are the last ones computed, and how old they are, while the source is unreachable. */
export function SloStaleMarker({ evaluatedAt, now, long = false }: { evaluatedAt: string | null; now: number; long?: boolean }) {
  const age = millisSince(evaluatedAt, now);
  const when = age === null ? 'never computed' : `from ${formatAgo(age)}`;
  return (
    <span className="stale-marker slo-stale" data-testid="slo-stale" title={`The source is unreachable: these are the last computed values, ${when}`}>
      {long ? `STALE: source unreachable, last values ${when}` : 'STALE · source unreachable'}
    </span>
  );
}
