import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunbookDocumentSchema } from '../../shared/runbook';
import { MAX_RUNBOOK_BYTES, parseRunbook, slugify } from '../../electron/runbooks/runbook-parser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOSTILE = path.join(ROOT, 'test/fixtures/runbooks/hostile');

const parse = (text: string, file = 'runbooks/db.md') => RunbookDocumentSchema.parse(parseRunbook(text, 'db.md', file));

describe('parseRunbook: front matter', () => {
  it('reads every field, strings or lists', () => {
    const document = parse(`---
title: Database down
services: [api, web]
alerts:
  - alertname="DatabaseDown"
  - service=~"api|web", env!="dev"
severity: critical
owner: team-db
tags: database, postgres
unknown: ignored
---
# Ignored heading

## First
`);
    expect(document).toMatchObject({
      id: 'db.md',
      file: 'runbooks/db.md',
      title: 'Database down',
      services: ['api', 'web'],
      alerts: 'alertname="DatabaseDown", service=~"api|web", env!="dev"',
      severity: 'critical',
      owner: 'team-db',
      tags: ['database', 'postgres'],
      error: null,
    });
  });

  it('takes a single string for services and alerts, and numbers as text', () => {
    const document = parse('---\nservices: checkout\nalerts: alertname="HighErrorRate", service=~"api|web"\nseverity: 1\n---\n');
    expect(document).toMatchObject({ services: ['checkout'], alerts: 'alertname="HighErrorRate", service=~"api|web"', severity: '1', error: null });
  });

  it('defaults the title to the first # heading, else the file name', () => {
    expect(parse('Intro\n\n# The heading\n\n## Step\n').title).toBe('The heading');
    expect(parse('---\nowner: me\n---\n# From *the* heading\n').title).toBe('From the heading');
    expect(parse('## Only steps\n', 'runbooks/disk-full.md').title).toBe('disk-full');
    expect(parse('', 'C:\\runbooks\\win.md').title).toBe('win');
  });

  it('works without front matter, with an empty one, with CRLF line ends and a byte order mark', () => {
    expect(parse('# Title\n').error).toBeNull();
    expect(parse('---\n---\n# Title\n')).toMatchObject({ title: 'Title', error: null, services: [], tags: [], alerts: null });
    const crlf = parse('\uFEFF---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\nIntro\r\n\r\n## Step one\r\n- [ ] Check\r\n');
    expect(crlf).toMatchObject({ title: 'Windows', tags: ['a'], error: null, intro: 'Intro' });
    expect(crlf.steps.map((step) => [step.id, step.checks.length])).toEqual([['step-one', 1]]);
  });

  it('names the file, the line and what is wrong; the runbook stays readable', () => {
    const document = parse(`---
title: Database
services: [api]
alerts: service=~"api(", alertname="X"
---
## Restore the database
- [ ] Restore
`);
    expect(document.error).toMatch(/^runbooks\/db\.md: line 4: alerts: invalid regular expression in service=~"api\(": /);
    expect(document.alerts).toBeNull();
    expect(document.title).toBe('Database');
    expect(document.services).toEqual(['api']);
    expect(document.steps.map((step) => step.id)).toEqual(['restore-the-database']);
  });

  it.each([
    ['a YAML error', '---\ntitle: ok\ntags: [a, b\nowner: me\n---\n', /^runbooks\/db\.md: line \d: invalid YAML: /],
    ['a duplicate key', '---\ntitle: a\ntitle: b\n---\n', /^runbooks\/db\.md: line 3: invalid YAML: Map keys must be unique/],
    ['a mapping where text belongs', '---\ntitle:\n  nested: true\n---\n', /^runbooks\/db\.md: line 2: title: expected text, got a mapping$/],
    ['a list of lists', '---\ntags:\n  - ok\n  - [nested]\n---\n', /^runbooks\/db\.md: line 4: tags: item 2: expected text, got a list$/],
    ['a free word in alerts', '---\nalerts: HighErrorRate\n---\n', /^runbooks\/db\.md: line 2: alerts: "HighErrorRate" is not a label matcher: write name="value"/],
    ['a bad matcher in an alerts list', '---\nalerts:\n  - alertname="A"\n  - service=~"("\n---\n', /^runbooks\/db\.md: line 4: alerts: invalid regular expression/],
    ['a broken matcher', '---\nalerts: alertname=~~"x"\n---\n', /^runbooks\/db\.md: line 2: alerts: '"x"' is not a label matcher/],
    ['an unreadable matcher', '---\nalerts: service~"api"\n---\n', /^runbooks\/db\.md: line 2: alerts: cannot read matcher/],
    ['front matter that is not a mapping', '---\n- a\n- b\n---\n', /^runbooks\/db\.md: line 2: the front matter must be a mapping/],
    ['front matter that is never closed', '---\ntitle: x\n\n## Step\n', /^runbooks\/db\.md: line 1: the front matter has no closing "---" line$/],
  ])('reports %s', (_name, text, error) => {
    const document = parse(text);
    expect(document.error).toMatch(error);
  });

  it('keeps the good fields when one is wrong and names every wrong one', () => {
    const document = parse('---\ntitle: Kept\nservices: {a: 1}\nalerts: nope\nowner: me\n---\n');
    expect(document).toMatchObject({ title: 'Kept', owner: 'me', services: [], alerts: null });
    expect(document.error).toBe(
      'runbooks/db.md: line 3: services: expected text or a list of texts, got a mapping; line 4: alerts: "nope" is not a label matcher: write name="value", name!="value", name=~"regex" or name!~"regex" (e.g. alertname="HighErrorRate")',
    );
  });
});

