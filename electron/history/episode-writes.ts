import { ACK_COMMENT_PREFIX } from '../../shared/actions';
import type { Alert, Labels } from '../../shared/model';
import { sameAlert } from '../engine/alert-merge';

/** What changed in one engine update for one alert (the engine's `AlertChange`). */
export interface AlertChangeRecord {
  before: Alert | undefined;
  after: Alert | undefined;
}

/** An episode is one firing of one alert: (fingerprint, startsAt). */
export interface EpisodeKey {
  fingerprint: string;
  startsAt: string;
}

export interface EpisodeFacts extends EpisodeKey {
  /** `startsAt` in milliseconds, for ordering and retention (the time of the update if it does not parse). */
  startsAtMs: number;
  name: string;
  labels: Labels;
  severity: string;
  sources: string[];
}

/** One change to the stored history; plain data, so it crosses to the worker as is. */
export type EpisodeWrite =
  /** The alert fires: open its episode (again) and bring its labels, severity and sources up to date. */
  | { kind: 'firing'; episode: EpisodeFacts }
  /** The alert is gone (or began a new episode): the episode ended at `resolvedAt`. */
  | { kind: 'resolved'; episode: EpisodeFacts; resolvedAt: string }
  /** A silence muted the episode; only the first one is kept. */
  | { kind: 'silenced'; key: EpisodeKey; by: string; comment: string }
  /** Someone took the episode. `replace: false` keeps an earlier acknowledgement (one seen upstream). */
  | { kind: 'acknowledged'; key: EpisodeKey; by: string; at: string; comment: string; replace: boolean };

/**
 * Turns one engine update into history writes. Pure. An alert whose only change is `stale` (its
 * source went down or came back, or answered for the first time after a start from the cache)
 * writes nothing: its episode was written when it was seen as it is.
 */
export function episodeWrites(changes: readonly AlertChangeRecord[], at: Date): EpisodeWrite[] {
  const writes: EpisodeWrite[] = [];
  for (const { before, after } of changes) {
    if (before && after && before.stale !== after.stale && sameAlert(before, after, { exceptStale: true })) continue;
    if (before && (!after || after.startsAt !== before.startsAt)) {
      writes.push({ kind: 'resolved', episode: factsOf(before, at), resolvedAt: at.toISOString() });
    }
    if (!after) continue;
    writes.push({ kind: 'firing', episode: factsOf(after, at) });
    const key = { fingerprint: after.fingerprint, startsAt: after.startsAt };
    // An "ACK!" silence is an acknowledgement, which `acknowledgement` already carries.
    const silence = after.silences?.find((s) => !s.comment.startsWith(ACK_COMMENT_PREFIX));
    if (silence) writes.push({ kind: 'silenced', key, by: silence.createdBy, comment: silence.comment });
    const ack = after.acknowledgement;
    if (ack) writes.push({ kind: 'acknowledged', key, by: ack.by, at: ack.at, comment: ack.comment, replace: false });
  }
  return writes;
}

function factsOf(alert: Alert, at: Date): EpisodeFacts {
  const startsAtMs = Date.parse(alert.startsAt);
  return {
    fingerprint: alert.fingerprint,
    startsAt: alert.startsAt,
    startsAtMs: Number.isFinite(startsAtMs) ? startsAtMs : at.getTime(),
    name: alert.name,
    labels: alert.labels,
    severity: alert.severity,
    sources: alert.sources,
  };
}
