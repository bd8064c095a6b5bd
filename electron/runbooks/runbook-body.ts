import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { RunbookStep } from '../../shared/runbook';
import { chunks, MAX_NESTING, type Chunk } from './runbook-chunks';
import { collect, end, oneLine, resolveChoices, start, uniqueSlug, type PendingChoice } from './runbook-steps';

/**
 * A runbook's Markdown body as an introduction and steps: each `##` heading starts a step, and
 * everything before the first one is the introduction. The body is read chunk by chunk (see
 * `chunks`), and the reading stops with a problem once it has taken `PARSE_BUDGET_MS`.
 */

const PARSE_BUDGET_MS = 2000;

/** Built once: GFM's syntax and tree extensions, shared by every parse. */
export const MARKDOWN = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

export interface Body {
  intro: string;
  steps: RunbookStep[];
  /** The text of the first `#` heading, the default title. */
  heading: string | undefined;
}

/** Reads `body`, whose first line is line `firstLine` of the file; each part it cannot read adds a problem naming its line. */
export function readBody(body: string, firstLine: number, problems: string[], now: () => number = () => performance.now()): Body {
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
        heading ??= oneLine(node) || undefined;
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
      const title = oneLine(node) || `Step ${steps.length + 1}`;
      const step: RunbookStep = { id: uniqueSlug(title, used), title, markdown: '', checks: [], commands: [], choices: [] };
      steps.push(step);
      current = { step, bodyStart: chunk.start + end(node) };
    }
  }
  if (current) current.step.markdown = tidy(body.slice(current.bodyStart));
  else intro = tidy(body.slice(introStart));

  resolveChoices(pending, used);
  return { intro: intro ?? '', steps, heading };
}

/** Drops the blank lines around a slice; keeps everything else (indentation included) as written. */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}
