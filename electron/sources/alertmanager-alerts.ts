import { z } from 'zod';
import { normalizeSeverity } from '../../shared/severity';
import type { SourceSilence } from './alertmanager-silences';
import { shapeError } from './http-json';
import { LabelSet } from '../../shared/label-set';
import { IsoInstant } from './timestamps';
import type { SourceAlert } from './source';

/** The subset of Alertmanager API v2 `GettableAlert` that the app reads. */
const GettableAlert = z.object({
  fingerprint: z.string(),
  labels: LabelSet,
  annotations: LabelSet.default({}),
  startsAt: IsoInstant,
  generatorURL: z.string().optional(),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).nullish(),
    inhibitedBy: z.array(z.string()).nullish(),
  }),
});
type GettableAlert = z.output<typeof GettableAlert>;

/** An element of the response before validation: only what the comparison with last time reads. */
interface UncheckedAlert {
  fingerprint?: unknown;
  labels?: unknown;
  annotations?: unknown;
  startsAt?: unknown;
  generatorURL?: unknown;
  status?: { state?: unknown; silencedBy?: unknown; inhibitedBy?: unknown } | null;
}

interface ReadBefore {
  /** As the server wrote it (the alert holds it in canonical form). */
  startsAt: string;
  alert: SourceAlert;
}

/**
 * Turns `/api/v2/alerts` bodies into SourceAlerts, poll after poll. Most alerts are as they were
 * last time: an element equal, on every field the app reads, to the one read before under the
 * same fingerprint gives back the same object without validating or rebuilding it. An unchanged
 * poll then costs little beyond `JSON.parse`, and the engine sees by identity what did not change.
 */
/**
 * Names how elements are turned into alerts: change it whenever `toSourceAlert` (or the schema)
 * reads something differently, so that alerts cached by the older reading are not resumed.
 */
export const READ_FORMAT = 'alertmanager-v2/1';

export class AlertmanagerAlertReader {
  private readBefore = new Map<string, ReadBefore>();
  private alertsBefore: SourceAlert[] = [];
  private silencesKey = '[]';

  /** `silences`: the active silences by id, whose details the alerts they mute carry. */
  read(url: URL, body: unknown, silences: ReadonlyMap<string, SourceSilence>): SourceAlert[] {
    if (!Array.isArray(body)) throw shapeError(url, z.array(z.unknown()).safeParse(body).error!);
    this.silencesKey = keyOf(silences);
    const readNow = new Map<string, ReadBefore>();
    const alerts = body.map((element: UncheckedAlert | null, index) => {
      const before = typeof element?.fingerprint === 'string' ? this.readBefore.get(element.fingerprint) : undefined;
      const read = before && unchanged(element!, before, silences) ? before : readAlert(url, element, index, silences);
      readNow.set(read.alert.fingerprint, read);
      return read.alert;
    });
    this.readBefore = readNow;
    this.alertsBefore = alerts;
    return alerts;
  }

  /** Starts from alerts read in an earlier run (cached): `readAgain` gives them back, `read` compares with them. */
  resume(alerts: SourceAlert[]): void {
    this.readBefore = new Map(alerts.map((alert) => [alert.fingerprint, { startsAt: alert.startsAt, alert }]));
    this.alertsBefore = alerts;
    // Unknown: `readAgain` checks each muted alert's silence details.
    this.silencesKey = '';
  }

  /**
   * The body is byte for byte the one read last time (the caller compared digests): the same
   * alerts, the very same objects unless the details of the silences muting them changed.
   */
  readAgain(silences: ReadonlyMap<string, SourceSilence>): SourceAlert[] {
    const silencesKey = keyOf(silences);
    if (silencesKey === this.silencesKey) return this.alertsBefore;
    this.silencesKey = silencesKey;
    for (const read of this.readBefore.values()) {
      if (!sameSilenceDetails(read.alert, silences)) read.alert = { ...read.alert, silences: silencesOf(read.alert.silencedBy, silences) };
    }
    this.alertsBefore = [...this.readBefore.values()].map((read) => read.alert);
    return this.alertsBefore;
  }
}

