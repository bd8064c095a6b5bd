import type { AlertSource } from '../source';

/** An on-call source that can also resolve (PagerDuty) or close (Opsgenie) one of its alerts. */
export interface ResolvableSource extends AlertSource {
  resolve(incidentId: string, request: { by: string; comment: string; uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }>;
}

/** `AlertSource` (owned by the engine) has no `resolve`; on-call sources add it. */
export function isResolvable(source: AlertSource | undefined): source is ResolvableSource {
  return typeof (source as Partial<ResolvableSource> | undefined)?.resolve === 'function';
}
