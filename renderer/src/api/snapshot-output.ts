import { z } from 'zod';
import { SnapshotSchema, type Alert } from '../../../shared/model';
import { SEVERITIES } from '../../../shared/severity';

const SEVERITY_NAMES: ReadonlySet<string> = new Set(SEVERITIES);
const STATES: ReadonlySet<string> = new Set(['firing', 'pending', 'suppressed']);

/**
 * What the dashboard checks a snapshot against. Everything is checked in full with the shared
 * schema except each alert, which gets one pass over the fields the views read (types, severity
 * and state names, label maps of strings) and is kept as it came, not copied: the engine built
 * every alert from a validated source, and zod's full check of 10,000 of them took 80–130 ms of
 * the first paint, as the page's CSP (no eval) keeps zod from compiling its checks.
 */
export const RendererSnapshotSchema = SnapshotSchema.extend({
  alerts: z.array(z.custom<Alert>(isReadableAlert, { message: 'expected an alert: fingerprint, name, labels, annotations, severity, state, startsAt, sources, stale' })),
});

function isReadableAlert(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const alert = value as Record<string, unknown>;
  return (
    typeof alert.fingerprint === 'string' &&
    typeof alert.name === 'string' &&
    typeof alert.startsAt === 'string' &&
    typeof alert.stale === 'boolean' &&
    SEVERITY_NAMES.has(alert.severity as string) &&
    STATES.has(alert.state as string) &&
    isStringMap(alert.labels) &&
    isStringMap(alert.annotations) &&
    isStringList(alert.sources) &&
    isStringList(alert.silencedBy) &&
    isStringList(alert.inhibitedBy) &&
    (alert.silences === undefined || Array.isArray(alert.silences)) &&
    (alert.acknowledgement === undefined || (typeof alert.acknowledgement === 'object' && alert.acknowledgement !== null)) &&
    (alert.generatorURL === undefined || typeof alert.generatorURL === 'string') &&
    (alert.value === undefined || typeof alert.value === 'string')
  );
}

function isStringMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
