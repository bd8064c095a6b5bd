import type { RunbookDocument, RunbookStep, RunbookSummary } from '../../shared/runbook';
import { readBody } from './runbook-body';
import { emptyMeta, readFrontMatter, splitFrontMatter, type RunbookMeta } from './runbook-front-matter';

export { slugify } from './runbook-steps';

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
 *
 * This file puts a runbook together; the front matter is read in `runbook-front-matter.ts` (simple
 * front matter in `runbook-simple-yaml.ts`), the body in `runbook-body.ts` (in bounded chunks,
 * `runbook-chunks.ts`), and what a step holds in `runbook-steps.ts`. The catalog reads runbooks
 * through `runbook-entry.ts`, which leaves the body unparsed until the steps are needed.
 */

/** Larger files are listed with an error and no steps; their front matter is still read. */
export const MAX_RUNBOOK_BYTES = 1024 * 1024;
/** How far into an oversized file the front matter's closing line is looked for. */
const MAX_FRONT_MATTER_CHARS = 64 * 1024;

export function parseRunbook(text: string, id: string, file: string): RunbookDocument {
  const head = readHead(text);
  let intro = '';
  let steps: RunbookStep[] = [];
  let heading: string | undefined;
  if (head.body !== null) {
    try {
      ({ intro, steps, heading } = readBody(head.body, head.bodyFirstLine, head.problems));
    } catch (error) {
      head.problems.push(`cannot read the Markdown: ${(error as Error).message}`);
    }
  }
  return { ...summarise(head, id, file, heading), intro, steps };
}

/** What is read before the Markdown body: the front matter, and the problems found so far. */
export interface RunbookHead {
  meta: RunbookMeta;
  problems: string[];
  /** The Markdown after the front matter; null when the file is too large to show its steps. */
  body: string | null;
  /** The file line of the body's first line. */
  bodyFirstLine: number;
}

export function readHead(text: string): RunbookHead {
  const problems: string[] = [];
  const tooLarge = byteLength(text) > MAX_RUNBOOK_BYTES;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const frontMatter = splitFrontMatter(tooLarge ? text.slice(0, MAX_FRONT_MATTER_CHARS) : text);
  const meta = frontMatter.problem ? emptyMeta() : readFrontMatter(frontMatter.yaml, frontMatter.yamlFirstLine, problems);
  // In an oversized file the closing line may just lie beyond what is read: not worth a complaint.
  if (frontMatter.problem && !tooLarge) problems.push(frontMatter.problem);
  if (tooLarge) {
    problems.push(`the file is larger than ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB: its steps are not shown`);
    return { meta, problems, body: null, bodyFirstLine: 1 };
  }
  return { meta, problems, body: text.slice(frontMatter.bodyOffset), bodyFirstLine: lineCount(text, frontMatter.bodyOffset) };
}

/** The summary of a runbook whose body's first `#` heading is `heading`, once every problem is in `head.problems`. */
export function summarise(head: RunbookHead, id: string, file: string, heading: string | undefined): RunbookSummary {
  const { meta, problems } = head;
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
  };
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
