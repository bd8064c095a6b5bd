import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import type { RunbookStep } from '../../shared/runbook';
import { prepareRunbookMarkdown, runbookUrlTransform, type RunbookMarkdownOptions } from '../../renderer/src/lib/runbook-markdown';
import {
  missingPlaceholder,
  substitutePlaceholders,
  tokenizePlaceholders,
  type PlaceholderValues,
} from '../../renderer/src/lib/runbook-placeholders';

const values: PlaceholderValues = { labels: { instance: 'db-1:9100', namespace: 'payments', service: 'checkout' }, value: '0.93' };

describe('substitutePlaceholders', () => {
  it.each([
    ['{{ $labels.instance }}', 'db-1:9100'],
    ['{{$labels.instance}}', 'db-1:9100'],
    ['{{   $labels.instance\t}}', 'db-1:9100'],
    ['{{ $value }}', '0.93'],
    ['{{$value}}', '0.93'],
    ['kubectl -n {{ $labels.namespace }} get pods -l app={{$labels.service}}', 'kubectl -n payments get pods -l app=checkout'],
  ])('fills %s', (template, expected) => {
    expect(substitutePlaceholders(template, values)).toBe(expected);
  });

  it('shows a label the alert does not have as <name?>, and a missing value as <value?>', () => {
    expect(substitutePlaceholders('ssh {{ $labels.host }} # {{ $value }}', { labels: {}, value: null })).toBe('ssh <host?> # <value?>');
    expect(missingPlaceholder('host')).toBe('<host?>');
  });

  it('leaves other template syntax and broken placeholders as written', () => {
    for (const text of ['{{ .Labels.instance }}', '{{ $labels.}}', '{{ $labels.instance', '$labels.instance', '{{ $externalLabels.x }}', '{ $value }']) {
      expect(substitutePlaceholders(text, values)).toBe(text);
    }
  });

  it('fills in one pass: a value that looks like a placeholder stays literal', () => {
    const tricky: PlaceholderValues = { labels: { a: '{{ $labels.b }}', b: 'SECRET' }, value: '{{$value}}' };
    expect(substitutePlaceholders('{{ $labels.a }} {{ $value }}', tricky)).toBe('{{ $labels.b }} {{$value}}');
  });

  it('encodes values (and only values) when asked, for URLs', () => {
    expect(substitutePlaceholders('https://grafana/d?var-host={{ $labels.instance }}&x=a b', values, encodeURIComponent)).toBe(
      'https://grafana/d?var-host=db-1%3A9100&x=a b',
    );
  });
});

describe('tokenizePlaceholders', () => {
  it('swaps placeholders for letter-and-digit tokens that fill back to the values', () => {
    const tokens = tokenizePlaceholders('a {{ $labels.instance }} b {{$value}}', values);
    expect(tokens.markdown).toMatch(/^a [a-z]+0[a-z]+ b [a-z]+1[a-z]+$/);
    expect(tokens.fill(tokens.markdown)).toBe('a db-1:9100 b 0.93');
  });

  it('picks a token stem the text does not contain', () => {
    const tokens = tokenizePlaceholders('ocph0ocph and OCPHQ {{ $value }}', values);
    expect(tokens.fill(tokens.markdown)).toBe('ocph0ocph and OCPHQ 0.93');
  });

  it('changes nothing without placeholders', () => {
    const tokens = tokenizePlaceholders('plain', values);
    expect(tokens.markdown).toBe('plain');
    expect(tokens.fill('plain')).toBe('plain');
  });
});

describe('runbookUrlTransform', () => {
  it.each([
    ['https://grafana.example.com/d/abc?var-host=db-1', 'https://grafana.example.com/d/abc?var-host=db-1'],
    ['http://prometheus:9090/graph', 'http://prometheus:9090/graph'],
    ['HTTPS://Example.com', 'https://example.com/'],
  ])('keeps %s', (url, expected) => {
    expect(runbookUrlTransform(url, 'href', { type: 'element', tagName: 'a', properties: {}, children: [] })).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:oncall@example.com',
    '/relative/path',
    '../disk.md',
    'disk.md',
    '#check-the-disk',
    '//evil.example.com/x',
    'https://',
    '',
  ])('drops %s', (url) => {
    expect(runbookUrlTransform(url, 'href', { type: 'element', tagName: 'a', properties: {}, children: [] })).toBeNull();
  });
});

