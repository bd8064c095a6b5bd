import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { micromark } from 'micromark';
const [kind, nStr] = process.argv.slice(2); const N = Number(nStr);
const text = kind === 'e' ? '*a'.repeat(N/2) : kind === 'u' ? 'a_'.repeat(N/2) : kind==='b' ? '>'.repeat(N) : kind==='b2' ? '> '.repeat(N/2) : kind === 'l' ? '- '.repeat(N/2) : kind === 'p' ? '*a '.repeat(N/3) : '';
let t = performance.now(); micromark(text); console.log(kind, N, 'micromark', Math.round(performance.now()-t));
t = performance.now(); fromMarkdown(text); console.log(kind, N, 'mdast', Math.round(performance.now()-t));
t = performance.now(); try { fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }); } catch (e) { console.log(String(e).slice(0,80)); } console.log(kind, N, 'mdast+gfm', Math.round(performance.now()-t));
