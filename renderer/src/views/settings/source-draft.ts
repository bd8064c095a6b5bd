import type { SourceType } from '../../../../shared/model';

/**
 * The settings form's model: a source's fields as text boxes, and back. Keys the form does not
 * show (headers, labels, json…) ride along untouched in `extra`, so editing a source in the app
 * never drops what was written by hand. Empty boxes leave the key out (the config's default).
 */

export const EDITABLE_TYPES = ['http', 'alertmanager', 'prometheus', 'statuspage', 'pagerduty', 'opsgenie'] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];

export const TYPE_LABEL: Record<SourceType, string> = {
  http: 'HTTP check',
  alertmanager: 'Alertmanager',
  prometheus: 'Prometheus',
  statuspage: 'Status page',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  demo: 'Demo',
};

export type TokenMode = 'none' | 'secret' | 'env' | 'file';

export interface SourceDraft {
  type: SourceType;
  text: Record<TextField, string>;
  tokenMode: TokenMode;
  /** The secret's name, the variable or the file, by mode. */
  tokenRef: string;
  /** A token typed now (secret mode): saved in the secret store before the source is saved. */
  tokenValue: string;
  extra: Record<string, unknown>;
}

export const TEXT_FIELDS = [
  'name', 'url', 'baseUrl', 'interval', 'timeout', 'method', 'expectStatus', 'bodyContains', 'severity',
  'slo.availability', 'slo.latency.thresholdMs', 'slo.latency.target', 'slo.window',
  'format', 'dependency', 'services', 'fromEmail', 'user',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const LIST_FIELDS = new Set<TextField>(['expectStatus', 'services']);
const NUMBER_FIELDS = new Set<TextField>(['slo.availability', 'slo.latency.thresholdMs', 'slo.latency.target']);

export function emptyDraft(type: SourceType): SourceDraft {
  // Empty means the config's default, which the form names; nothing is written for it.
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, ''])) as Record<TextField, string>;
  return { type, text, tokenMode: type === 'pagerduty' || type === 'opsgenie' ? 'secret' : 'none', tokenRef: '', tokenValue: '', extra: {} };
}

export function draftFromFields(fields: Record<string, unknown>): SourceDraft {
  const draft = emptyDraft(fields.type as SourceType);
  const extra: Record<string, unknown> = { ...fields };
  delete extra.type;
  for (const field of TEXT_FIELDS) {
    const value = readPath(fields, field);
    if (value === undefined) continue;
    draft.text[field] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  for (const field of TEXT_FIELDS) if (!field.includes('.')) delete extra[field];
  const { availability: _a, latency: _l, window: _w, ...otherSlo } = (fields.slo ?? {}) as Record<string, unknown>;
  if (Object.keys(otherSlo).length > 0) extra.slo = otherSlo;
  else delete extra.slo;
  const token = fields.token as Record<string, string> | undefined;
  delete extra.token;
  if (token && typeof token === 'object') {
    const mode = (['secret', 'env', 'file'] as const).find((key) => typeof token[key] === 'string');
    if (mode) Object.assign(draft, { tokenMode: mode, tokenRef: token[mode] });
  } else if (draft.type === 'pagerduty' || draft.type === 'opsgenie') {
    Object.assign(draft, { tokenMode: 'secret', tokenRef: '' });
  }
  return { ...draft, extra };
}

/** The fields to save or test: the config's own shape, values as typed (the main process validates them). */
export function fieldsFromDraft(draft: SourceDraft): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: draft.type, ...draft.extra };
  for (const field of TEXT_FIELDS) {
    const text = draft.text[field].trim();
    if (text === '' || !appliesTo(field, draft.type)) continue;
    writePath(fields, field, convert(field, text));
  }
  // A token typed in the app is saved under the source's own name unless another is given.
  const reference = draft.tokenRef.trim() || (draft.tokenMode === 'secret' && typeof fields.name === 'string' ? fields.name : '');
  if (draft.tokenMode !== 'none' && reference !== '') fields.token = { [draft.tokenMode]: reference };
  return fields;
}

/** Which boxes a type shows. */
export function appliesTo(field: TextField, type: SourceType): boolean {
  switch (field) {
    case 'name':
    case 'interval':
    case 'timeout':
      return true;
    case 'url':
      return type !== 'pagerduty' && type !== 'opsgenie' && type !== 'demo';
    case 'baseUrl':
      return type === 'pagerduty' || type === 'opsgenie';
    case 'format':
    case 'dependency':
    case 'services':
      return type === 'statuspage';
    case 'fromEmail':
      return type === 'pagerduty';
    case 'user':
      return type === 'opsgenie';
    default:
      return type === 'http';
  }
}

export function takesToken(type: SourceType): boolean {
  return type === 'alertmanager' || type === 'prometheus' || type === 'pagerduty' || type === 'opsgenie';
}

/** Problems from the main process ("sources[3].url: expected …; …"), by form field, and those that fit no field. */
export function problemsByField(message: string): { byField: Partial<Record<TextField | 'token', string>>; other: string[] } {
  const byField: Partial<Record<TextField | 'token', string>> = {};
  const other: string[] = [];
  for (const problem of message.replace(/^(saveSource|removeSource|testSource|getSourceSettings): /, '').split('; ')) {
    const match = /^(?:sources\[\d+\]\.)?([\w.[\]-]+): (.+)$/.exec(problem);
    const path = match?.[1]?.replace(/\[\d+\]$/, '');
    const field = path && ((TEXT_FIELDS as readonly string[]).includes(path) ? (path as TextField) : path.startsWith('token') ? 'token' : undefined);
    if (field && match?.[2] && !byField[field]) byField[field] = match[2];
    else other.push(problem);
  }
  return { byField, other };
}

function convert(field: TextField, text: string): unknown {
  if (LIST_FIELDS.has(field)) {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    return field === 'expectStatus' ? items.map(numberOrText) : items;
  }
  return NUMBER_FIELDS.has(field) ? numberOrText(text) : text;
}

function numberOrText(text: string): number | string {
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : text;
}

function readPath(fields: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), fields);
}

function writePath(fields: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = fields;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    target[key] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys.at(-1)!] = value;
}
