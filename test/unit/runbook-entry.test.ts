import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAZY_BODY_CHARS, readRunbookEntry } from '../../electron/runbooks/runbook-entry';
import { parseRunbook } from '../../electron/runbooks/runbook-parser';
import type { RunbookDocument } from '../../shared/runbook';

const ROOT = path.resolve(import.meta.dirname, '../..');

const filesIn = (folder: string) =>
  readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(folder, name));

const summaryOf = ({ intro: _intro, steps: _steps, ...summary }: RunbookDocument) => summary;

/** The entry says what `parseRunbook` says: the same summary up front, the same document on demand. */
function expectSameAsEager(text: string, file = 'runbooks/x.md') {
  const eager = parseRunbook(text, 'x.md', file);
  const entry = readRunbookEntry(text, 'x.md', file);
  expect(entry.summary).toEqual(summaryOf(eager));
  expect(entry.details()).toEqual(eager);
  return entry;
}

describe('readRunbookEntry: the same runbook as parseRunbook', () => {
  const shipped = [...filesIn('resources/demo/runbooks'), 'resources/templates/incident-checklist.md', ...filesIn('test/fixtures/runbooks/hostile')];

  it.each(shipped)('%s', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const entry = expectSameAsEager(text, file);
    expect(entry.searchText.length).toBeGreaterThan(0);
    expect(text.endsWith(entry.searchText)).toBe(true);
  });

  const front = '---\nservices: [web]\n---\n';
  it.each([
    ['a first-line title', `${front}# Disk *filling* up \`/var\`\n\nIntro.\n\n## Step\n`],
    ['a first-line title with CRLF and blank lines before it', `${front}\r\n\r\n# Disk full\r\n\r\n## Step\r\n- [ ] check\r\n`],
    ['a title with a closing sequence', `${front}# Disk full ##\n## Step\n`],
    ['a title that is only HTML, then a real one', `${front}# <b></b>\n\n# Real title\n## Step\n`],
    ['an empty first heading', `${front}#\n\n# Second\n`],
    ['a reference link in the title', `${front}# See [the docs][d]\n\n[d]: https://example.com\n## Step\n`],
    ['a footnote in the title', `${front}# Title[^1]\n\n[^1]: note\n`],
    ['a setext title', `${front}Disk full\n=========\n\n## Step\n`],
    ['a title after a paragraph', `${front}Intro first.\n\n# Late title\n\n## Step\n`],
    ['a # only inside code', `${front}## Step\n\n\`\`\`sh\n# a shell comment\n\`\`\`\n`],
    ['a # inside a list', `${front}- # not the title\n\n## Step\n`],
    ['no heading at all', `${front}Just text.\n`],
    ['no front matter', `# Title\n\n## Step\n- [ ] one\n`],
    ['an unclosed front matter', `---\ntitle: Open\n# Title\n## Step\n`],
    ['bad YAML and a heading', `---\ntitle: [unclosed\n---\n# Heading\n## Step\n`],
    ['a BOM', `\ufeff---\ntitle: With BOM\n---\n## Step\n`],
    ['nesting deeper than read', `---\ntitle: Deep\n---\n## Step\n\n${'> '.repeat(40)}deep\n\n## After\n`],
    ['nesting inside code', `---\ntitle: Deep code\n---\n## Step\n\n\`\`\`\n${'> '.repeat(40)}deep\n\`\`\`\n`],
    ['a long first line', `${front}# ${'x'.repeat(600)}\n`],
    ['an oversized file', `---\ntitle: Huge\n---\n## Step\n${'x'.repeat(1024 * 1024)}\n`],
  ])('%s', (_name, text) => {
    expectSameAsEager(text);
  });

  it('parses a small body only when asked, a large one up front', () => {
    const small = expectSameAsEager('---\ntitle: Small\n---\n## Step\n\n- [ ] check\n');
    expect(small.details()).not.toBe(small.details());
    // Its title needs the parse up front; its steps are read again when asked for.
    const untitled = expectSameAsEager('Intro first.\n\n# Late title\n\n## Step\n');
    expect(untitled.summary.title).toBe('Late title');
    expect(untitled.details()).not.toBe(untitled.details());
    // A long code block: quick to parse, so the parse's time limit stays far away on a busy machine.
    const large = expectSameAsEager(`---\ntitle: Large\n---\n## Step\n\n\`\`\`\n${'echo some output\n'.repeat(LAZY_BODY_CHARS / 16)}\`\`\`\n\n## After\n`);
    expect(large.summary.error).toBeNull();
    expect(large.details()).toBe(large.details());
    expect(large.details().steps.map((step) => step.id)).toEqual(['step', 'after']);
  });

  it('holds for generated Markdown', () => {
    const line = fc.constantFrom(
      '# Title',
      '# A [link](#step)',
      '#',
      '## Step',
      '## Step',
      '### Sub',
      'Title',
      '===',
      '---',
      '',
      '',
      'Some *text* and `code`.',
      '- [ ] a check',
      '- [Go on](#step)',
      '  # indented',
      '    # code',
      '> # quoted',
      '```sh',
      '```',
      '<!--',
      '-->',
      '[ref]: https://example.com',
      '- '.repeat(20) + 'deep',
    );
    const withFront = fc.constantFrom('', '---\ntitle: Named\n---\n', '---\nowner: me\n---\n', '---\n---\n');
    fc.assert(
      fc.property(withFront, fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (frontMatter, lines, newline) => {
        const text = frontMatter + lines.join(newline);
        const eager = parseRunbook(text, 'x.md', 'runbooks/x.md');
        const entry = readRunbookEntry(text, 'x.md', 'runbooks/x.md');
        expect(entry.summary).toEqual(summaryOf(eager));
        expect(entry.details()).toEqual(eager);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('readRunbookEntry: search text', () => {
  it('is the body as written, without the front matter', () => {
    const entry = readRunbookEntry('---\ntitle: T\ntags: [secret-tag]\n---\n# T\n\n## Step\n\nRun `pg_ctl promote`.\n', 'x.md', 'x.md');
    expect(entry.searchText).toBe('# T\n\n## Step\n\nRun `pg_ctl promote`.\n');
  });

  it('is empty for an oversized file', () => {
    expect(readRunbookEntry(`---\ntitle: Huge\n---\n${'word '.repeat(300_000)}`, 'x.md', 'x.md').searchText).toBe('');
  });
});
