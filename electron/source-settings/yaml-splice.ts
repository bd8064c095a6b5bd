import { Document, isCollection, isScalar, type Node } from 'yaml';

/**
 * Text-level helpers for editing a YAML file in place: the edited parts are rendered by the
 * `yaml` package, everything else stays byte for byte as the user wrote it (the Document API's
 * own `toString()` would re-indent sequences, re-fold scalars and move comments).
 */

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices, last first, so earlier offsets stay valid. */
export function applySplices(text: string, splices: Splice[]): string {
  return [...splices].sort((a, b) => b.start - a.start).reduce((result, { start, end, text: insert }) => result.slice(0, start) + insert + result.slice(end), text);
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the newline that ends the line holding `offset` (or the text's end); an offset already at a line start stays. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Moves `start` (a line start) up over comment lines directly above it: they describe what follows. */
export function includeCommentsAbove(text: string, start: number): number {
  let current = start;
  while (current > 0) {
    const previous = lineStartOf(text, current - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, current))) break;
    current = previous;
  }
  return current;
}

/** Indents every line after the first by `indent` spaces. */
export function indentFollowingLines(text: string, indent: number): string {
  return text.split('\n').join(`\n${' '.repeat(indent)}`);
}

/**
 * `key: value` as YAML, without a trailing newline. `like` is the node being replaced: a flow
 * collection stays flow, a quoted string stays quoted the same way.
 */
export function renderPair(key: string, value: unknown, like?: Node | null): string {
  const document = new Document({ [key]: value });
  const node = document.get(key, true);
  if (like && isCollection(like) && like.flow && isCollection(node)) node.flow = true;
  if (like && isScalar(like) && isScalar(node) && typeof value === 'string' && typeof like.value === 'string') node.type = like.type;
  return renderDocument(document);
}

/** A list item `- key: value…`, without a trailing newline, keys indented two past the dash. */
export function renderSequenceItem(fields: Record<string, unknown>): string {
  return renderDocument(new Document([fields]));
}

function renderDocument(document: Document): string {
  return document.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true }).replace(/\n$/, '');
}