function keyOf(silences: ReadonlyMap<string, SourceSilence>): string {
  return JSON.stringify([...silences.values()].map(({ id, createdBy, comment, endsAt }) => [id, createdBy, comment, endsAt]));
}

function silencesOf(silencedBy: readonly string[], silences: ReadonlyMap<string, SourceSilence>): NonNullable<SourceAlert['silences']> {
  return silencedBy.flatMap((id) => {
    const silence = silences.get(id);
    return silence ? [{ id, createdBy: silence.createdBy, comment: silence.comment, endsAt: silence.endsAt }] : [];
  });
}

function readAlert(url: URL, element: unknown, index: number, silences: ReadonlyMap<string, SourceSilence>): ReadBefore {
  const parsed = GettableAlert.safeParse(element);
  if (!parsed.success) throw shapeError(url, parsed.error, index);
  return { startsAt: (element as { startsAt: string }).startsAt, alert: toSourceAlert(parsed.data, silences) };
}

function toSourceAlert(alert: GettableAlert, silences: ReadonlyMap<string, SourceSilence>): SourceAlert {
  const silencedBy = alert.status.silencedBy ?? [];
  const inhibitedBy = alert.status.inhibitedBy ?? [];
  const read: SourceAlert = {
    fingerprint: alert.fingerprint,
    name: alert.labels.alertname ?? '(no alertname)',
    labels: alert.labels,
    annotations: alert.annotations,
    severity: normalizeSeverity(alert.labels.severity),
    state: alert.status.state === 'suppressed' ? 'suppressed' : 'firing',
    startsAt: alert.startsAt,
    silencedBy,
    inhibitedBy,
    silences: silencesOf(silencedBy, silences),
  };
  if (alert.generatorURL) read.generatorURL = alert.generatorURL;
  return read;
}

/** Whether the element would validate and read as exactly the alert read before (so it needs neither). */
function unchanged(element: UncheckedAlert, before: ReadBefore, silences: ReadonlyMap<string, SourceSilence>): boolean {
  const alert = before.alert;
  const status = element.status;
  return (
    element.startsAt === before.startsAt &&
    typeof status === 'object' &&
    status !== null &&
    sameState(status.state, alert.state) &&
    sameStrings(status.silencedBy ?? [], alert.silencedBy) &&
    sameStrings(status.inhibitedBy ?? [], alert.inhibitedBy) &&
    sameGeneratorUrl(element.generatorURL, alert.generatorURL) &&
    sameLabels(element.labels, alert.labels) &&
    sameLabels(element.annotations === undefined ? {} : element.annotations, alert.annotations) &&
    sameSilenceDetails(alert, silences)
  );
}

/** Whether the details of the silences muting the alert are still those it carries. */
function sameSilenceDetails(alert: SourceAlert, silences: ReadonlyMap<string, SourceSilence>): boolean {
  if (alert.silencedBy.length === 0) return true;
  const now = silencesOf(alert.silencedBy, silences);
  const carriedList = alert.silences ?? [];
  return (
    now.length === carriedList.length &&
    now.every((silence, index) => {
      const carried = carriedList[index]!;
      return silence.id === carried.id && silence.createdBy === carried.createdBy && silence.comment === carried.comment && silence.endsAt === carried.endsAt;
    })
  );
}

function sameState(state: unknown, read: SourceAlert['state']): boolean {
  return state === 'suppressed' ? read === 'suppressed' : (state === 'active' || state === 'unprocessed') && read === 'firing';
}

function sameGeneratorUrl(url: unknown, read: string | undefined): boolean {
  if (url === undefined) return read === undefined;
  return typeof url === 'string' && (url || undefined) === read;
}

function sameStrings(list: unknown, read: readonly string[]): boolean {
  return Array.isArray(list) && list.length === read.length && list.every((value, index) => value === read[index]);
}

function sameLabels(labels: unknown, read: Record<string, string>): boolean {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return false;
  const keys = Object.keys(labels);
  return keys.length === Object.keys(read).length && keys.every((key) => Object.hasOwn(read, key) && (labels as Record<string, unknown>)[key] === read[key]);
}
