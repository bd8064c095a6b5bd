import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { parseFilter } from '../../shared/label-matchers';
import { readSimpleYaml, type SimpleEntry } from './runbook-simple-yaml';

/**
 * A runbook's YAML front matter: finding it at the top of the file, and reading its known keys
 * (title, services, alerts, severity, owner, tags) with a problem in words for each wrong one.
 */

export interface FrontMatterSplit {
  yaml: string;
  /** The file line of the YAML's first line. */
  yamlFirstLine: number;
  /** Where the Markdown body starts in the text. */
  bodyOffset: number;
  problem?: string;
}

/** Front matter is a `---` first line and the next `---` (or `...`) line; anything else is all body. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const none: FrontMatterSplit = { yaml: '', yamlFirstLine: 2, bodyOffset: 0 };
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) return none;
  const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  closing.lastIndex = first[0].length;
  const end = closing.exec(text);
  if (!end) return { ...none, problem: 'line 1: the front matter has no closing "---" line' };
  return { yaml: text.slice(first[0].length, end.index), yamlFirstLine: 2, bodyOffset: end.index + end[0].length };
}

export interface RunbookMeta {
  title: string | null;
  services: string[];
  alerts: string | null;
  severity: string | null;
  owner: string | null;
  tags: string[];
}

export function emptyMeta(): RunbookMeta {
  return { title: null, services: [], alerts: null, severity: null, owner: null, tags: [] };
}

type YamlNode = NonNullable<Document.Parsed['contents']>;

/** A key's value, from the YAML tree or from the simple reader: as text, as a list of texts, and in words. */
interface KeyValue {
  /** Undefined when it is not text. */
  text(): string | undefined;
  list(): TextList;
  description: string;
}

/**
 * Reads the known keys; each wrong one adds a problem naming its line and is left at its default.
 * Other keys are ignored. Simple front matter skips the YAML library (`runbook-simple-yaml.ts`);
 * `simpleReader: false` is for the tests that compare the two.
 */
export function readFrontMatter(yaml: string, firstLine: number, problems: string[], simpleReader = true): RunbookMeta {
  const meta = emptyMeta();
  if (yaml.trim() === '') return meta;
  const simple = simpleReader ? readSimpleYaml(yaml) : null;
  if (simple) {
    for (const { key, line, value } of simple) readKey(meta, key, line + firstLine, simpleValue(value, line + firstLine), problems);
    return meta;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  const yamlError = document.errors[0];
  if (yamlError) {
    const message = yamlError.message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').split('\n')[0];
    problems.push(`line ${lineAt(yamlError.pos[0])}: invalid YAML: ${message}`);
    return meta;
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return meta;
  if (!isMap(root)) {
    problems.push(`line ${lineAt(root.range[0])}: the front matter must be a mapping of keys (title, services, alerts, severity, owner, tags), got ${describe(root)}`);
    return meta;
  }

  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const keyLine = lineAt(pair.key.range?.[0] ?? 0);
    const raw: unknown = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    const value = raw === null || raw === undefined || (isScalar(raw) && raw.value === null) ? undefined : (raw as YamlNode);
    readKey(meta, String(pair.key.value), keyLine, { text: () => scalarText(value), list: () => textList(value, document, lineAt, keyLine), description: describe(value) }, problems);
  }
  return meta;
}

function readKey(meta: RunbookMeta, key: string, keyLine: number, value: KeyValue, problems: string[]): void {
  const fail = (what: string, line = keyLine): void => {
    problems.push(`line ${line}: ${key}: ${what}`);
  };
  switch (key) {
    case 'title':
    case 'severity':
    case 'owner': {
      const text = value.text();
      if (text === undefined) fail(`expected text, got ${value.description}`);
      else if (text !== '') meta[key] = text;
      break;
    }
    case 'services':
    case 'tags': {
      const list = value.list();
      if ('problem' in list) fail(list.problem, list.line);
      else meta[key] = [...new Set(list.items.flatMap((item) => item.text.split(',')).map((item) => item.trim()).filter(Boolean))];
      break;
    }
    case 'alerts': {
      const list = value.list();
      if ('problem' in list) {
        fail(list.problem, list.line);
        break;
      }
      const items = list.items.filter((item) => item.text.trim() !== '');
      const wrong = items.map((item) => ({ item, problem: matcherProblem(item.text) })).find((checked) => checked.problem !== null);
      if (wrong) fail(wrong.problem!, wrong.item.line);
      else if (items.length > 0) meta.alerts = items.map((item) => item.text.trim()).join(', ');
      break;
    }
  }
}

/** The simple reader's value: absent, text (a list item each, for the lists) or a one-line list, all on the key's line. */
function simpleValue(value: SimpleEntry['value'], line: number): KeyValue {
  if (Array.isArray(value)) return { text: () => undefined, list: () => ({ items: value.map((text) => ({ text, line })) }), description: 'a list' };
  const text = value?.trim() ?? '';
  return { text: () => text, list: () => ({ items: value === undefined ? [] : [{ text, line }] }), description: JSON.stringify(text) };
}

/** A string, number or boolean as text; undefined for anything else. Absent → ''. */
function scalarText(node: YamlNode | undefined): string | undefined {
  if (node === undefined) return '';
  if (!isScalar(node)) return undefined;
  const { value } = node;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

type TextList = { items: Array<{ text: string; line: number }> } | { problem: string; line: number };

/** A string or a list of strings, each with its line. */
function textList(node: YamlNode | undefined, document: Document.Parsed, lineAt: (offset: number) => number, keyLine: number): TextList {
  if (node === undefined) return { items: [] };
  if (isSeq(node)) {
    const items: Array<{ text: string; line: number }> = [];
    for (const [index, item] of node.items.entries()) {
      const resolved: unknown = isAlias(item) ? item.resolve(document) : item;
      const line = lineAt((resolved as { range?: [number, number, number] } | null)?.range?.[0] ?? 0) || keyLine;
      const text = scalarText(resolved === null ? undefined : (resolved as YamlNode));
      if (text === undefined) return { problem: `item ${index + 1}: expected text, got ${describe(resolved)}`, line };
      items.push({ text, line });
    }
    return { items };
  }
  const text = scalarText(node);
  if (text === undefined) return { problem: `expected text or a list of texts, got ${describe(node)}`, line: keyLine };
  return { items: [{ text, line: keyLine }] };
}

/** Why `text` is not a list of Alertmanager matchers, or null when it is. */
function matcherProblem(text: string): string | null {
  const filter = parseFilter(text);
  if (filter.error) return filter.error;
  const lowered = filter.words[0];
  if (lowered !== undefined) {
    const word = text.split(/[\s,{}]+/).find((part) => part.toLowerCase() === lowered) ?? lowered;
    const quoted = word.includes('"') ? `'${word}'` : `"${word}"`;
    return `${quoted} is not a label matcher: write name="value", name!="value", name=~"regex" or name!~"regex" (e.g. alertname="HighErrorRate")`;
  }
  if (filter.matchers.length === 0) return 'no label matchers';
  return null;
}

function describe(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : (JSON.stringify(node.value) ?? String(node.value));
  return 'an unsupported value';
}
