import { lazy, Suspense, type ComponentProps } from 'react';

/** The Markdown renderer (react-markdown, remark-gfm) loads on first use, keeping it out of the startup bundle. */
const RunbookMarkdownModule = lazy(() => import('./RunbookMarkdown').then((module) => ({ default: module.RunbookMarkdown })));

type RunbookMarkdownProps = ComponentProps<typeof RunbookMarkdownModule>;

export function RunbookMarkdown(props: RunbookMarkdownProps) {
  return (
    <Suspense
      fallback={
        <p className="guide-loading" role="status">
          Loading…
        </p>
      }
    >
      <RunbookMarkdownModule {...props} />
    </Suspense>
  );
}
