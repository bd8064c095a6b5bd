import { ACK_COMMENT_PREFIX, type Acknowledgement, type Silence, type SilenceMatcher } from '../../shared/actions';
import { matchesMatcher, type MatchOperator } from '../../shared/label-matchers';
import type { Alert } from '../../shared/model';
import type { SourceSilence } from '../sources/alertmanager-silences';

/** Silences as the dashboard shows them: merged across sources, matched against alerts. Pure. */

/**
 * True when every matcher holds for `labels`, as Alertmanager decides: a missing label is the
 * empty string, regexes are anchored (`^(?:…)$`). A silence with an invalid regex matches
 * nothing. (JavaScript regexes stand in for Go's RE2; they agree on the patterns silences use.)
 */
export function silenceMatches(matchers: readonly SilenceMatcher[], labels: Readonly<Record<string, string>>): boolean {
  if (matchers.length === 0) return false;
  try {
    return matchers.every((matcher) => matchesMatcher(labels, { name: matcher.name, operator: operatorOf(matcher), value: matcher.value }));
  } catch {
    return false;
  }
}

function operatorOf(matcher: SilenceMatcher): MatchOperator {
  if (matcher.isRegex) return matcher.isEqual ? '=~' : '!~';
  return matcher.isEqual ? '=' : '!=';
}

/**
 * One entry per silence id, the copies of an HA pair merged (the most recently updated copy
 * wins, `sources` names every holder). Expired ones are left out. Ordered by end, soonest first.
 */
export function mergeSilences(perSource: ReadonlyMap<string, readonly SourceSilence[]>, alerts: readonly Alert[]): Silence[] {
  const byId = new Map<string, { silence: SourceSilence; sources: Set<string> }>();
  for (const [source, silences] of perSource) {
    for (const silence of silences) {
      const seen = byId.get(silence.id);
      if (!seen) byId.set(silence.id, { silence, sources: new Set([source]) });
      else {
        seen.sources.add(source);
        if (silence.updatedAt > seen.silence.updatedAt) seen.silence = silence;
      }
    }
  }
  return [...byId.values()]
    .filter(({ silence }) => silence.state !== 'expired')
    .map(({ silence, sources }) => ({
      id: silence.id,
      sources: [...sources].sort(),
      matchers: silence.matchers.map((matcher) => ({ ...matcher })),
      startsAt: silence.startsAt,
      endsAt: silence.endsAt,
      createdBy: silence.createdBy,
      comment: silence.comment,
      state: silence.state,
      acknowledgement: isAcknowledgementComment(silence.comment),
      matchedAlerts: alerts.filter((alert) => silenceMatches(silence.matchers, alert.labels)).map((alert) => alert.fingerprint),
    }))
    .sort((a, b) => compare(a.endsAt, b.endsAt) || compare(a.id, b.id));
}

export function isAcknowledgementComment(comment: string): boolean {
  return comment.startsWith(ACK_COMMENT_PREFIX);
}

/** The same set of matchers, in any order. */
export function sameMatchers(a: readonly SilenceMatcher[], b: readonly SilenceMatcher[]): boolean {
  if (a.length !== b.length) return false;
  const keys = (matchers: readonly SilenceMatcher[]) => matchers.map((m) => JSON.stringify([m.name, m.value, m.isRegex, m.isEqual])).sort();
  const left = keys(a);
  const right = keys(b);
  return left.every((key, index) => key === right[index]);
}

/** An equality matcher on every label of the alert, by name: what an ack silence mutes and what the silence form starts from. */
export function matchersForAlert(alert: Pick<Alert, 'labels'>): SilenceMatcher[] {
  return Object.keys(alert.labels)
    .sort()
    .map((name) => ({ name, value: alert.labels[name] ?? '', isRegex: false, isEqual: true }));
}

/** The acknowledgement an "ACK!" silence that mutes this alert right now gives it (the latest, if several), else undefined. */
export function upstreamAcknowledgement(alert: Pick<Alert, 'labels' | 'silencedBy'>, silences: readonly Silence[]): Acknowledgement | undefined {
  const silence = activeAcknowledgementsIn(silences).find((each) => alert.silencedBy.includes(each.id) || silenceMatches(each.matchers, alert.labels));
  if (!silence) return undefined;
  return {
    by: silence.createdBy,
    at: silence.startsAt,
    comment: silence.comment.slice(ACK_COMMENT_PREFIX.length).trim(),
    delivery: 'sent',
    silenceId: silence.id,
    expiresAt: silence.endsAt,
  };
}

/**
 * The active "ACK!" silences of a list, latest first, worked out once per list: every alert's
 * acknowledgement is looked up in the same list (10,000 alerts at a start from the cache), and a
 * change of silences brings a new list rather than changing this one.
 */
const activeAcknowledgements = new WeakMap<readonly Silence[], readonly Silence[]>();

function activeAcknowledgementsIn(silences: readonly Silence[]): readonly Silence[] {
  let found = activeAcknowledgements.get(silences);
  if (!found) {
    found = silences.filter((silence) => silence.acknowledgement && silence.state === 'active').sort((a, b) => compare(b.startsAt, a.startsAt));
    activeAcknowledgements.set(silences, found);
  }
  return found;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
