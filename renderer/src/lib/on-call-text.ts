import type { OnCallStatus, SourceHealth } from '../../../shared/model';
import { formatDayTime, millisUntil } from './format-age';

/** What the user can say: on call, off call, or follow the on-call services again (null). */
export type OnCallChoice = boolean | null;

export const ON_CALL_CHOICES: readonly { value: OnCallChoice; label: string }[] = [
  { value: true, label: 'On call' },
  { value: false, label: 'Off call' },
  { value: null, label: 'Follow schedule' },
];

const SERVICE_NAME: Partial<Record<SourceHealth['type'], string>> = { pagerduty: 'PagerDuty', opsgenie: 'Opsgenie' };

/** The header's words: "On call until 09:00", "On call", "Off call — next shift Tue 09:00", "On-call unknown". */
export function onCallLabel(status: OnCallStatus, now: number): string {
  switch (status.state) {
    case 'on-call': {
      const until = shiftTime(status.until, now);
      return until ? `On call until ${until}` : 'On call';
    }
    case 'off-call': {
      const next = shiftTime(status.nextShiftAt, now);
      return next ? `Off call — next shift ${next}` : 'Off call';
    }
    case 'unknown':
      return 'On-call unknown';
  }
}

/** Where the answer comes from: "your toggle", "PagerDuty schedule (pd)", or the source's bare name when its type is not known. */
export function onCallBasisText(basis: string | null, sources: readonly Pick<SourceHealth, 'name' | 'type'>[]): string | null {
  if (basis === null) return null;
  if (basis === 'manual') return 'your toggle';
  if (basis === 'schedule') return 'your schedule (config)';
  const type = sources.find((source) => source.name === basis)?.type;
  const service = type ? SERVICE_NAME[type] : undefined;
  return service ? `${service} schedule (${basis})` : basis;
}

/** The header pill's few words: "On call until 09:00", "On call", "Off call", "On call?" (the rest is in its menu). */
export function onCallShortLabel(status: OnCallStatus, now: number): string {
  if (status.state === 'on-call') return onCallLabel(status, now);
  return status.state === 'off-call' ? 'Off call' : 'On call?';
}

/** The tooltip: the label with its basis, then who is on call now. */
export function onCallTitle(status: OnCallStatus, sources: readonly Pick<SourceHealth, 'name' | 'type'>[], now: number): string {
  const basis = onCallBasisText(status.basis, sources);
  const head = basis ? `${onCallLabel(status, now)} (${basis})` : onCallLabel(status, now);
  const detail =
    status.state === 'unknown' && status.basis === null
      ? 'No on-call service says, and you have not set it: notifications follow their settings.'
      : null;
  const who = status.who.length > 0 ? `On call now: ${status.who.join(', ')}` : 'On call now: nobody listed';
  return [head, detail, who].filter((line) => line !== null).join('\n');
}

/** The choice the user's last word corresponds to: their own on/off, else following the services. */
export function currentOnCallChoice(status: OnCallStatus): OnCallChoice {
  if (status.basis !== 'manual') return null;
  if (status.state === 'on-call') return true;
  if (status.state === 'off-call') return false;
  return null;
}

/** Present wording for a shift boundary, or null when it is missing, unreadable or already past. */
function shiftTime(iso: string | null, now: number): string | null {
  const wait = millisUntil(iso, now);
  if (iso === null || wait === null || wait <= 0) return null;
  return formatDayTime(iso, now);
}
