import type { CreateSilenceInput } from '../../../shared/actions';
import type { MatchOperator } from '../../../shared/label-matchers';
import type { Alert, SourceHealth } from '../../../shared/model';
import { flagsOf, regexProblem } from './silence-matchers';

export const COMMENT_MAX = 2000;
export const AUTHOR_MAX = 200;
export const MAX_MATCHERS = 50;

export const DURATION_PRESETS = [
  { id: '1h', label: '1 hour', ms: 3_600_000 },
  { id: '4h', label: '4 hours', ms: 4 * 3_600_000 },
  { id: '1d', label: '1 day', ms: 24 * 3_600_000 },
] as const;
export type DurationChoice = (typeof DURATION_PRESETS)[number]['id'] | 'custom';

/** One editable matcher row; `id` keeps React's rows apart while rows are added and removed. */
export interface DraftMatcher {
  id: number;
  name: string;
  operator: MatchOperator;
  value: string;
}

/** What the "Silence…" form holds. */
export interface SilenceDraft {
  matchers: DraftMatcher[];
  duration: DurationChoice;
  /** The end of a custom duration, as a `datetime-local` value in local time ("2026-11-26T18:30"). */
  customEnd: string;
  comment: string;
  author: string;
  /** The Alertmanager it goes to; an HA pair is reached through any member. */
  source: string;
  /** The Alertmanagers to choose from (those reporting the alert, or all). */
  targets: string[];
  /** What it was opened for, in words: "HighErrorRate (checkout)"; null when made from scratch. */
  origin: string | null;
}

/** Which control a problem is about, so the form can mark it. */
export type DraftField = 'source' | 'matchers' | `matcher-${number}` | 'end' | 'comment' | 'author';

export interface DraftProblem {
  field: DraftField;
  message: string;
}

const DEFAULT_CUSTOM_MS = 2 * 3_600_000;

/**
 * A draft that silences exactly this alert: one `=` matcher per label, alertname first (each can be
 * edited or removed), an hour long, by `author`, to the first of `targets`.
 */
export function silenceDraftFromAlert(alert: Pick<Alert, 'name' | 'labels'>, author: string, targets: readonly string[], now: number): SilenceDraft {
  const labels = alert.labels.alertname ? alert.labels : { alertname: alert.name, ...alert.labels };
  const names = Object.keys(labels).sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)));
  const where = labels.service ?? labels.job ?? labels.instance;
  return {
    ...emptySilenceDraft(author, targets, now),
    matchers: names.map((name, index) => ({ id: index + 1, name, operator: '=', value: labels[name]! })),
    origin: where ? `${alert.name} (${where})` : alert.name,
  };
}

/**
 * The Alertmanagers a silence for `alert` can go to: those reporting it, or every Alertmanager
 * when none does (an alert seen only through Prometheus still reaches them). Without an alert, all.
 */
export function silenceTargets(alert: Pick<Alert, 'sources'> | null, sources: readonly Pick<SourceHealth, 'name' | 'type'>[]): string[] {
  const alertmanagers = sources.filter((source) => source.type === 'alertmanager').map((source) => source.name);
  const reporting = alert ? alertmanagers.filter((name) => alert.sources.includes(name)) : [];
  return reporting.length > 0 ? reporting : alertmanagers;
}

/** A draft from scratch: one empty matcher to fill in. */
export function emptySilenceDraft(author: string, targets: readonly string[], now: number): SilenceDraft {
  return {
    matchers: [{ id: 1, name: '', operator: '=', value: '' }],
    duration: '1h',
    customEnd: toDateTimeLocal(now + DEFAULT_CUSTOM_MS),
    comment: '',
    author,
    source: targets[0] ?? '',
    targets: [...targets],
    origin: null,
  };
}

export function addMatcher(draft: SilenceDraft): SilenceDraft {
  const id = Math.max(0, ...draft.matchers.map((matcher) => matcher.id)) + 1;
  return { ...draft, matchers: [...draft.matchers, { id, name: '', operator: '=', value: '' }] };
}

