import { htmlToText } from './plain-text';
import { childNamed, childrenNamed, parseXml, textOf, type XmlElement } from './xml-reader';

/** One RSS `<item>` or Atom `<entry>`, with only what an incident feed needs. */
export interface FeedItem {
  /** guid / id, else the link, else the title: what tells two items apart. */
  id: string;
  title: string;
  /** http(s) only, else null. */
  link: string | null;
  /** ISO times; null when absent or unreadable. */
  published: string | null;
  updated: string | null;
  /** description / content / summary as written; `bodyIsHtml` says whether it is markup. */
  body: string;
  bodyIsHtml: boolean;
}

export interface Feed {
  format: 'rss' | 'atom';
  title: string;
  /** The site the feed belongs to (the human status page), http(s) only. */
  link: string | null;
  items: FeedItem[];
}

export class FeedError extends Error {
  override name = 'FeedError';
}

/** Reads an RSS 2.0 or Atom document; throws XmlError when it is not well-formed XML, FeedError when it is XML but no such feed. */
export function parseFeed(xml: string): Feed {
  const root = parseXml(xml);
  if (root.local === 'rss') return readRss(root);
  if (root.local === 'feed') return readAtom(root);
  throw new FeedError(`expected an RSS 2.0 <rss> or Atom <feed> document, found <${root.name}>`);
}

function readRss(root: XmlElement): Feed {
  const channel = childNamed(root, 'channel');
  if (!channel) throw new FeedError('the <rss> document has no <channel>');
  const items = childrenNamed(channel, 'item').map((item): FeedItem => {
    const title = textOf(childNamed(item, 'title')).trim();
    const link = httpUrl(textOf(childNamed(item, 'link')));
    // dc:date is ISO 8601; pubDate is RFC 822, which Date.parse reads too.
    const published = isoTime(textOf(childNamed(item, 'pubDate'))) ?? isoTime(textOf(childNamed(item, 'date')));
    const description = textOf(childNamed(item, 'description'));
    const body = description.trim() !== '' ? description : textOf(childNamed(item, 'encoded'));
    const id = textOf(childNamed(item, 'guid')).trim() || link || title;
    return { id, title, link, published, updated: null, body, bodyIsHtml: true };
  });
  return { format: 'rss', title: textOf(childNamed(channel, 'title')).trim(), link: httpUrl(textOf(childNamed(channel, 'link'))), items };
}

function readAtom(root: XmlElement): Feed {
  const items = childrenNamed(root, 'entry').map((entry): FeedItem => {
    const titleElement = childNamed(entry, 'title');
    const link = alternateLink(entry);
    const content = childNamed(entry, 'content');
    const bodyElement = content && textOf(content).trim() !== '' ? content : childNamed(entry, 'summary');
    const title = isHtml(titleElement) ? htmlToText(textOf(titleElement), 10_000).replace(/\n/g, ' ') : textOf(titleElement).trim();
    return {
      id: textOf(childNamed(entry, 'id')).trim() || link || title,
      title,
      link,
      published: isoTime(textOf(childNamed(entry, 'published'))),
      updated: isoTime(textOf(childNamed(entry, 'updated'))),
      body: textOf(bodyElement),
      // type="xhtml" content arrives as child elements, already reduced to their text here.
      bodyIsHtml: isHtml(bodyElement),
    };
  });
  return { format: 'atom', title: textOf(childNamed(root, 'title')).trim(), link: alternateLink(root), items };
}

/** Atom text constructs: type "text" (the default) is plain, "html" is escaped markup. */
function isHtml(element: XmlElement | undefined): boolean {
  const type = element?.attributes.type;
  return type === 'html' || type === 'text/html';
}

/** Atom's `<link rel="alternate" href>` (rel defaults to alternate). */
function alternateLink(element: XmlElement): string | null {
  const links = childrenNamed(element, 'link');
  const alternate = links.find((link) => (link.attributes.rel ?? 'alternate') === 'alternate');
  return httpUrl(alternate?.attributes.href ?? '');
}

export function httpUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function isoTime(text: string | null | undefined): string | null {
  if (!text || text.trim() === '') return null;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
