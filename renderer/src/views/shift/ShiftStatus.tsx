import type { Shift } from '../../../../shared/shift';
import { useEngine } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatDayTime } from '../../lib/format-age';
import { onCallBasisText, onCallLabel } from '../../lib/on-call-text';
import { Fact } from '../common/Fact';
import { OnCallChoices } from './OnCallChoices';

/** Am I on call, says who, until when, who else; the control; and what notifies now. */
export function ShiftStatus({ shift }: { shift: Shift }) {
  const sources = useEngine((state) => state.sources);
  const live = useEngine((state) => state.onCall);
  const now = useNow();
  const status = live ?? shift.onCall;
  const basis = onCallBasisText(status.basis, sources);
  return (
    <section className="shift-status" aria-labelledby="shift-status-title" data-testid="shift-status" data-state={status.state}>
      <h2 id="shift-status-title" data-testid="shift-on-call">
        {onCallLabel(status, now)}
      </h2>
      <dl className="facts">
        <Fact term="Says who" testId="shift-basis">
          {basis ?? 'nobody yet: no on-call service is configured and you have not set it'}
        </Fact>
        {status.until && <Fact term="Until">{formatDayTime(status.until, now)}</Fact>}
        {status.nextShiftAt && <Fact term="Next shift">{formatDayTime(status.nextShiftAt, now)}</Fact>}
        <Fact term="On call now">{status.who.length > 0 ? status.who.join(', ') : 'nobody listed'}</Fact>
        <Fact term="Shift so far" testId="shift-period">
          since {formatDayTime(shift.from, now)}
        </Fact>
      </dl>
      <OnCallChoices status={status} testIdPrefix="shift-on-call-choice" />
      {shift.notifications.length > 0 && (
        <ul className="shift-notifications" data-testid="shift-notifications" aria-label="Notifications now">
          {shift.notifications.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
