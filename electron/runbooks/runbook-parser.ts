import type { Code, Link, ListItem, Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { parseFilter } from '../../shared/label-matchers';
import type { RunbookDocument, RunbookStep } from '../../shared/runbook';

/**
 * Reads one runbook: Markdown with YAML front matter.
 *
 * ```markdown
 * ---
 * title: High error rate            # default: the first `#` heading, else the file name
 * services: [checkout, web]         # a string ("a, b") or a list
 * alerts: alertname="HighErrorRate", service=~"checkout|web"   # Alertmanager matchers; or a list of them (ANDed)
 * severity: critical
 * owner: team-payments
 * tags: [http, errors]              # a string ("a, b") or a list
 * ---
 * # High error rate
 * Introduction: everything before the first `##` heading.
 *
 * ## Check the last deploy          ← a step; its id is the GitHub anchor: `check-the-last-deploy`
 * - [ ] Open the deploy log         ← a check: `check-the-last-deploy/check-1`
 * ```sh                             ← a command (fenced code block)
 * kubectl -n {{ $labels.namespace }} rollout history deploy/{{ $labels.service }}
 * ```
 * Was there a deploy in the last hour?
 * - [Yes: roll back](#roll-back-the-deploy)     ← a choice: a list item that is only a link to a step
 * - [No: check dependencies](#check-dependencies)
 * ```
 *
 * Choices are plain Markdown links to a heading anchor, so the file reads and links the same on
 * GitHub or GitLab. A link to an anchor that is not a step of this runbook stays an ordinary link.
 *
 * The body is untrusted: the parser never interprets HTML. Titles, check texts and choice labels
 * are plain text (raw HTML left out); each step's `markdown` is kept exactly as written for the
 * renderer, which renders it sanitised.
 */

/** Larger files are listed with an error and no steps; their front matter is still read. */
export const MAX_RUNBOOK_BYTES = 1024 * 1024;
/** How far into an oversized file the front matter's closing line is looked for. */
const MAX_FRONT_MATTER_CHARS = 64 * 1024;

export function parseRunbook(text: string, id: string, file: string): RunbookDocument {
  const problems: string[] = [];
  const tooLarge = byteLength(text) > MAX_RUNBOOK_BYTES;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const frontMatter = splitFrontMatter(tooLarge ? text.slice(0, MAX_FRONT_MATTER_CHARS) : text);
  const meta = frontMatter.problem ? emptyMeta() : readFrontMatter(frontMatter.yaml, frontMatter.yamlFirstLine, problems);
  // In an oversized file the closing line may just lie beyond what is read: not worth a complaint.
  if (frontMatter.problem && !tooLarge) problems.push(frontMatter.problem);

  let intro = '';
  let steps: RunbookStep[] = [];
  let heading: string | undefined;
  if (tooLarge) {
    problems.push(`the file is larger than ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB: its steps are not shown`);
  } else {
    try {
      const bodyFirstLine = lineCount(text, frontMatter.bodyOffset);
      ({ intro, steps, heading } = readBody(text.slice(frontMatter.bodyOffset), bodyFirstLine, problems));
    } catch (error) {
      problems.push(`cannot read the Markdown: ${(error as Error).message}`);
    }
  }

  return {
    id,
    title: meta.title ?? heading ?? fileTitle(file),
    file,
    services: meta.services,
    alerts: meta.alerts,
    severity: meta.severity,
    owner: meta.owner,
    tags: meta.tags,
    error: problems.length > 0 ? `${file}: ${problems.join('; ')}` : null,
    intro,
    steps,
  };
}

// ── front matter ────────────────────────────────────────────────────────────────────────────

interface FrontMatterSplit {
  yaml: string;
  /** The file line of the YAML's first line. */
  yamlFirstLine: number;
  /** Where the Markdown body starts in the text. */
  bodyOffset: number;
  problem?: string;
}

/** Front matter is a `---` first line and the next `---` (or `...`) line; anything else is all body. */
function splitFrontMatter(text: string): FrontMatterSplit {
  const none: FrontMatterSplit = { yaml: '', yamlFirstLine: 2, bodyOffset: 0 };
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) return none;
  const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  closing.lastIndex = first[0].length;
  const end = closing.exec(text);
  if (!end) return { ...none, problem: 'line 1: the front matter has no closing "---" line' };
  return { yaml: text.slice(first[0].length, end.index), yamlFirstLine: 2, bodyOffset: end.index + end[0].length };
}

interface Meta {
  title: string | null;
  services: string[];
  alerts: string | null;
  severity: string | null;
  owner: string | null;
  tags: string[];
}

