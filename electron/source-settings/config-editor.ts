import { isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceType } from '../../shared/model';
import {
  applySplices,
  columnOf,
  includeCommentsAbove,
  indentFollowingLines,
  lineStartOf,
  nextLineStart,
  renderPair,
  renderSequenceItem,
  type Splice,
} from './yaml-splice';

/**
 * Edits the `sources` list of a config file's text. Only the edited source's text changes:
 * comments, key order, quoting and blank lines elsewhere stay as the user wrote them; inside an
 * edited source, untouched keys (and their comments) stay too. Callers validate the result.
 */

export type SourceFields = Record<string, unknown>;

export interface WrittenSource {
  name: string;
  type: SourceType;
  /** As written in the file: no defaults filled in. */
  fields: SourceFields;
}

/** The sources as written; the text must parse (callers check the file first). */
export function readSources(text: string): WrittenSource[] {
  const raw: unknown = parseDocument(text).toJS();
  const sources = (raw as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  return sources.map((fields: SourceFields) => ({ name: nameOf(fields), type: fields.type as SourceType, fields }));
}

/** A source's name; the demo source may leave it out. */
export function nameOf(fields: SourceFields): string {
  if (typeof fields.name === 'string') return fields.name;
  return fields.type === 'demo' ? 'demo' : '';
}

export function addSource(text: string, fields: SourceFields): string {
  const { document, pair, seq } = locateSources(text);
  if (!pair) {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}${renderPair('sources', [fields])}\n`;
  }
  if (!seq || seq.items.length === 0) return replacePairValue(text, pair, renderPair('sources', [fields]));
  if (seq.flow) return viaDocument(document, () => seq.items.push(document.createNode(fields)));
  const items = seq.items as Node[];
  const dashColumn = columnOf(text, dashOffset(text, items[0]!));
  const last = items.at(-1)!;
  const at = nextLineStart(text, last.range![1]);
  const blankBetween = items.length > 1 && /\n[ \t]*\n/.test(text.slice(items[0]!.range![1] - 1, dashOffset(text, items[1]!)));
  const lead = (at === text.length && !text.endsWith('\n') ? '\n' : '') + (blankBetween ? '\n' : '');
  const item = `${' '.repeat(dashColumn)}${indentFollowingLines(renderSequenceItem(fields), dashColumn)}\n`;
  return applySplices(text, [{ start: at, end: at, text: lead + item }]);
}

export function removeSource(text: string, name: string): string {
  const { document, pair, seq, index } = locateSource(text, name);
  if (seq.items.length === 1) return replacePairValue(text, pair, 'sources: []');
  if (seq.flow) return viaDocument(document, () => seq.items.splice(index, 1));
  const item = seq.items[index] as Node;
  const dash = dashOffset(text, item);
  const dashColumn = columnOf(text, dash);
  const start = includeCommentsAbove(text, lineStartOf(text, dash));
  let end = nextLineStart(text, item.range![1]);
  // Comments indented under the item are its own.
  while (end < text.length && new RegExp(`^[ \\t]{${dashColumn + 1},}#`).test(text.slice(end, nextLineStart(text, end)))) end = nextLineStart(text, end);
  const blankBefore = start > 0 && /^[ \t]*\n$/.test(text.slice(lineStartOf(text, start - 1), start));
  const blankAfter = /^[ \t]*\n/.test(text.slice(end));
  if (blankAfter && (blankBefore || index === 0)) end = text.indexOf('\n', end) + 1;
  return applySplices(text, [{ start, end, text: '' }]);
}

/** Replaces the source named `previousName` with `fields` (a rename included), changing only the keys that differ. */
export function replaceSource(text: string, previousName: string, fields: SourceFields): string {
  const { document, seq, index } = locateSource(text, previousName);
  const item = seq.items[index] as Node;
  if (seq.flow || !isMap(item) || item.flow) return viaDocument(document, () => seq.items.splice(index, 1, document.createNode(fields)));
  const pairs = item.items as Pair<Node, Node | null>[];
  const wanted = Object.entries(fields).filter(([, value]) => value !== undefined);
  const keyOf = (entry: Pair<Node, Node | null>) => String(isScalar(entry.key) ? entry.key.value : entry.key);
  if (pairs.length > 0 && !(keyOf(pairs[0]!) in fields)) {
    // The first key shares its line with the dash: rewriting the whole item is simpler than unpicking that line.
    const dash = dashOffset(text, item);
    const ending = text[valueEndOf(item) - 1] === '\n' ? '\n' : '';
    const rendered = renderSequenceItem(Object.fromEntries(wanted));
    if (text.slice(dash, item.range![0]).includes('\n')) {
      // The dash has a line of its own (with a comment, kept): the item is rewritten from its first key on.
      const column = columnOf(text, item.range![0]);
      return applySplices(text, [{ start: item.range![0], end: valueEndOf(item), text: `${indentFollowingLines(rendered.replace(/^- /, ''), column - 2)}${ending}` }]);
    }
    return applySplices(text, [{ start: dash, end: valueEndOf(item), text: `${indentFollowingLines(rendered, columnOf(text, dash))}${ending}` }]);
  }
  const column = columnOf(text, item.range![0]);
  const splices: Splice[] = [];
  for (const entry of pairs) {
    const key = keyOf(entry);
    const end = entry.value ? valueEndOf(entry.value) : entry.key.range![1];
    if (!(key in fields) || fields[key] === undefined) {
      splices.push({ start: includeCommentsAbove(text, lineStartOf(text, entry.key.range![0])), end: nextLineStart(text, end), text: '' });
    } else if (JSON.stringify(entry.value ? entry.value.toJSON() : null) !== JSON.stringify(fields[key])) {
      const rendered = indentFollowingLines(renderPair(key, fields[key], entry.value), column);
      splices.push({ start: entry.key.range![0], end, text: rendered + (text[end - 1] === '\n' ? '\n' : '') });
    }
  }
  const present = new Set(pairs.map(keyOf));
  const added = wanted.filter(([key]) => !present.has(key));
  if (added.length > 0) {
    const last = pairs.at(-1)!;
    const at = nextLineStart(text, last.value ? valueEndOf(last.value) : last.key.range![1]);
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    const lines = added.map(([key, value]) => `${' '.repeat(column)}${indentFollowingLines(renderPair(key, value), column)}\n`);
    splices.push({ start: at, end: at, text: lead + lines.join('') });
  }
  return applySplices(text, splices);
}

interface LocatedSources {
  document: Document.Parsed;
  pair: Pair<Node, Node | null> | undefined;
  seq: YAMLSeq | undefined;
}

function locateSources(text: string): LocatedSources {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`the config is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { document, pair: undefined, seq: undefined };
  if (!isMap(contents)) throw new Error('the config is not a mapping of keys at the top level');
  const pair = (contents as YAMLMap<Node, Node | null>).items.find((entry) => isPair(entry) && isScalar(entry.key) && entry.key.value === 'sources');
  if (!pair) return { document, pair: undefined, seq: undefined };
  if (pair.value && isSeq(pair.value)) return { document, pair, seq: pair.value };
  if (!pair.value || (isScalar(pair.value) && pair.value.value === null)) return { document, pair, seq: undefined };
  throw new Error('"sources" in the config is not a list');
}

function locateSource(text: string, name: string): { document: Document.Parsed; pair: Pair<Node, Node | null>; seq: YAMLSeq; index: number } {
  const located = locateSources(text);
  const index = located.seq?.items.findIndex((item) => isNode(item) && nameOf((item.toJSON() ?? {}) as SourceFields) === name) ?? -1;
  if (!located.pair || !located.seq || index < 0) throw new Error(`there is no source named "${name}" in the config file`);
  return { document: located.document, pair: located.pair, seq: located.seq, index };
}

/**
 * Where a block list item's "-" is: the first thing on its line, before the item's content on the
 * same line or on a line above with nothing but a comment after the dash (`- # see runbook-42`).
 * A dash inside such a comment is never taken for it.
 */
function dashOffset(text: string, item: Node): number {
  let end = item.range![0];
  for (;;) {
    const lineStart = lineStartOf(text, end);
    const before = text.slice(lineStart, end);
    const dash = /^[ \t]*-(?=[ \t]|$)/.exec(before);
    if (dash) return lineStart + dash[0].length - 1;
    // Only blank or comment lines may stand between the dash and the item.
    if (lineStart === 0 || !/^[ \t]*(#.*)?$/.test(before)) return item.range![0];
    end = lineStart - 1;
  }
}

function valueEndOf(node: Node): number {
  return node.range![1];
}

function replacePairValue(text: string, pair: Pair<Node, Node | null>, rendered: string): string {
  let end = pair.value?.range ? valueEndOf(pair.value) : pair.key.range![1];
  const column = columnOf(text, pair.key.range![0]);
  // A comment on the key's line ("sources: [] # none yet", or "sources: # mine" above a list) stays on the key's line.
  const lineEnd = text.indexOf('\n', pair.key.range![1]) === -1 ? text.length : text.indexOf('\n', pair.key.range![1]);
  const keyLine = text.slice(pair.key.range![1], lineEnd);
  const comment = /#.*$/.exec(keyLine.replace(/^:?[ \t]*(\[\]|\{\}|~|null)?[ \t]*/, ''))?.[0];
  if (comment && end <= lineEnd) end = lineEnd;
  const [first = '', ...rest] = indentFollowingLines(rendered, column).split('\n');
  const withComment = [comment ? `${first} ${comment}` : first, ...rest].join('\n');
  return applySplices(text, [{ start: pair.key.range![0], end, text: withComment + (text[end - 1] === '\n' ? '\n' : '') }]);
}

/** For flow-style lists, which have no lines to splice: the Document API's rendering of the whole file. */
function viaDocument(document: Document.Parsed, edit: () => void): string {
  edit();
  return document.toString({ lineWidth: 0 });
}