/** The step's Markdown through the same pipeline as the app, with react-markdown's plain elements instead of ours. */
function render(markdown: string, options: Partial<RunbookMarkdownOptions> = {}): string {
  const prepared = prepareRunbookMarkdown(markdown, { values, checks: null, commands: [], choiceTargets: [], ...options });
  return renderToStaticMarkup(
    createElement(Markdown, { skipHtml: true, urlTransform: runbookUrlTransform, remarkPlugins: [remarkGfm, prepared.plugin] }, prepared.markdown),
  );
}

const check = (id: string, text: string) => ({ id, text });

describe('runbook Markdown: placeholders', () => {
  it('fills text, inline code, code blocks and link URLs', () => {
    const html = render(
      [
        'Instance {{ $labels.instance }} at `{{$value}}`.',
        '',
        '```sh',
        'kubectl -n {{ $labels.namespace }} logs deploy/{{ $labels.service }}',
        '```',
        '',
        '[Dashboard](https://grafana.example.com/d/x?var-instance={{ $labels.instance }}&var-ns={{$labels.namespace}})',
      ].join('\n'),
    );
    expect(html).toContain('Instance db-1:9100 at <code>0.93</code>.');
    expect(html).toContain('kubectl -n payments logs deploy/checkout');
    expect(html).toContain('href="https://grafana.example.com/d/x?var-instance=db-1%3A9100&amp;var-ns=payments"');
  });

  it('keeps values that contain Markdown, HTML or placeholders as literal text', () => {
    const hostile: PlaceholderValues = {
      labels: {
        md: '**bold** [link](javascript:alert(1)) ![x](https://evil.example.com/x.png)',
        html: '<img src=x onerror=alert(1)><script>alert(2)</script>',
        nested: '{{ $labels.md }}',
      },
      value: '`code` _em_',
    };
    const html = render('A {{ $labels.md }} B {{ $labels.html }} C {{ $labels.nested }} D {{ $value }}', { values: hostile });
    expect(html).toBe(
      '<p>A **bold** [link](javascript:alert(1)) ![x](https://evil.example.com/x.png) B &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; C {{ $labels.md }} D `code` _em_</p>',
    );
  });

  it('shows missing labels visibly', () => {
    expect(render('ssh {{ $labels.host }}', { values: { labels: {}, value: null } })).toBe('<p>ssh &lt;host?&gt;</p>');
  });

  it('encodes a value in a URL, so it cannot change the scheme or host', () => {
    const sneaky: PlaceholderValues = { labels: { host: 'x@evil.example.com/', path: 'javascript:alert(1)' }, value: null };
    const html = render('[a](https://grafana.example.com/{{ $labels.host }}) [b]({{ $labels.path }})', { values: sneaky });
    expect(html).toContain('href="https://grafana.example.com/x%40evil.example.com%2F"');
    expect(html).not.toContain('javascript');
    expect(html).toContain('<a>b</a>');
  });
});

