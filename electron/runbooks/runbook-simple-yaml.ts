/**
 * A fast reader for the front matter nearly every runbook has: one `key: value` per line, each
 * value plain text or a one-line `[a, b]` list of plain texts. Reading that with the YAML library
 * costs more than the rest of listing a runbook together, so such front matter is read here, and
 * anything else (quotes, comments after a value, nesting, block lists, repeated keys, values YAML
 * reads as numbers, booleans or null, unusual characters) returns null and is read by the YAML
 * library as before. What this returns is what the library would read.
 */

export interface SimpleEntry {
  key: string;
  /** 0-based line within the YAML text. */
  line: number;
  /** Absent (`key:`), text (untrimmed at the start, as written), or the items of a one-line list. */
  value: undefined | string | string[];
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/;
/** Characters that may start something other than plain text in YAML. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** YAML's core schema: what reads as null, a boolean or a number (case-insensitive, so a superset). */
const NOT_TEXT = /^(?:~|null|true|false|[-+]?(?:\.inf|[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:e[-+]?[0-9]+)?|\.nan|0o[0-7]+|0x[0-9a-f]+)$/i;
/** Printable characters YAML reads the same everywhere; tabs, line separators and BOMs excluded. */
const PLAIN_CHARACTERS = /^[\x20-\x7e\n\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

/** The entries, in order; null when the YAML is not of the simple kind. */
export function readSimpleYaml(yaml: string): SimpleEntry[] | null {
  const text = yaml.replace(/\r\n/g, '\n');
  if (!PLAIN_CHARACTERS.test(text)) return null;
  const entries: SimpleEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line]!;
    if (/^ *$/.test(content) || content.startsWith('#')) continue;
    const match = KEY_LINE.exec(content);
    // A key YAML reads as a boolean or null (`True`, `null`) may repeat another under another spelling.
    if (!match || seen.has(match[1]!) || NOT_TEXT.test(match[1]!)) return null;
    seen.add(match[1]!);
    const raw = (match[2] ?? '').replace(/ +$/, '');
    const value = raw === '' ? undefined : raw.startsWith('[') ? flowList(raw) : plainText(raw);
    if (value === null) return null;
    entries.push({ key: match[1]!, line, value });
  }
  return entries;
}

function plainText(raw: string): string | null {
  if (INDICATOR.test(raw) || raw.includes(': ') || raw.includes(' #') || raw.endsWith(':') || NOT_TEXT.test(raw)) return null;
  return raw;
}

function flowList(raw: string): string[] | null {
  if (!raw.endsWith(']')) return null;
  const inside = raw.slice(1, -1);
  if (/[[\]{}#]/.test(inside)) return null;
  if (inside.trim() === '') return [];
  const items: string[] = [];
  for (const part of inside.split(',')) {
    const item = part.trim();
    if (item === '' || /^\s|\s$/.test(part.replace(/^ +| +$/g, '')) || INDICATOR.test(item) || item.includes(':') || NOT_TEXT.test(item)) return null;
    items.push(item);
  }
  return items;
}
