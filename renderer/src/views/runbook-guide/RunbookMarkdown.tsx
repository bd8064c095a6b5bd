import { createContext, memo, useContext, useId, useMemo, useRef, type ReactNode } from 'react';
import Markdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { RunbookStep } from '../../../../shared/runbook';
import { CHECK_ID_PROPERTY, COMMAND_PROPERTY, prepareRunbookMarkdown, runbookUrlTransform } from '../../lib/runbook-markdown';
import type { PlaceholderValues } from '../../lib/runbook-placeholders';
import { CopyButton } from '../common/CopyButton';
import { ExternalLink } from '../detail/ExternalLink';
import { CheckBindingContext } from './check-binding';

/** The heading level a `#`–`###` heading in the Markdown gets, below the guide's own headings. */
const HeadingBaseContext = createContext(4);

interface RunbookMarkdownProps {
  markdown: string;
  values: PlaceholderValues;
  /** The step's checks, or null for Markdown outside a step (the intro). */
  checks?: RunbookStep['checks'] | null;
  commands?: RunbookStep['commands'];
  choiceTargets?: readonly string[];
  headingBase?: number;
  testId?: string;
}

/** react-markdown's (hast) element, without depending on the hast types directly. */
type Element = NonNullable<ExtraProps['node']>;
type ElementContent = Element['children'][number];

const NO_COMMANDS: RunbookStep['commands'] = [];
const NO_TARGETS: readonly string[] = [];

/**
 * Untrusted runbook Markdown, rendered safely (see lib/runbook-markdown.ts): no raw HTML, only
 * http(s) links (opened in the system browser), no images, placeholders filled in as text.
 */
export const RunbookMarkdown = memo(function RunbookMarkdown({
  markdown,
  values,
  checks = null,
  commands = NO_COMMANDS,
  choiceTargets = NO_TARGETS,
  headingBase = 4,
  testId,
}: RunbookMarkdownProps) {
  const prepared = useMemo(
    () => prepareRunbookMarkdown(markdown, { values, checks, commands, choiceTargets }),
    [markdown, values, checks, commands, choiceTargets],
  );
  const remarkPlugins = useMemo(() => [remarkGfm, prepared.plugin], [prepared]);
  return (
    <div className="runbook-markdown" data-testid={testId}>
      <HeadingBaseContext value={headingBase}>
        <Markdown skipHtml urlTransform={runbookUrlTransform} remarkPlugins={remarkPlugins} components={COMPONENTS}>
          {prepared.markdown}
        </Markdown>
      </HeadingBaseContext>
    </div>
  );
});

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function Heading({ depth, children }: { depth: number; children: ReactNode }) {
  const base = useContext(HeadingBaseContext);
  const level = Math.min(6, base + Math.max(0, depth - 3));
  const Tag = `h${level}` as 'h4';
  return <Tag className="runbook-heading">{children}</Tag>;
}

function RunbookCheck({ checkId, children }: { checkId: string; children: ReactNode }) {
  const binding = useContext(CheckBindingContext);
  const id = useId();
  const done = binding?.isDone(checkId) ?? false;
  return (
    <li className={done ? 'runbook-check done' : 'runbook-check'}>
      <input
        id={id}
        type="checkbox"
        data-testid="runbook-check"
        data-check-id={checkId}
        checked={done}
        disabled={!binding || binding.disabled}
        onChange={(event) => binding?.toggle(checkId, event.target.checked)}
      />
      <label htmlFor={id} className="runbook-check-text">
        {children}
      </label>
    </li>
  );
}

function RunbookCommand({ code, language }: { code: string; language: string | null }) {
  const codeRef = useRef<HTMLElement>(null);
  return (
    <div className="runbook-command" data-testid="runbook-command">
      <div className="runbook-command-head">
        <span className="runbook-command-lang">{language ?? 'command'}</span>
        <CopyButton text={code} label="command" noun="command" testId="copy-command" selectTarget={() => codeRef.current} />
      </div>
      <pre className="runbook-command-text">
        <code ref={codeRef} data-testid="runbook-command-code">
          {code}
        </code>
      </pre>
    </div>
  );
}

const COMPONENTS: Components = {
  // Links keep an address only when it is http(s) (runbookUrlTransform); those open in the system browser.
  a: ({ href, children }) =>
    href ? (
      <ExternalLink url={href} testId="runbook-step-link">
        {children}
      </ExternalLink>
    ) : (
      <span className="runbook-inert-link" title="Only http(s) links open; this one is shown as text">
        {children}
      </span>
    ),
  // Never loaded: the alt text stands in (the remark step already swaps images for it).
  img: ({ alt }) => <span className="runbook-image-alt">{alt || 'image'}</span>,
  // Task-list checkboxes come only from `- [ ]` items, which render as RunbookCheck instead.
  input: () => null,
  li: ({ node, children, className }) => {
    const checkId = node?.properties[CHECK_ID_PROPERTY];
    if (typeof checkId === 'string') return <RunbookCheck checkId={checkId}>{children}</RunbookCheck>;
    return <li className={className}>{children}</li>;
  },
  pre: ({ node, children }) => {
    const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    if (!code || code.properties[COMMAND_PROPERTY] === undefined) return <pre className="runbook-pre">{children}</pre>;
    const classes = Array.isArray(code.properties.className) ? code.properties.className.map(String) : [];
    const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length) ?? null;
    return <RunbookCommand code={textOf(code)} language={language} />;
  },
  h1: ({ children }) => <Heading depth={1}>{children}</Heading>,
  h2: ({ children }) => <Heading depth={2}>{children}</Heading>,
  h3: ({ children }) => <Heading depth={3}>{children}</Heading>,
  h4: ({ children }) => <Heading depth={4}>{children}</Heading>,
  h5: ({ children }) => <Heading depth={5}>{children}</Heading>,
  h6: ({ children }) => <Heading depth={6}>{children}</Heading>,
  table: ({ children }) => (
    <div className="runbook-table">
      <table>{children}</table>
    </div>
  ),
};