describe('runbook Markdown: hostile content', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '',
    'Text <img src=x onerror=alert(2)> more <b onclick="alert(3)">bold</b>',
    '',
    '<a href="javascript:alert(4)">raw link</a> <a href="https://evil.example.com">raw http</a>',
    '',
    '<iframe src="https://evil.example.com"></iframe><style>body{display:none}</style>',
    '',
    '[x](javascript:alert(5)) [y](JAVASCRIPT:alert(6)) [z](data:text/html,<b>) [v](vbscript:x) [r](../etc/passwd) [h](#step)',
    '',
    '![tracker](https://evil.example.com/pixel.png "t") ![](https://evil.example.com/2.png)',
    '',
    '[ref]: javascript:alert(7)',
    '',
    '[by ref][ref] <javascript:alert(8)> www.example.com https://ok.example.com/path',
  ].join('\n');

  it('renders no raw HTML, no script, no handler, no image and no non-http(s) link', () => {
    const html = render(hostile);
    for (const bad of ['<script', '<img', '<iframe', '<style', 'onerror', 'onclick', '<b ', 'src=', 'evil.example.com']) {
      expect(html).not.toContain(bad);
    }
    // The only attributes are the two web links and the image stand-ins' class and title.
    const attributes = [...html.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map((match) => `${match[1]}=${match[2]}`);
    expect(attributes.filter((attribute) => !attribute.startsWith('class=') && !attribute.startsWith('title='))).toEqual([
      'href=http://www.example.com/',
      'href=https://ok.example.com/path',
    ]);
    // An autolink to javascript: is left as its text, which is harmless.
    expect(html).toContain('<a>javascript:alert(8)</a>');
  });

  it('shows the alt text of images instead of loading them', () => {
    const html = render(hostile);
    expect(html).toContain('<span class="runbook-image-alt" title="Image not loaded">tracker</span>');
    expect(html).toContain('<span class="runbook-image-alt" title="Image not loaded">image</span>');
  });

  it('keeps the text of dropped links', () => {
    const html = render(hostile);
    for (const text of ['<a>x</a>', '<a>y</a>', '<a>r</a>', '<a>h</a>', '<a>by ref</a>']) expect(html).toContain(text);
  });

  it('copes with a large file', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `- [ ] check ${i} on {{ $labels.instance }} <script>x</script>`).join('\n');
    const html = render(big);
    expect(html.match(/db-1:9100/g)).toHaveLength(2000);
    expect(html).not.toContain('<script');
  });
});

describe('runbook Markdown: checks, commands and choices', () => {
  const step: Pick<RunbookStep, 'checks' | 'commands' | 'choices'> = {
    checks: [check('s/check-1', 'Open the dashboard'), check('s/check-2', 'Nested')],
    commands: [{ language: 'sh', code: 'df -h' }],
    choices: [{ label: 'Yes', targetStepId: 'roll-back' }],
  };
  const markdown = [
    'Look first.',
    '',
    '- [ ] Open the dashboard',
    '  - [x] Nested',
    '',
    '```sh',
    'df -h',
    '```',
    '',
    '    indented code',
    '',
    'Was there a deploy?',
    '',
    '- [Yes](#roll-back)',
    '- [Elsewhere](#not-a-step)',
    '',
    '- [Only choice](#Roll-Back)',
  ].join('\n');

  it('binds the task items to the check ids in document order', () => {
    const html = render(markdown, { checks: step.checks, commands: step.commands, choiceTargets: ['roll-back'] });
    expect(html).toContain('data-check-id="s/check-1"');
    expect(html).toContain('data-check-id="s/check-2"');
    expect(html.indexOf('s/check-1')).toBeLessThan(html.indexOf('s/check-2'));
    expect(html).not.toContain('type="checkbox"');
  });

  it('marks fenced code as commands and leaves indented code alone', () => {
    const html = render(markdown, { checks: step.checks, commands: step.commands, choiceTargets: ['roll-back'] });
    expect(html).toContain('<pre><code class="language-sh" data-command="true">df -h\n</code></pre>');
    expect(html).toContain('<pre><code>indented code\n</code></pre>');
  });

  it('takes choices out of the text (they become buttons) and keeps other anchor links as text', () => {
    const html = render(markdown, { checks: step.checks, commands: step.commands, choiceTargets: ['roll-back'] });
    expect(html).not.toContain('Yes');
    expect(html).not.toContain('Only choice');
    expect(html).toMatch(/<li>\s*<p><a>Elsewhere<\/a><\/p>\s*<\/li>/);
  });

  it('lists the checks at the end when the Markdown does not match them one to one', () => {
    const html = render('- [ ] one\n- [ ] two\n- [ ] three', { checks: [check('a', 'First {{ $labels.service }}'), check('b', 'Second')] });
    expect(html).not.toContain('three');
    expect(html).toContain('data-check-id="a"');
    expect(html).toContain('First checkout');
  });

  it('appends the commands when the Markdown shows none', () => {
    const html = render('Nothing fenced.', { checks: [], commands: [{ language: null, code: 'echo {{ $labels.instance }}' }] });
    expect(html).toContain('data-command="true">echo db-1:9100');
  });

  it('shows task items outside a step (the intro) as plain marks', () => {
    const html = render('- [ ] todo\n- [x] done');
    expect(html).toContain('☐ todo');
    expect(html).toContain('☑ done');
    expect(html).not.toContain('data-check-id');
  });
});
