import { codePoint } from './xml-reader';

/**
 * Text from status pages and feeds is untrusted: these turn it into plain text (no markup left,
 * no control characters, bounded length) before it becomes a label or an annotation.
 */

const BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr|section|article)\b[^>]*>/gi;
const ANY_TAG = /<\/?[A-Za-z][^>]*>/g;
const INVISIBLE = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
// Control characters other than tab and newline, and the bidirectional overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const HTML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·',
  copy: '©', reg: '®', trade: '™', euro: '€', times: '×', deg: '°',
};

/** HTML (or text that may hold some) as plain text: tags dropped, blocks on their own lines, entities decoded, capped at `maxLength`. */
export function htmlToText(html: string, maxLength: number): string {
  const text = decodeHtmlEntities(html.replace(INVISIBLE, '').replace(BLOCK_TAG, '\n').replace(ANY_TAG, ''));
  const lines = text
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '');
  return cap(lines.join('\n'), maxLength);
}

/** A name or title as one line of plain text (markup left as written, it is shown as text), capped at `maxLength`. */
export function singleLine(text: string, maxLength: number): string {
  return cap(text.replace(CONTROL, '').replace(/[\s\u00a0]+/g, ' ').trim(), maxLength);
}

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/g, (whole, entity: string) => {
    if (entity.startsWith('#')) return codePoint(entity) ?? whole;
    return HTML_ENTITIES[entity] ?? whole;
  });
}

function cap(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // Never cut a surrogate pair in half.
  const cut = text.slice(0, maxLength - 1).replace(/[\ud800-\udbff]$/, '');
  return `${cut.trimEnd()}…`;
}
