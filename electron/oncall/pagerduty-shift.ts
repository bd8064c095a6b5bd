import type { PagerDutyOnCall, PagerDutyReference } from './pagerduty-model';

/** Pure answers to "am I on call, until when, when is my next shift, who is on call now" from `/oncalls` entries. */

export interface PolicyLevel {
  escalationPolicy: PagerDutyReference;
  escalationLevel: number;
}

export interface MyShift {
  /**
   * The stretch I am on call in right now, entries that overlap or touch merged into one (a
   * primary shift followed directly by a secondary one is one stretch); null when off call.
   * `since`/`until` null: no start or no end in sight.
   */
  current: { since: string | null; until: string | null; policies: PolicyLevel[] } | null;
  /** When my next stretch starts (after the current one, while on call); null when none starts within the listed window. */
  nextStartsAt: string | null;
}

export interface OnCallNow extends PolicyLevel {
  user: PagerDutyReference;
  until: string | null;
}

interface Span {
  from: number;
  to: number;
  entries: PagerDutyOnCall[];
}

export function myShift(oncalls: readonly PagerDutyOnCall[], userId: string, now: Date): MyShift {
  const at = now.getTime();
  const stretches = mergeSpans(oncalls.filter((oncall) => oncall.user.id === userId).map(span));
  const current = stretches.find((stretch) => stretch.from <= at && at < stretch.to);
  const next = stretches.find((stretch) => stretch.from > at);
  return {
    current: current
      ? {
          since: instant(current.from),
          until: instant(current.to),
          policies: distinctPolicies(current.entries.filter((entry) => covers(entry, at))),
        }
      : null,
    nextStartsAt: next ? instant(next.from) : null,
  };
}

/** Everyone on call at `now`, by escalation policy name, then level, then user name. */
export function onCallNow(oncalls: readonly PagerDutyOnCall[], now: Date): OnCallNow[] {
  const at = now.getTime();
  return oncalls
    .filter((entry) => covers(entry, at))
    .map((entry) => ({ user: entry.user, escalationPolicy: entry.escalationPolicy, escalationLevel: entry.escalationLevel, until: entry.end }))
    .sort(
      (a, b) =>
        a.escalationPolicy.name.localeCompare(b.escalationPolicy.name) ||
        a.escalationLevel - b.escalationLevel ||
        a.user.name.localeCompare(b.user.name),
    );
}

function span(entry: PagerDutyOnCall): Span {
  return { from: entry.start === null ? -Infinity : Date.parse(entry.start), to: entry.end === null ? Infinity : Date.parse(entry.end), entries: [entry] };
}

function covers(entry: PagerDutyOnCall, at: number): boolean {
  const { from, to } = span(entry);
  return from <= at && at < to;
}

function mergeSpans(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const next of [...spans].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && next.from <= last.to) {
      last.to = Math.max(last.to, next.to);
      last.entries.push(...next.entries);
    } else {
      merged.push({ ...next, entries: [...next.entries] });
    }
  }
  return merged;
}

function distinctPolicies(entries: PagerDutyOnCall[]): PolicyLevel[] {
  const seen = new Map<string, PolicyLevel>();
  for (const { escalationPolicy, escalationLevel } of entries) {
    const key = `${escalationPolicy.id}#${escalationLevel}`;
    if (!seen.has(key)) seen.set(key, { escalationPolicy, escalationLevel });
  }
  return [...seen.values()];
}

function instant(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