export function removeMatcher(draft: SilenceDraft, id: number): SilenceDraft {
  return { ...draft, matchers: draft.matchers.filter((matcher) => matcher.id !== id) };
}

export function changeMatcher(draft: SilenceDraft, id: number, change: Partial<Omit<DraftMatcher, 'id'>>): SilenceDraft {
  return { ...draft, matchers: draft.matchers.map((matcher) => (matcher.id === id ? { ...matcher, ...change } : matcher)) };
}

/** When the silence would end, or null when the custom end cannot be read. */
export function draftEndsAt(draft: Pick<SilenceDraft, 'duration' | 'customEnd'>, now: number): number | null {
  const preset = DURATION_PRESETS.find((candidate) => candidate.id === draft.duration);
  if (preset) return now + preset.ms;
  const end = new Date(draft.customEnd).getTime();
  return Number.isNaN(end) ? null : end;
}

/** The first reason the draft cannot be sent yet, naming the control, or null. */
export function silenceDraftProblem(draft: SilenceDraft, now: number): DraftProblem | null {
  if (draft.source === '') return { field: 'source', message: 'Choose the Alertmanager to send the silence to.' };
  if (draft.matchers.length === 0) return { field: 'matchers', message: 'Add at least one matcher: a silence without matchers would mute everything.' };
  if (draft.matchers.length > MAX_MATCHERS) return { field: 'matchers', message: `Use at most ${MAX_MATCHERS} matchers.` };
  for (const [index, matcher] of draft.matchers.entries()) {
    if (matcher.name.trim() === '') return { field: `matcher-${matcher.id}`, message: `Matcher ${index + 1} needs a label name.` };
    const problem = matcher.operator === '=~' || matcher.operator === '!~' ? regexProblem(matcher.value) : null;
    if (problem) return { field: `matcher-${matcher.id}`, message: `Matcher ${index + 1} (${matcher.name.trim()}) has an invalid regular expression: ${problem}` };
  }
  if (draft.matchers.every(matchesEmptyValue)) {
    return { field: 'matchers', message: 'At least one matcher must need a non-empty value (Alertmanager refuses silences that would match every alert).' };
  }
  const end = draftEndsAt(draft, now);
  if (end === null) return { field: 'end', message: 'Enter when the silence ends.' };
  if (end <= now) return { field: 'end', message: 'The end must be in the future.' };
  if (draft.comment.trim() === '') return { field: 'comment', message: 'Say why: the comment is required, so teammates know.' };
  if (draft.comment.trim().length > COMMENT_MAX) return { field: 'comment', message: `The comment is longer than ${COMMENT_MAX} characters.` };
  if (draft.author.trim() === '') return { field: 'author', message: 'Enter the author: who to ask about this silence.' };
  if (draft.author.trim().length > AUTHOR_MAX) return { field: 'author', message: `The author is longer than ${AUTHOR_MAX} characters.` };
  return null;
}

/** The command input for a draft without problems; starts now. */
export function createSilenceInput(draft: SilenceDraft, now: number): CreateSilenceInput {
  const end = draftEndsAt(draft, now);
  if (end === null) throw new Error(`the silence end "${draft.customEnd}" is not a date and time`);
  return {
    source: draft.source,
    matchers: draft.matchers.map((matcher) => ({ name: matcher.name.trim(), value: matcher.value, ...flagsOf(matcher.operator) })),
    endsAt: new Date(end).toISOString(),
    comment: draft.comment.trim(),
    createdBy: draft.author.trim(),
  };
}

/** Would this matcher hold for an alert without the label? (Alertmanager's check against catch-all silences.) */
function matchesEmptyValue(matcher: DraftMatcher): boolean {
  switch (matcher.operator) {
    case '=':
      return matcher.value === '';
    case '!=':
      return matcher.value !== '';
    case '=~':
      return regexProblem(matcher.value) === null && new RegExp(`^(?:${matcher.value})$`).test('');
    case '!~':
      return regexProblem(matcher.value) === null && !new RegExp(`^(?:${matcher.value})$`).test('');
  }
}

/** A time as a `datetime-local` input value, in local time to the minute. */
export function toDateTimeLocal(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
