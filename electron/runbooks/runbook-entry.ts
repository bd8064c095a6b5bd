import { fromMarkdown } from 'mdast-util-from-markdown';
import type { RunbookDocument, RunbookSummary } from '../../shared/runbook';
import { MARKDOWN } from './runbook-body';
import { MAX_NESTING } from './runbook-chunks';
import { parseRunbook, readHead, summarise } from './runbook-parser';
import { oneLine } from './runbook-steps';

/**
 * A runbook as the catalog keeps it: its summary and search text, read cheaply, and its steps
 * built only when asked for.
 *
 * Parsing the Markdown body (micromark + mdast) is by far the dearest part of reading a runbook,
 * and the list and the search need none of it: the summary comes from the front matter, and the
 * search indexes the body as written. So a runbook's steps are read when it is opened or
 * followed (`details()`, the same `parseRunbook` as ever, from the text kept here), and no
 * Markdown tree outlives its parse.
 *
 * The summary must be the one `parseRunbook` would give. Where that depends on the Markdown, the
 * body is parsed up front as before: a runbook without a front-matter title whose title is not
 * plainly its first line, a body nested deeper than the parser reads, or a large body (whose
 * parse may run out of time, a problem the summary names). The Markdown parser throwing on a
 * small body is the one thing only the parse itself finds out; `details()` then carries that
 * error, which the service passes on to the summary.
 */

export interface RunbookEntry {
  summary: RunbookSummary;
  /** What the search indexes beside the summary: the Markdown body as written (empty for an oversized file). */
  searchText: string;
  /** The whole runbook, exactly as `parseRunbook` reads it. Parses each time, except a large body or an oversized file (kept). */
  details(): RunbookDocument;
}

/** Bodies up to this size are parsed only when needed; larger ones (rare, and slower to parse) up front. */
export const LAZY_BODY_CHARS = 32 * 1024;

/** A line that may open more block quotes and list items than the parser reads (see `runbook-chunks.ts`). */
const DEEP_LINE = new RegExp(String.raw`^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*){${MAX_NESTING + 1}}`, 'm');

export function readRunbookEntry(text: string, id: string, file: string): RunbookEntry {
  const head = readHead(text);
  const { body } = head;
  const heading = body === null || head.meta.title !== null ? { heading: undefined } : plainHeading(body);
  if (body !== null && heading !== null && body.length <= LAZY_BODY_CHARS && !DEEP_LINE.test(body)) {
    return { summary: summarise(head, id, file, heading.heading), searchText: body, details: () => parseRunbook(text, id, file) };
  }
  const document = parseRunbook(text, id, file);
  const { intro: _intro, steps: _steps, ...summary } = document;
  // An oversized file's document has no steps (and its text need not be kept); a large body's
  // parse may stop at its time limit, each time at another place: keep the one the summary tells of.
  const keep = body === null || body.length > LAZY_BODY_CHARS;
  return { summary, searchText: body ?? '', details: keep ? () => document : () => parseRunbook(text, id, file) };
}

/**
 * The body's first `#` heading's text, when it can be told without parsing the body: there is no
 * `#` nor `===` underline at all, or the first line is a plain `# Title` (its text is then read
 * alone; a `[` could be a reference defined further down, so such a line is not plain). Null
 * when only the parse can tell.
 */
function plainHeading(body: string): { heading: string | undefined } | null {
  if (!body.includes('#') && !/^ {0,3}=+[ \t]*\r?$/m.test(body)) return { heading: undefined };
  const first = /^(?:[ \t]*\r?\n)*(#[ \t][^\r\n[\]]{1,500})\r?(?:\n|$)/.exec(body);
  if (!first) return null;
  const node = fromMarkdown(first[1]!, MARKDOWN).children[0];
  const heading = node?.type === 'heading' && node.depth === 1 ? oneLine(node) : '';
  return heading === '' ? null : { heading };
}
