/**
 * Cuts a runbook's Markdown body into chunks that micromark reads in bounded time.
 *
 * micromark is exact but not linear: some inputs (deep nesting, long runs of emphasis or brackets,
 * long lazy block quotes) take quadratic time or worse. So the body is parsed in chunks cut at
 * line boundaries: at a blank line followed by an unindented line once a chunk holds
 * `CHUNK_SOFT` characters (which changes nothing the parser extracts), and at the next
 * unindented line (any line at worst) once it holds `CHUNK_HARD` of them. Fenced code blocks and
 * raw HTML blocks (`<pre>`, `<!-- -->`, …) are never cut and always start a chunk, so micromark
 * reads them exactly as the cutter does and their (linear) content is not counted. A line nested
 * deeper than `MAX_NESTING` containers is not parsed (its chunk is marked `skip`). So a chunk
 * costs at most a bounded time and the whole is linear.
 */

const CHUNK_SOFT = 2048;
const CHUNK_HARD = 4096;
export const MAX_NESTING = 16;

export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of the body where the chunk starts. */
  line: number;
  /** Cut where the context (a list, a quote) may be open: indented headings are then not steps. */
  forced: boolean;
  /** Too deeply nested to parse. */
  skip: boolean;
}

/** A fenced code block or a raw HTML block (kinds 1–5) that is open: the line that ends it. */
type RawEnd = (line: string) => boolean;

/** The chunks of `body`, in order; together they cover all of it. */
export function* chunks(body: string): Generator<Chunk> {
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
