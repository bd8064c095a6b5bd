import type { Code, List, ListItem, Nodes, Paragraph, Parents, Root, RootContent, Text } from 'mdast';
import type { UrlTransform } from 'react-markdown';
import { safeExternalUrl } from '../../../shared/external-url';
import type { RunbookStep } from '../../../shared/runbook';
import { substitutePlaceholders, tokenizePlaceholders, type PlaceholderValues, type TokenizedMarkdown } from './runbook-placeholders';

/**
 * How a runbook's untrusted Markdown becomes something safe to show (react-markdown + remark-gfm,
 * then the components in views/runbook-guide/RunbookMarkdown.tsx):
 *
 * - raw HTML never renders: `html` nodes are dropped here, and `skipHtml` drops any that remain;
 * - a link keeps its address only when it is an absolute http(s) URL (`runbookUrlTransform`);
 *   anything else (`javascript:`, `data:`, relative paths, `#anchors`) renders as plain text, and
 *   the http(s) ones open in the system browser, so nothing navigates the window;
 * - images are never loaded: their alt text shows instead;
 * - placeholders are filled after parsing, into text, code and URLs (URL-encoded there), so a
 *   label value is always text and never markup;
 * - the step's checks (`- [ ]`) become checkboxes bound to the session by check id, its fenced
 *   code blocks become commands with a Copy button, and its choices (list items that are only a
 *   link to another step) leave the text to become the guide's choice buttons.
 */

/** Hast properties set from mdast `data`; read back by the React components. */
export const CHECK_ID_PROPERTY = 'dataCheckId';
export const COMMAND_PROPERTY = 'dataCommand';
const IMAGE_ALT_CLASS = 'runbook-image-alt';

/** Only absolute http(s) URLs survive; react-markdown drops the attribute when this returns null. */
export const runbookUrlTransform: UrlTransform = (url) => safeExternalUrl(url)?.href ?? null;

export interface RunbookMarkdownOptions {
  values: PlaceholderValues;
  /**
   * The step's checks, bound to its `- [ ]` items by position (the engine numbers them in the
   * same document order). Null outside a step (the intro): task items then show as plain text.
   */
  checks: RunbookStep['checks'] | null;
  /** The step's commands: used only if its Markdown shows none (a parser disagreement), appended at the end. */
  commands: RunbookStep['commands'];
  /** The steps this step's choices lead to; their list items are left out of the text. */
  choiceTargets: readonly string[];
}

export interface PreparedMarkdown {
  /** The Markdown with placeholders tokenized, to hand to react-markdown. */
  markdown: string;
  /** The remark plugin that finishes the job on the parsed tree. */
  plugin: () => (tree: Root, file: { value: unknown }) => undefined;
}

/** Prepares one piece of runbook Markdown for rendering. */
export function prepareRunbookMarkdown(markdown: string, options: RunbookMarkdownOptions): PreparedMarkdown {
  const tokens = tokenizePlaceholders(markdown, options.values);
  return {
    markdown: tokens.markdown,
    plugin: () => (tree, file) => {
      transformTree(tree, typeof file.value === 'string' ? file.value : tokens.markdown, tokens, options);
      return undefined;
    },
  };
}

type NodeData = { hName?: string; hProperties?: Record<string, unknown> };

function setData(node: Nodes, data: NodeData): void {
  const existing = (node.data ?? {}) as NodeData;
  node.data = { ...existing, ...data, hProperties: { ...existing.hProperties, ...data.hProperties } } as Nodes['data'];
}

