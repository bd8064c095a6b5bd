import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFrontMatter, splitFrontMatter } from '../../electron/runbooks/runbook-front-matter';
import { readSimpleYaml } from '../../electron/runbooks/runbook-simple-yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Both readers: the simple one (when it takes the text) and the YAML library. */
function readBoth(yaml: string) {
  const simpleProblems: string[] = [];
  const libraryProblems: string[] = [];
  const simple = readFrontMatter(yaml, 2, simpleProblems);
  const library = readFrontMatter(yaml, 2, libraryProblems, false);
  return { simple: { meta: simple, problems: simpleProblems }, library: { meta: library, problems: libraryProblems } };
}

describe('readSimpleYaml', () => {
  it('reads the front matter of every shipped runbook', () => {
    const folder = path.join(ROOT, 'resources/demo/runbooks');
    const files = [...readdirSync(folder).map((name) => path.join(folder, name)), path.join(ROOT, 'resources/templates/incident-checklist.md')];
    for (const file of files) {
      const { yaml } = splitFrontMatter(readFileSync(file, 'utf8'));
      expect(readSimpleYaml(yaml), file).not.toBeNull();
      const { simple, library } = readBoth(yaml);
      expect(simple, file).toEqual(library);
    }
  });

  it('reads key lines, one-line lists, comments and blank lines', () => {
    expect(readSimpleYaml('# about\ntitle: Disk full  \n\nservices: [db, web]\ntags: []\nowner:\r\nalerts: alertname="X", service=~"a|b"')).toEqual([
      { key: 'title', line: 1, value: 'Disk full' },
      { key: 'services', line: 3, value: ['db', 'web'] },
      { key: 'tags', line: 4, value: [] },
      { key: 'owner', line: 5, value: undefined },
      { key: 'alerts', line: 6, value: 'alertname="X", service=~"a|b"' },
    ]);
  });

  it.each([
    ['a number', 'severity: 1.0'],
    ['a number in a list', 'tags: [a, 0x1F]'],
    ['a boolean', 'title: TRUE'],
    ['a null', 'owner: ~'],
    ['a repeated key', 'title: a\ntitle: b'],
    ['keys YAML reads alike', 'True: a\ntrue: b'],
    ['quotes', 'title: "quoted"'],
    ['a comment after a value', 'title: Disk # full'],
    ['a colon and space', 'title: a: b'],
    ['a block list', 'tags:\n  - a'],
    ['an indented line', 'title: a\n  b'],
    ['a tab', 'title:\ta'],
    ['an alias', 'title: *a'],
    ['a nested list', 'tags: [a, [b]]'],
    ['an empty list item', 'tags: [a, , b]'],
    ['a non-breaking space around an item', 'tags: [a\u00a0, b]'],
    ['a line separator', 'title: a\u2028b'],
    ['a BOM', 'title: \ufeffa'],
    ['an emoji', 'title: 🔥'],
    ['no space after the colon', 'title:a'],
  ])('leaves %s to the YAML library', (_name, yaml) => {
    expect(readSimpleYaml(yaml)).toBeNull();
  });

  it('reads what the YAML library reads, problems and lines included', () => {
    const key = fc.constantFrom('title', 'services', 'alerts', 'severity', 'owner', 'tags', 'other', 'Title', 'null', 'True');
    const word = fc.constantFrom('a', 'Disk full', '5xx', '1', '1.0', '-1', '.5', '1e3', '0o7', '0x1f', 'true', 'False', 'null', '~', 'NaN', '.nan', '-.inf', 'yes', 'a:b', 'a#b', 'x="y"', 'service=~"a|b"', 'svc!~"x"', 'bad(', '{{x}}', '"q"', "'q'", ' ', '\u00a0a', 'é', '*', '&a', '!t', '-a', '? a', '|', '>', '%', '@', '`');
    const value = fc.oneof(
      word,
      fc.array(word, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
      fc.array(word, { maxLength: 3 }).map((items) => `[${items.join(',')}`),
      fc.constant(''),
    );
    const line = fc.oneof(
      fc.tuple(key, value, fc.constantFrom('', ' ', ' # c')).map(([k, v, end]) => `${k}: ${v}${end}`),
      fc.constantFrom('', '# comment', '  - item', '  nested: x', '- a', 'title:x', '---'),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const { simple, library } = readBoth(lines.join(newline));
        expect(simple).toEqual(library);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
