import type { Alert, DependencyStatus, SourceType } from '../../shared/model';
import type { SourceSilence } from './alertmanager-silences';

export type { SourceSilence };

/** An alert as one source reports it, before the engine merges sources and marks staleness. */
export type SourceAlert = Omit<Alert, 'sources' | 'stale'>;

export interface SourceFetchResult {
  alerts: SourceAlert[];
  /** Non-fatal remarks from the server (Prometheus `warnings`), shown with the source's health. */
  warnings: string[];
  /** The source's active and pending silences (Alertmanager only); absent when the source has no silences or this poll could not read them (keep the last known). */
  silences?: SourceSilence[];
  /**
   * Identifies the answer these alerts were read from (and how they were read), so that a later
   * run can recognise it unchanged: saved with the alerts in the cache, given back to `resumeFrom`.
   */
  answerDigest?: string;
}

/** Something the engine can poll for alerts. Implementations are plain Node and never touch Electron. */
export interface AlertSource {
  readonly name: string;
  readonly type: SourceType;
  fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult>;
  /**
   * Acknowledges one of its own alerts in the service it comes from (on-call services), exactly
   * once: after an `uncertain` try it checks first. `sent` false: it was acknowledged already.
   */
  acknowledge?(incidentId: string, request: { by: string; comment: string; uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }>;
  /** Whether the token's user is on call now, per the service's schedules (on-call services only); null until known. */
  onCall?(): { onCallNow: boolean; until: string | null; nextShiftAt: string | null; who: string[] } | null;
  /** Seeds the source with cached alerts and the `answerDigest` of the result they came from: a first answer that is the same gives back these alerts. */
  resumeFrom?(alerts: SourceAlert[], answerDigest: string): void;
  /** A status page's overall word on its dependency, after a successful poll (status page sources only). */
  dependencyStatus?(): Omit<DependencyStatus, 'source'> | null;
}