describe('parseRunbook: steps', () => {
  const text = `---
title: Steps
---
# Steps

Read this first.

### A small heading in the intro

## Check the deploy

Text before.

- [ ] Open the **deploy** log
- [x] Ask in \`#deploys\`
  - [ ] A nested check
- An ordinary item

\`\`\`sh
kubectl -n {{ $labels.namespace }} rollout history deploy/{{ $labels.service }}
\`\`\`

~~~
no language
~~~

    indented code is not a command

### Still inside the step

More text.

Was there a deploy?

- [Yes: roll back](#roll-back)
- [No: check dependencies](#check-dependencies)
- [Not a step](#still-inside-the-step)
- [Elsewhere](https://example.com/#roll-back)
- See [roll back](#roll-back) for details

## Roll back
Roll back.
## Roll back
Again.
## Roll back!
Third.
## Check dependencies

- [Back to the start](<#check-the-deploy>)
`;
  const document = parse(text);

  it('makes the text before the first ## the intro, without the opening # title', () => {
    expect(document.intro).toBe('Read this first.\n\n### A small heading in the intro');
  });

  it('starts a step at each ## with GitHub-style ids, unique within the runbook', () => {
    expect(document.steps.map((step) => [step.id, step.title])).toEqual([
      ['check-the-deploy', 'Check the deploy'],
      ['roll-back', 'Roll back'],
      ['roll-back-2', 'Roll back'],
      ['roll-back-3', 'Roll back!'],
      ['check-dependencies', 'Check dependencies'],
    ]);
  });

  it('keeps each step body exactly as written, ### headings included', () => {
    const body = text.slice(text.indexOf('Text before.'), text.indexOf('\n\n## Roll back'));
    expect(document.steps[0]!.markdown).toBe(body);
    expect(document.steps[0]!.markdown).toContain('### Still inside the step');
    expect(document.steps[1]!.markdown).toBe('Roll back.');
    expect(document.steps[3]!.markdown).toBe('Third.');
  });

  it('finds the checks, nested ones too, as plain text', () => {
    expect(document.steps[0]!.checks).toEqual([
      { id: 'check-the-deploy/check-1', text: 'Open the deploy log' },
      { id: 'check-the-deploy/check-2', text: 'Ask in #deploys' },
      { id: 'check-the-deploy/check-3', text: 'A nested check' },
    ]);
  });

  it('finds fenced code blocks as commands, placeholders untouched', () => {
    expect(document.steps[0]!.commands).toEqual([
      { language: 'sh', code: 'kubectl -n {{ $labels.namespace }} rollout history deploy/{{ $labels.service }}' },
      { language: null, code: 'no language' },
    ]);
  });

  it('makes list items that are only a link to a step choices; other links stay links', () => {
    expect(document.steps[0]!.choices).toEqual([
      { label: 'Yes: roll back', targetStepId: 'roll-back' },
      { label: 'No: check dependencies', targetStepId: 'check-dependencies' },
    ]);
    expect(document.steps[4]!.choices).toEqual([{ label: 'Back to the start', targetStepId: 'check-the-deploy' }]);
  });

  it('slugs like GitHub', () => {
    expect(slugify('Roll back the deploy!')).toBe('roll-back-the-deploy');
    expect(slugify("Check the provider's status")).toBe('check-the-providers-status');
    expect(slugify('Über `kubectl` & co.')).toBe('über-kubectl--co');
    expect(slugify('snake_case and-dashes')).toBe('snake_case-and-dashes');
  });

  it('gives untitled steps a title and an id, and links choices through encoded anchors', () => {
    const document = parse('## \n\n- [Go](#%C3%BCber-uns)\n\n## Über uns\n\n## Step\n');
    expect(document.steps.map((step) => [step.id, step.title])).toEqual([
      ['step-1', 'Step 1'],
      ['über-uns', 'Über uns'],
      ['step', 'Step'],
    ]);
    expect(document.steps[0]!.choices).toEqual([{ label: 'Go', targetStepId: 'über-uns' }]);
  });

  it('takes a runbook without steps as all intro', () => {
    expect(parse('Just text.\n\n- [ ] not a step check\n')).toMatchObject({ intro: 'Just text.\n\n- [ ] not a step check', steps: [] });
  });

  it('ignores ## lines inside fenced code and block quotes', () => {
    const document = parse('## One\n\n```md\n## Not a step\n```\n\n> ## Quoted\n\n## Two\n');
    expect(document.steps.map((step) => step.id)).toEqual(['one', 'two']);
  });
});