function emptyMeta(): Meta {
  return { title: null, services: [], alerts: null, severity: null, owner: null, tags: [] };
}

type YamlNode = NonNullable<Document.Parsed['contents']>;

/** Reads the known keys; each wrong one adds a problem naming its line and is left at its default. Other keys are ignored. */
function readFrontMatter(yaml: string, firstLine: number, problems: string[]): Meta {
  const meta = emptyMeta();
  if (yaml.trim() === '') return meta;
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
    const key = String(pair.key.value);
    const keyLine = lineAt(pair.key.range?.[0] ?? 0);
    const raw: unknown = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    const value = raw === null || raw === undefined || (isScalar(raw) && raw.value === null) ? undefined : (raw as YamlNode);
    const fail = (what: string, line = keyLine): void => {
      problems.push(`line ${line}: ${key}: ${what}`);
    };
    switch (key) {
      case 'title':
      case 'severity':
      case 'owner': {
        const text = scalarText(value);
        if (text === undefined) fail(`expected text, got ${describe(value)}`);
        else if (text !== '') meta[key] = text;
        break;
      }
      case 'services':
      case 'tags': {
        const list = textList(value, document, lineAt, keyLine);
        if ('problem' in list) fail(list.problem, list.line);
        else meta[key] = [...new Set(list.items.flatMap((item) => item.text.split(',')).map((item) => item.trim()).filter(Boolean))];
        break;
      }
      case 'alerts': {
        const list = textList(value, document, lineAt, keyLine);
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
  return meta;
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

// ── body ────────────────────────────────────────────────────────────────────────────────────

interface Body {
  intro: string;
  steps: RunbookStep[];
  /** The text of the first `#` heading, the default title. */
  heading: string | undefined;
}

interface PendingChoice {
  step: RunbookStep;
  label: string;
  anchor: string;
}

const MARKDOWN = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/**
 * micromark is exact but not linear: some inputs (deep nesting, long runs of emphasis or brackets,
 * long lazy block quotes) take quadratic time or worse. So the body is parsed in chunks cut at
 * line boundaries: at a blank line followed by an unindented line once a chunk holds
 * `CHUNK_SOFT` characters (which changes nothing the parser extracts), and at the next
 * unindented line (any line at worst) once it holds `CHUNK_HARD` of them. Fenced code blocks and
 * raw HTML blocks (`<pre>`, `<!-- -->`, …) are never cut and always start a chunk, so micromark
 * reads them exactly as the cutter does and their (linear) content is not counted. A line nested
 * deeper than `MAX_NESTING` containers is not parsed, and the parse stops with an error once it
 * has taken `PARSE_BUDGET_MS`. So a chunk costs at most a bounded time and the whole is linear.
 */
const CHUNK_SOFT = 2048;
const CHUNK_HARD = 4096;
const MAX_NESTING = 16;
const PARSE_BUDGET_MS = 2000;

interface Chunk {
  start: number;
  end: number;
  /** 1-based line of the body where the chunk starts. */
  line: number;
  /** Cut where the context (a list, a quote) may be open: indented headings are then not steps. */
  forced: boolean;
  /** Too deeply nested to parse. */
  skip: boolean;
}

function readBody(body: string, firstLine: number, problems: string[], now: () => number = () => performance.now()): Body {
  const started = now();
  const steps: RunbookStep[] = [];
  const used = new Map<string, number>();
  const pending: PendingChoice[] = [];
  let intro: string | undefined;
  let introStart = 0;
  let heading: string | undefined;
  let current: { step: RunbookStep; bodyStart: number } | undefined;
  let first = true;
  const lineOf = (chunk: Chunk): number => firstLine + chunk.line - 1;

  for (const chunk of chunks(body)) {
    if (chunk.skip) {
      problems.push(`line ${lineOf(chunk)}: nested more than ${MAX_NESTING} levels deep: not read`);
      continue;
    }
    if (now() - started > PARSE_BUDGET_MS) {
      problems.push(`line ${lineOf(chunk)}: the Markdown took too long to read: from here on it is not split into steps`);
      break;
    }
    const text = body.slice(chunk.start, chunk.end);
    let root: Root;
    try {
      root = fromMarkdown(text, MARKDOWN);
    } catch (error) {
      problems.push(`line ${lineOf(chunk)}: cannot read the Markdown here (${(error as Error).message})`);
      continue;
    }
    for (const node of root.children) {
      const isFirst = first;
      first = false;
      if (node.type === 'heading' && node.depth === 1) {
        heading ??= plainText(node).trim().replace(/\s+/g, ' ') || undefined;
        // A `#` heading that opens the body is the title, shown apart from the intro.
        if (isFirst) introStart = chunk.start + end(node);
      }
      const isStep = node.type === 'heading' && node.depth === 2 && !(chunk.forced && (node.position?.start.column ?? 1) > 1);
      if (!isStep) {
        if (current) collect(node, current.step, text, pending);
        continue;
      }
      const at = chunk.start + start(node);
      if (current) current.step.markdown = tidy(body.slice(current.bodyStart, at));
      else intro = tidy(body.slice(introStart, Math.max(introStart, at)));
      const title = plainText(node).trim().replace(/\s+/g, ' ') || `Step ${steps.length + 1}`;
      const step: RunbookStep = { id: uniqueSlug(title, used), title, markdown: '', checks: [], commands: [], choices: [] };
      steps.push(step);
      current = { step, bodyStart: chunk.start + end(node) };
    }
  }
  if (current) current.step.markdown = tidy(body.slice(current.bodyStart));
  else intro = tidy(body.slice(introStart));

  for (const choice of pending) {
    const target = resolveAnchor(choice.anchor, used);
    if (target !== undefined) choice.step.choices.push({ label: choice.label, targetStepId: target });
  }
  return { intro: intro ?? '', steps, heading };
}

/** A fenced code block or a raw HTML block (kinds 1–5) that is open: the line that ends it. */
type RawEnd = (line: string) => boolean;

function* chunks(body: string): Generator<Chunk> {
  let chunkStart = 0;
  let chunkLine = 1;
  let forced = false;
  let normal = 0;
  let raw: RawEnd | null = null;
  let previousBlank = true;
  let position = 0;
  let line = 1;

  // Ends the current chunk at `at` (when it holds anything) and starts the next one there.
  function* cut(at: number, atLine: number, nextForced: boolean, skip = false): Generator<Chunk> {
    if (at > chunkStart) yield { start: chunkStart, end: at, line: chunkLine, forced, skip };
    chunkStart = at;
    chunkLine = atLine;
    forced = nextForced;
    normal = 0;
  }

  while (position < body.length) {
    const newline = body.indexOf('\n', position);
    const lineEnd = newline === -1 ? body.length : newline + 1;
    const content = body.slice(position, newline === -1 ? body.length : newline);
    if (raw) {
      if (raw(content)) raw = null;
      previousBlank = false;
    } else {
      const blank = /^[ \t\r]*$/.test(content);
      const unindented = !blank && content[0] !== ' ' && content[0] !== '\t';
      const opener = blank ? null : rawOpener(content);
      if (opener) {
        yield* cut(position, line, !(previousBlank && unindented));
        raw = opener;
      } else if (!blank && nestingDepth(content) > MAX_NESTING) {
        yield* cut(position, line, true);
        yield* cut(lineEnd, line + 1, true, true);
        chunkStart = lineEnd;
        previousBlank = false;
        position = lineEnd;
        line++;
        continue;
      } else if (normal >= CHUNK_SOFT && previousBlank && unindented) {
        yield* cut(position, line, false);
      } else if (normal >= CHUNK_HARD && ((unindented && !/^[=-]+[ \t\r]*$/.test(content)) || normal >= CHUNK_HARD * 1.25)) {
        yield* cut(position, line, true);
      }
      if (!raw && content.length > CHUNK_HARD) {
        // A very long line: cut inside it, at a space where there is one near.
        let from = position;
        while (lineEnd - from > CHUNK_HARD) {
          let at = from + CHUNK_HARD;
          const space = body.lastIndexOf(' ', at);
          if (space > at - 256) at = space + 1;
          yield* cut(at, line, true);
          from = at;
        }
        normal = lineEnd - from;
      } else if (!raw) {
        normal += lineEnd - position;
      }
      previousBlank = blank;
    }
    position = lineEnd;
    line++;
  }
  yield* cut(body.length, line, false);
}

/** When `line` opens a fenced code block or a raw HTML block that does not end on it, what ends it. */
function rawOpener(line: string): RawEnd | null {
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (fence) {
    const marker = fence[1]!;
    if (marker[0] === '`' && fence[2]!.includes('`')) return null; // An inline code span, not a fence.
    const closer = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t\\r]*$`);
    return (next) => closer.test(next);
  }
  const html = /^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[))/i.exec(line);
  if (!html) return null;
  let ends: (text: string) => boolean;
  if (html[1]) ends = (text) => /<\/(?:script|pre|style|textarea)>/i.test(text);
  else {
    const terminator = html[2] ? '-->' : html[3] ? '?>' : html[4] ? '>' : ']]>';
    ends = (text) => text.includes(terminator);
  }
  // The end may be on the opening line itself (after the opening `<!`, `<?`, …).
  const rest = line.slice(html[0].length - (html[2] ? 2 : 0));
  return ends(rest) ? null : ends;
}

/** How many block quotes and list items a line opens (stops counting past the limit). */
function nestingDepth(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length && depth <= MAX_NESTING) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const c = line[i];
    const next = line[i + 1];
    if (c === '>') {
      depth++;
      i++;
      continue;
    }
    if ((c === '-' || c === '*' || c === '+') && (next === ' ' || next === '\t')) {
      depth++;
      i += 2;
      continue;
    }
    let j = i;
    while (j < i + 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (j > i && (line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === '\t')) {
      depth++;
      i = j + 2;
      continue;
    }
    break;
  }
  return depth;
}

/** Finds the checks, commands and choice candidates of a step, in document order. */
function collect(node: RootContent, step: RunbookStep, text: string, pending: PendingChoice[]): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') {
      if (isFenced(node, text)) step.commands.push({ language: node.lang ?? null, code: node.value });
      continue;
    }
    if (node.type === 'listItem') {
      if (typeof node.checked === 'boolean') {
        step.checks.push({ id: `${step.id}/check-${step.checks.length + 1}`, text: itemText(node) });
      } else {
        const link = onlyLink(node);
        if (link) pending.push({ step, label: plainText(link).trim().replace(/\s+/g, ' '), anchor: link.url.slice(1) });
      }
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The link when the item is nothing but one link to an anchor (`- [label](#step)`). */
function onlyLink(item: ListItem): Link | undefined {
  if (item.children.length !== 1) return undefined;
  const paragraph = item.children[0]!;
  if (paragraph.type !== 'paragraph') return undefined;
  const parts = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const link = parts[0];
  if (parts.length !== 1 || link?.type !== 'link' || !link.url.startsWith('#')) return undefined;
  return link;
}

function resolveAnchor(anchor: string, stepIds: Map<string, number>): string | undefined {
  let decoded = anchor;
  try {
    decoded = decodeURIComponent(anchor);
  } catch {
    // Keep it as written.
  }
  if (stepIds.has(decoded)) return decoded;
  const lower = decoded.toLowerCase();
  return stepIds.has(lower) ? lower : undefined;
}

/** A check's text: the item's own paragraphs, without its nested lists or blocks. */
function itemText(item: ListItem): string {
  return item.children
    .filter((child) => child.type === 'paragraph' || child.type === 'heading')
    .map((child) => plainText(child))
    .join(' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The text a reader sees: raw HTML (and anything tag-like) is left out, code keeps its text, images their alt text. */
function plainText(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    switch (current.type) {
      case 'html':
        continue;
      case 'text':
        // What only fails to be HTML on a technicality (`<body onload=alert('x')>`) is dropped as well.
        parts.push(current.value.replace(/<\/?[A-Za-z][^<>]*>/g, ''));
        continue;
      case 'inlineCode':
        parts.push(current.value);
        continue;
      case 'break':
        parts.push(' ');
        continue;
      case 'image':
      case 'imageReference':
        parts.push(current.alt ?? '');
        continue;
    }
    if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return parts.join('');
}

function isFenced(node: Code, body: string): boolean {
  return /^[ \t]*(?:`{3,}|~{3,})/.test(body.slice(start(node), start(node) + 64));
}

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen; repeats get -2, -3, … */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** `used` maps each id taken to the next suffix to try for it, so repeated titles stay linear. */
function uniqueSlug(title: string, used: Map<string, number>): string {
  const base = slugify(title) || 'step';
  let slug = base;
  let n = used.get(base) ?? 2;
  if (used.has(slug)) {
    do slug = `${base}-${n++}`;
    while (used.has(slug));
    used.set(base, n);
  }
  used.set(slug, used.get(slug) ?? 2);
  return slug;
}

function start(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

function end(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** Drops the blank lines around a slice; keeps everything else (indentation included) as written. */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

function fileTitle(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(?:md|markdown)$/i, '') || file;
}

/** The 1-based line number at `offset`. */
function lineCount(text: string, offset: number): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

function byteLength(text: string): number {
  // Cheap upper bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_RUNBOOK_BYTES) return text.length;
  return Buffer.byteLength(text, 'utf8');
}
