import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
const r = (s: string, n: number) => s.repeat(Math.max(0, Math.floor(n)));
const cases: Record<string, (N: number) => string> = {
  nestedStrongEmph: (N) => r('*a **a ', N/14) + 'b' + r(' a** a*', N/14),
  emphClosersNoOpeners: (N) => r('a_ ', N/3),
  starA: (N) => r('*a', N/2),
  linkClosersNoOpeners: (N) => r('a]', N/2),
  mismatched: (N) => r('*a_ ', N/4),
  nestedBrackets: (N) => r('[', N/2) + 'a' + r(']', N/2),
  nestedBlockQuotes: (N) => r('> ', N/2) + 'a',
  unclosedLinksA: (N) => r('[a](<b', N/6),
  refDefs: (N) => r('[a]: u\n', N/14) + r('[a] ', N/8),
  footnotes: (N) => r('[^a]', N/4),
  footnoteDefs: (N) => r('[^a]: ', N/6),
  tasklist: (N) => r('- [ ] ', N/6),
  listNestSame: (N) => r('- ', N/2) + 'a',
  orderedNest: (N) => r('1. ', N/3) + 'a',
  linkInLink: (N) => r('[a', N/4) + r('](b)', N/4),
  lazyQuote: (N) => '> a\n' + r('b\n', N/2),
  strike: (N) => r('~~a', N/3),
  tables: (N) => '|a|b|\n|-|-|\n' + r('|x|y|\n', N/6),
  prose: (N) => r('Lorem ipsum *dolor* sit `amet`, [link](http://x) consectetur.\n\n', N/64),
  checklist: (N) => r('- [ ] Check the **dashboard** for `errors` and [logs](https://x.y/z)\n', N/66),
};
const sizes = process.argv.slice(2).map(Number);
// warm up
for (let i = 0; i < 3; i++) fromMarkdown(cases.prose!(20000), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
for (const [name, make] of Object.entries(cases)) {
  const row = [name.padEnd(22)];
  for (const K of sizes) {
    const text = make(K);
    const t0 = performance.now();
    try { fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }); } catch { row.push('ERR'); continue; }
    const ms = performance.now() - t0;
    row.push(`${ms.toFixed(1)}ms`.padStart(9));
  }
  console.log(row.join(' '));
}