function transformTree(tree: Root, source: string, tokens: TokenizedMarkdown, options: RunbookMarkdownOptions): void {
  const taskItems: ListItem[] = [];
  let fencedCount = 0;
  walk(tree, (node) => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') taskItems.push(node);
    if (node.type === 'code' && isFenced(node, source)) fencedCount++;
  });
  const checks = options.checks;
  const bindInline = checks !== null && checks.length === taskItems.length;
  const checkIds = new Map(bindInline ? taskItems.map((item, index) => [item, checks[index]!.id]) : []);

  const rewrite = (parent: Parents): void => {
    const children: RootContent[] = [];
    for (const child of parent.children as RootContent[]) {
      const replaced = rewriteNode(child);
      if (replaced === null) continue;
      if ('children' in replaced) rewrite(replaced);
      // A list whose items all went (choices, unbound checks) goes too.
      if (replaced.type === 'list' && replaced.children.length === 0) continue;
      children.push(replaced);
    }
    (parent as { children: RootContent[] }).children = children;
  };

  const rewriteNode = (node: RootContent): RootContent | null => {
    switch (node.type) {
      case 'html':
        return null;
      case 'text':
      case 'inlineCode':
        node.value = tokens.fill(node.value);
        return node;
      case 'code':
        node.value = tokens.fill(node.value);
        if (isFenced(node, source)) setData(node, { hProperties: { [COMMAND_PROPERTY]: 'true' } });
        return node;
      case 'link':
      case 'definition':
        node.url = tokens.fill(node.url, encodeURIComponent);
        if (node.title) node.title = tokens.fill(node.title);
        return node;
      case 'image':
      case 'imageReference':
        return imageAlt(tokens.fill(node.alt ?? ''));
      case 'listItem': {
        if (isChoice(node, options.choiceTargets)) return null;
        if (typeof node.checked !== 'boolean') return node;
        const checkId = checkIds.get(node);
        if (checkId !== undefined) {
          node.checked = null;
          setData(node, { hProperties: { [CHECK_ID_PROPERTY]: checkId } });
          return node;
        }
        // In a step, checks that cannot be bound in place are listed at the end instead.
        if (checks !== null) return null;
        prependText(node, node.checked ? '☑ ' : '☐ ');
        node.checked = null;
        return node;
      }
      default:
        return node;
    }
  };

  rewrite(tree);
  if (checks !== null && !bindInline && checks.length > 0) tree.children.push(checkList(checks, options.values));
  if (fencedCount === 0) {
    for (const command of options.commands) tree.children.push(commandBlock(command.code, command.language, options.values));
  }
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/**
 * The engine's rule for a choice: a list item that is nothing but one link to an anchor, and the
 * anchor names one of the step's choice targets (as written, decoded, or lower-cased).
 */
function choiceTarget(item: ListItem, targets: readonly string[]): string | null {
  if (item.children.length !== 1) return null;
  const paragraph = item.children[0]!;
  if (paragraph.type !== 'paragraph') return null;
  const parts = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const link = parts[0];
  if (parts.length !== 1 || link?.type !== 'link' || !link.url.startsWith('#')) return null;
  let anchor = link.url.slice(1);
  try {
    anchor = decodeURIComponent(anchor);
  } catch {
    // Keep it as written.
  }
  if (targets.includes(anchor)) return anchor;
  return targets.includes(anchor.toLowerCase()) ? anchor.toLowerCase() : null;
}

/** A task item (`- [ ] …`) is always a check, never a choice. */
function isChoice(item: ListItem, targets: readonly string[]): boolean {
  return typeof item.checked !== 'boolean' && targets.length > 0 && choiceTarget(item, targets) !== null;
}

/** Fenced (```` ``` ```` or `~~~`) rather than indented: only those are commands, as in the engine. */
function isFenced(node: Code, source: string): boolean {
  const start = node.position?.start.offset;
  if (start === undefined) return true;
  return /^[ \t]*(?:`{3,}|~{3,})/.test(source.slice(start, start + 64));
}

function imageAlt(alt: string): Text {
  const text: Text = { type: 'text', value: alt.trim() === '' ? 'image' : alt };
  setData(text, { hName: 'span', hProperties: { className: [IMAGE_ALT_CLASS], title: 'Image not loaded' } });
  return text;
}

function prependText(item: ListItem, prefix: string): void {
  const first = item.children[0];
  if (first?.type === 'paragraph') first.children.unshift({ type: 'text', value: prefix });
  else item.children.unshift({ type: 'paragraph', children: [{ type: 'text', value: prefix }] });
}

function checkList(checks: RunbookStep['checks'], values: PlaceholderValues): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: checks.map((check) => {
      const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: substitutePlaceholders(check.text, values) }] };
      const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [paragraph] };
      setData(item, { hProperties: { [CHECK_ID_PROPERTY]: check.id } });
      return item;
    }),
  };
}

function commandBlock(code: string, language: string | null, values: PlaceholderValues): Code {
  const node: Code = { type: 'code', lang: language, value: substitutePlaceholders(code, values) };
  setData(node, { hProperties: { [COMMAND_PROPERTY]: 'true' } });
  return node;
}