describe('parseRunbook: size and time limits', () => {
  it('lists a file over 1 MB with an error and no steps, but reads its front matter', () => {
    const big = `---\ntitle: Huge\nalerts: alertname="X"\n---\n## Step\n\n${'- [ ] a check line of some length\n'.repeat(70_000)}`;
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const started = performance.now();
    const document = parse(big, 'runbooks/huge.md');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document).toMatchObject({ title: 'Huge', alerts: 'alertname="X"', steps: [], intro: '' });
    expect(document.error).toBe(`runbooks/huge.md: the file is larger than ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB: its steps are not shown`);
  });

  it('counts bytes, not characters', () => {
    const text = `## Step\n\n${'é'.repeat(MAX_RUNBOOK_BYTES / 2 + 10)}\n`;
    expect(text.length).toBeLessThan(MAX_RUNBOOK_BYTES);
    expect(parse(text).error).toMatch(/larger than 1 MB/);
  });

  it.each([
    ['emphasis runs', '*a **a '.repeat(20_000)],
    ['brackets', '[a'.repeat(50_000) + '](b)'.repeat(50_000)],
    ['a long lazy block quote', '> a\n' + 'b\n'.repeat(200_000)],
    ['deeply nested lists', '- '.repeat(100_000) + 'a'],
    ['deeply nested quotes', '> '.repeat(100_000) + 'a'],
  ])('stays within a bounded time on pathological input: %s', (_name, body) => {
    const started = performance.now();
    const document = parse(`## Step\n\n${body}\n\n## Last\n`);
    expect(performance.now() - started).toBeLessThan(6000);
    expect(document.steps[0]!.id).toBe('step');
  });

  it('parses a large realistic runbook completely', () => {
    const step = (n: number) => `## Step ${n}\n\nSome *text* with a [link](https://example.com/${n}).\n\n- [ ] Check ${n}\n\n\`\`\`sh\necho ${n}\n\`\`\`\n\n- [Next](#step-${n + 1})\n\n`;
    const text = Array.from({ length: 150 }, (_, n) => step(n + 1)).join('');
    const document = parse(text);
    expect(document.error).toBeNull();
    expect(document.steps).toHaveLength(150);
    expect(document.steps[149]!.checks).toEqual([{ id: 'step-150/check-1', text: 'Check 150' }]);
    expect(document.steps[148]!.choices).toEqual([{ label: 'Next', targetStepId: 'step-150' }]);
    expect(document.steps[149]!.choices).toEqual([]);
    expect(document.steps.every((s, n) => s.commands[0]?.code === `echo ${n + 1}`)).toBe(true);
  });

  it('finds every check of a long list and every step after long text (the parse goes in chunks)', () => {
    const checks = Array.from({ length: 400 }, (_, n) => `- [ ] Check number ${n + 1} with some *emphasis* and a [link](https://example.com/${n})`).join('\n');
    const prose = 'A long paragraph line with `code` and **bold** words.\n'.repeat(300);
    const document = parse(`## Many checks\n\n${checks}\n\n${prose}\n## After the prose\n\n- [ ] Run:\n  \`\`\`sh\n  echo one\n  \`\`\`\n- [ ] Then this\n`);
    expect(document.error).toBeNull();
    expect(document.steps.map((step) => step.id)).toEqual(['many-checks', 'after-the-prose']);
    expect(document.steps[0]!.checks).toHaveLength(400);
    expect(document.steps[0]!.checks[399]).toEqual({ id: 'many-checks/check-400', text: 'Check number 400 with some emphasis and a link' });
    expect(document.steps[1]!.checks.map((check) => check.text)).toEqual(['Run:', 'Then this']);
    expect(document.steps[1]!.commands).toEqual([{ language: 'sh', code: 'echo one' }]);
  });

  it('keeps a long fenced code block whole', () => {
    const code = Array.from({ length: 2000 }, (_, n) => `line ${n} *not* [markdown]\n\n## not a step`).join('\n');
    const document = parse(`## Step\n\n\`\`\`text\n${code}\n\`\`\`\n\n## After\n`);
    expect(document.steps.map((step) => step.id)).toEqual(['step', 'after']);
    expect(document.steps[0]!.commands).toEqual([{ language: 'text', code }]);
  });
});

