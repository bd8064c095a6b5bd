import type { Code, Link, ListItem, Nodes, RootContent } from 'mdast';
import type { RunbookStep } from '../../shared/runbook';

/**
 * What a runbook step holds, from its Markdown nodes: checks (task list items), commands (fenced
 * code blocks) and choices (list items that are only a link to another step's anchor); and the
 * plain text and ids (GitHub's heading anchors) of headings.
 */

/** A link that becomes a choice once the step it points to is known. */
export interface PendingChoice {
  step: RunbookStep;
  label: string;
  anchor: string;
}

/** Finds the checks, commands and choice candidates of a step, in document order. */
export function collect(node: RootContent, step: RunbookStep, text: string, pending: PendingChoice[]): void {
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
        if (link) pending.push({ step, label: oneLine(link), anchor: link.url.slice(1) });
      }
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** Adds each pending choice whose anchor is a step (`stepIds` as `uniqueSlug` keeps them) to its step. */
export function resolveChoices(pending: PendingChoice[], stepIds: Map<string, number>): void {
  for (const choice of pending) {
    const target = resolveAnchor(choice.anchor, stepIds);
    if (target !== undefined) choice.step.choices.push({ label: choice.label, targetStepId: target });
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

/** A node's plain text on one line: trimmed, each run of white space one space. */
export function oneLine(node: Nodes): string {
  return plainText(node).trim().replace(/\s+/g, ' ');
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
export function uniqueSlug(title: string, used: Map<string, number>): string {
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

/** Where a node starts in the text it was parsed from. */
export function start(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

/** Where a node ends in the text it was parsed from. */
export function end(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}
