import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
const [name, nStr] = process.argv.slice(2); const N = Number(nStr);
const r = (s: string, n: number) => s.repeat(Math.max(0, Math.floor(n)));
const cases: Record<string, () => string> = {
  nestedStrongEmph: () => r('*a **a ', N/7) + 'b' + r(' a** a*', N/7),
  emphClosersNoOpeners: () => r('a_ ', N/3),
  emphOpenersNoClosers: () => r('_a ', N/3),
  starA: () => r('*a', N/2),
  linkClosersNoOpeners: () => r('a]', N/2),
  linkOpenersNoClosers: () => r('[a', N/2),
  mismatched: () => r('*a_ ', N/4),
  nestedBrackets: () => r('[', N/2) + 'a' + r(']', N/2),
  nestedBlockQuotes: () => r('> ', N/2) + 'a',
  nestedBlockQuotesLines: () => Array.from({length: Math.sqrt(N)}, (_, i) => r('>', i) + ' a').join('\n'),
  backticks: () => Array.from({length: Math.sqrt(2*N)}, (_, i) => 'e' + r('`', i)).join(''),
  unclosedLinksA: () => r('[a](<b', N/6),
  unclosedLinksB: () => r('[a](b', N/5),
  htmlComments: () => r('<!-- ', N/5),
  cdata: () => r('<![CDATA[ ', N/10),
  refDefs: () => r('[a]: u\n', N/7) + r('[a] ', N/4),
  manyRefs: () => Array.from({length: N/12}, (_, i) => `[l${i}]: /u\n`).join('') + '\n' + Array.from({length: N/12}, (_, i) => `[l${i}] `).join(''),
  tables: () => '|a|b|\n|-|-|\n' + r('|x|y|\n', N/6),
  wideTable: () => r('|a', N/4) + '\n' + r('|-', N/4) + '\n' + r('|x', N/4),
  tableManyRows: () => r('|a', 100) + '\n' + r('|-', 100) + '\n' + r('|x\n', N/3),
  strike: () => r('~~a', N/3),
  strike1: () => r('~a ', N/3),
  autolinkLiteral: () => r('www.a', N/5),
  autolinkEmail: () => r('a@b.', N/4),
  footnotes: () => r('[^a]', N/4),
  footnoteDefs: () => r('[^a]: ', N/6),
  tasklist: () => r('- [ ] ', N/6),
  listNest: () => Array.from({length: Math.sqrt(N/2)}, (_, i) => r(' ', i*2) + '- a').join('\n'),
  listNestSame: () => r('- ', N/2) + 'a',
  orderedNest: () => r('1. ', N/3) + 'a',
  entities: () => r('&amp', N/4),
  lt: () => r('<', N),
  underscoreWords: () => r('a_b', N/3),
  codeSpans: () => r('`a', N/2),
  headingsDup: () => r('## a\n', N/5),
  bangBrackets: () => r('![', N/2),
  linkInLink: () => r('[a', N/4) + r('](b)', N/4),
  setext: () => r('a\n', N/4) + r('=', N/2),
  fences: () => r('```\n', N/4),
  images: () => r('![a](b) ', N/8),
  lazyQuote: () => '> a\n' + r('b\n', N/2),
};
const text = cases[name!]!();
const t0 = performance.now();
let msg = '';
try { fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }); } catch (e) { msg = String(e).slice(0, 60); }
console.log(name.padEnd(24), String(N).padStart(8), String(Math.round(performance.now() - t0)).padStart(7), 'ms', text.length, msg);
