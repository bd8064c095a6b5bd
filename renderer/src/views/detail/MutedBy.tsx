import type { Alert } from '../../../../shared/model';
import { useAlerts } from '../../app-services';
import { formatClockTime } from '../../lib/format-age';

/** Who silenced the alert, why and until when; and which firing alerts inhibit it. */
export function SilencedBy({ alert, now }: { alert: Alert; now: number }) {
  const details = new Map((alert.silences ?? []).map((silence) => [silence.id, silence]));
  return (
    <ul className="muted-by" data-testid="detail-silences">
      {alert.silencedBy.map((id) => {
        const silence = details.get(id);
        return (
          <li key={id}>
            {silence ? (
              <>
                by <strong>{silence.createdBy}</strong> until <time dateTime={silence.endsAt}>{formatClockTime(silence.endsAt, now)}</time>
                {silence.comment && <>: {silence.comment}</>}
              </>
            ) : (
              <>silence {id}</>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function InhibitedBy({ alert }: { alert: Alert }) {
  const names = useAlerts((state) => alert.inhibitedBy.map((fingerprint) => state.alerts.get(fingerprint)?.name ?? fingerprint).join('\n'));
  return (
    <ul className="muted-by" data-testid="detail-inhibitions">
      {names.split('\n').map((name, index) => (
        <li key={`${index}:${name}`}>{name}</li>
      ))}
    </ul>
  );
}