describe('parseRunbook: hostile runbooks', () => {
  const files = readdirSync(HOSTILE).filter((name) => name.endsWith('.md'));
  const read = (name: string) => {
    const text = readFileSync(path.join(HOSTILE, name), 'utf8');
    return { text, document: parse(text, `hostile/${name}`) };
  };
  /** Everything the UI shows as plain text, outside the sanitised Markdown. */
  const plainTexts = (document: ReturnType<typeof parse>) => [
    ...document.steps.map((step) => step.title),
    ...document.steps.flatMap((step) => step.checks.map((check) => check.text)),
    ...document.steps.flatMap((step) => step.choices.map((choice) => choice.label)),
  ];

  it('has the fixtures', () => {
    expect(files.sort()).toEqual(['data-links.md', 'event-handlers.md', 'html-comments.md', 'javascript-links.md', 'nested-html.md', 'non-step-anchors.md', 'script-tags.md']);
  });

  it.each(files)('%s: parses, keeps the HTML only as text in markdown, and makes choices only of step anchors', (name) => {
    const { text, document } = read(name);
    expect(document.error).toBeNull();
    const stepIds = new Set(document.steps.map((step) => step.id));
    for (const step of document.steps) {
      for (const choice of step.choices) expect(stepIds.has(choice.targetStepId)).toBe(true);
      // Every step body is a verbatim slice of the file, for the renderer to sanitise.
      expect(text).toContain(step.markdown);
    }
    expect(text).toContain(document.intro);
    for (const plain of plainTexts(document)) expect(plain).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it('script tags: stay in the markdown, out of titles and checks', () => {
    const { document } = read('script-tags.md');
    expect(document.intro).toBe("<script>alert('intro')</script>");
    expect(document.steps.map((step) => step.title)).toEqual(["Restart alert('heading') the service", 'Next']);
    expect(document.steps[0]!.markdown).toContain('<script src="https://evil.example/x.js"></script>');
    expect(document.steps[0]!.checks.map((check) => check.text)).toEqual(["alert('check')Restart the service", "Check the alert('upper') logs"]);
    expect(document.steps[1]!.markdown).toBe("<scr<script>ipt>alert('split')</scr</script>ipt>");
  });

  it('event handlers: dropped from plain texts, kept as written in the markdown', () => {
    const { document } = read('event-handlers.md');
    expect(document.steps[0]!.title).toBe('Look at the graph');
    expect(document.steps[0]!.checks.map((check) => check.text)).toEqual(['Open the dashboard', 'Read the logs']);
    expect(document.steps[0]!.markdown).toContain(`<svg onload="alert('svg')">`);
    // The link names a slug of the raw HTML, which is not a step: an ordinary link.
    expect(document.steps[1]!.choices).toEqual([]);
  });

  it('javascript: links never become choices', () => {
    const { document } = read('javascript-links.md');
    expect(document.steps[0]!.choices).toEqual([{ label: 'Safe choice', targetStepId: 'finish' }]);
    expect(document.steps[0]!.markdown).toContain('[Run it](javascript:alert(1))');
  });

  it('data: and file: links are ordinary links in the markdown', () => {
    const { document } = read('data-links.md');
    expect(document.steps[0]!.choices).toEqual([]);
    expect(document.steps[0]!.checks).toEqual([{ id: 'open/check-1', text: 'Open the payload' }]);
  });

  it('HTML comments hide no steps, checks or commands', () => {
    const { document } = read('html-comments.md');
    expect(document.steps.map((step) => step.id)).toEqual(['visible-step', 'last-step']);
    expect(document.steps[0]!.checks.map((check) => check.text)).toEqual(['A real check']);
    expect(document.steps[0]!.commands).toEqual([]);
    expect(document.steps[0]!.markdown).toContain('rm -rf /');
  });

  it('nested raw HTML: a ## inside an HTML block is not a step', () => {
    const { document } = read('nested-html.md');
    expect(document.steps.map((step) => step.id)).toEqual(['real-step', 'second-step']);
    expect(document.intro).toContain(`<iframe src="javascript:alert('iframe')"></iframe>`);
    expect(document.steps[0]!.checks.map((check) => check.text)).toEqual(['body { display: none }Check the style']);
  });

  it('links to # or to anchors that are not steps are not choices', () => {
    const { document } = read('non-step-anchors.md');
    expect(document.steps[0]!.choices).toEqual([{ label: 'Second step, really', targetStepId: 'second-step' }]);
    // "[First step](#first-step) and more text" is more than a link: not a choice.
    expect(document.steps[1]!.choices).toEqual([{ label: 'Back', targetStepId: 'first-step' }]);
  });
});

describe('shipped runbooks', () => {
  const shipped = [
    ...readdirSync(path.join(ROOT, 'resources/demo/runbooks')).map((name) => path.join('resources/demo/runbooks', name)),
    'resources/templates/incident-checklist.md',
  ];

  it('ships the demo runbooks and the checklist', () => {
    expect(shipped.map((file) => path.basename(file)).sort()).toEqual([
      'certificate-expiring.md',
      'dependency-outage.md',
      'disk-filling-up.md',
      'high-error-rate.md',
      'incident-checklist.md',
      'latency-slo-burn.md',
      'pod-crash-looping.md',
    ]);
  });

  it.each(shipped)('%s parses without error, with at least 3 steps, each with checks', (file) => {
    const document = parse(readFileSync(path.join(ROOT, file), 'utf8'), file);
    expect(document.error).toBeNull();
    expect(document.steps.length).toBeGreaterThanOrEqual(3);
    for (const step of document.steps) expect(step.checks.length).toBeGreaterThan(0);
    expect(document.tags.length).toBeGreaterThan(0);
  });

  it('the incident checklist has the eight steps', () => {
    const document = parse(readFileSync(path.join(ROOT, 'resources/templates/incident-checklist.md'), 'utf8'));
    expect(document.title).toBe('Incident checklist');
    expect(document.tags).toEqual(['incident']);
    expect(document.steps.map((step) => step.title)).toEqual(['Declare', 'Assess impact', 'Communicate', 'Mitigate', 'Verify', 'Resolve', 'Hand off', 'Schedule the postmortem']);
  });

  it('high-error-rate offers choices that jump to its steps', () => {
    const document = parse(readFileSync(path.join(ROOT, 'resources/demo/runbooks/high-error-rate.md'), 'utf8'));
    const deploys = document.steps.find((step) => step.id === 'check-recent-deploys')!;
    expect(deploys.choices).toEqual([
      { label: 'Yes: roll back the deploy', targetStepId: 'roll-back-the-deploy' },
      { label: 'No: check the dependencies', targetStepId: 'check-dependencies' },
    ]);
  });
});

describe('demo runbooks and demo alerts', () => {
  it('every demo alert with a runbook_url is matched by the runbook of that name', async () => {
    const { DemoSource } = await import('../../electron/sources/demo-source');
    const { matchesFilter, parseFilter } = await import('../../shared/label-matchers');
    const start = Date.parse('2026-11-26T03:00:00Z');
    const alerts = new Map<string, { name: string; labels: Record<string, string>; annotations: Record<string, string> }>();
    for (let minute = 0; minute < 120; minute++) {
      for (const alert of (await new DemoSource('demo', () => start + minute * 60_000).fetchAlerts()).alerts) alerts.set(alert.name, alert);
    }
    const withRunbook = [...alerts.values()].filter((alert) => alert.annotations.runbook_url);
    expect(withRunbook.length).toBe(6);
    for (const alert of withRunbook) {
      const name = alert.annotations.runbook_url!.split('/').pop()!.replace(/\.md$/, '');
      const document = parse(readFileSync(path.join(ROOT, 'resources/demo/runbooks', `${name}.md`), 'utf8'));
      expect(matchesFilter(alert, parseFilter(document.alerts ?? '')), `${alert.name} → ${name}.md`).toBe(true);
    }
  });
});
