import { sendJson, type HttpAnswer, type HttpJsonOptions } from '../http-json';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/** GETs a feed the way every source reads: size limit, connect timeout, no redirects, failures in words. */
export function getText(url: URL, options: HttpJsonOptions): Promise<HttpAnswer> {
  return sendJson('GET', url, undefined, { ...options, headers: { accept: FEED_ACCEPT, ...options.headers } });
}
