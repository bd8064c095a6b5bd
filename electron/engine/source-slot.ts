import { createHash } from 'node:crypto';
import type { SourceHealth } from '../../shared/model';
import type { SourceConfig } from '../config/config-schema';
import type { AlertSource, SourceAlert, SourceSilence } from '../sources/source';
import type { SourceReport } from './alert-merge';
import { initialHealth } from './source-health';
import type { SourcePoller } from './source-poller';

/** One configured source as the engine runs it: its poller, its health and its last reports. */
export interface SourceSlot {
  config: SourceConfig;
  source: AlertSource;
  poller: SourcePoller;
  health: SourceHealth;
  alerts: Map<string, SourceReport>;
  silences: SourceSilence[];
  /** A poll succeeded, or the cache gave its last known state: its first poll is not a quiet baseline. */
  hasSucceeded: boolean;
  /** A poll of this run succeeded. */
  answered: boolean;
  /** Of the answer `alerts` were read from (SourceFetchResult.answerDigest), saved with them in the cache. */
  answerDigest?: string;
}

/** A source's last good state, as saved by an earlier run and restored at start. */
export interface CachedSourceState {
  name: string;
  /** The source's config without timing fields: a cache entry is used only for the same server. */
  endpoint: string;
  health: SourceHealth;
  alerts: SourceAlert[];
  silences: SourceSilence[];
  /** The source's digest of the answer these alerts were read from (see AlertSource.answerDigest). */
  answerDigest?: string;
}

export function newSlot(config: SourceConfig, source: AlertSource, poller: SourcePoller): SourceSlot {
  return { config, source, poller, health: initialHealth(config.name, config.type), alerts: new Map(), silences: [], hasSucceeded: false, answered: false };
}

/** What the notification rules need to know about a source. */
export function describeSlot(slot: SourceSlot | undefined) {
  if (!slot) return undefined;
  const { type, notify, interval } = slot.config;
  return { type, notify, intervalMs: interval, down: slot.health.status === 'down' };
}

/**
 * The slot's reports of `alerts`; a report whose alert (same object) and staleness did not change
 * is kept as it was, and when none changed the slot's own map comes back (nothing to merge).
 */
export function reportsOf(slot: SourceSlot, alerts: readonly SourceAlert[], stale: boolean): Map<string, SourceReport> {
  const reports = new Map<string, SourceReport>();
  let unchanged = alerts.length === slot.alerts.size;
  for (const alert of alerts) {
    const before = slot.alerts.get(alert.fingerprint);
    const same = before?.alert === alert && before.stale === stale;
    if (!same) unchanged = false;
    reports.set(alert.fingerprint, same ? before : { source: slot.config.name, sourceType: slot.config.type, alert, stale });
  }
  return unchanged && reports.size === slot.alerts.size ? slot.alerts : reports;
}

/** The slot's reports, all marked stale (its source is down): kept as they were when they already are. */
export function staleReportsOf(slot: SourceSlot): Map<string, SourceReport> {
  return new Map([...slot.alerts].map(([fingerprint, report]) => [fingerprint, report.stale ? report : { ...report, stale: true }]));
}

/** The cache entry of a source that has answered at least once (in this run or an earlier one). */
export function cacheEntryOf(slot: SourceSlot): CachedSourceState {
  const { answerDigest } = slot;
  return {
    name: slot.config.name,
    endpoint: endpointOf(slot.config),
    health: slot.health,
    alerts: [...slot.alerts.values()].map((report) => report.alert),
    silences: slot.silences,
    ...(answerDigest === undefined ? {} : { answerDigest }),
  };
}

/** Puts a cached state into a fresh slot, marked stale and "from cache" until its first poll. */
export function restoreIntoSlot(slot: SourceSlot, cached: CachedSourceState): void {
  slot.health = { ...initialHealth(slot.config.name, slot.config.type), lastSuccessAt: cached.health.lastSuccessAt, alertCount: cached.alerts.length, fromCache: true };
  slot.silences = cached.silences;
  slot.hasSucceeded = true;
  if (cached.answerDigest !== undefined && slot.source.resumeFrom) {
    slot.source.resumeFrom(cached.alerts, cached.answerDigest);
    slot.answerDigest = cached.answerDigest;
  }
}

/** Whether two configs point at the same server the same way, so its alerts stay valid. */
export function sameEndpoint(a: SourceConfig, b: SourceConfig): boolean {
  return endpointOf(a) === endpointOf(b);
}

/**
 * What identifies a source's server and how it is asked, as a hash: the cache file on disk keeps
 * it, and the config it is made of may hold credentials (header values, URL passwords).
 */
export function endpointOf(config: SourceConfig): string {
  return createHash('sha256').update(endpointText(config)).digest('hex');
}

/** Whether a cache entry's endpoint is this config's (caches written before the hash held the text itself). */
export function isEndpointOf(endpoint: string, config: SourceConfig): boolean {
  return endpoint === endpointOf(config) || endpoint === endpointText(config);
}

function endpointText(config: SourceConfig): string {
  const { interval: _interval, timeout, notify: _notify, ...endpoint } = config;
  // An HTTP check times itself (it gives up just before the poller): a new timeout needs a new check.
  return JSON.stringify(config.type === 'http' ? { ...endpoint, timeout } : endpoint);
}
