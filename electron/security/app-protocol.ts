import { securityHeaders } from './content-security-policy';
import { readRendererFile, resolveRendererPath, type RendererPathTarget, type RendererRefusal } from './renderer-files';

/**
 * The desktop app serves its renderer through a privileged `app://` protocol instead of file://:
 * every response carries the CSP and the other security headers, the page has a real origin of
 * its own, and no other file on disk is reachable from it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'oncall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the app shows, and the one IPC trusts. */
export const DASHBOARD_URL = `${APP_ORIGIN}/index.html`;

export type AppRequestTarget = RendererPathTarget;

/**
 * Which file under `rendererDir` a request URL names. Refused: another scheme or host, a malformed
 * or encoded path that would leave the folder (`..`, `%2e%2e`, `%2f`, backslashes, NUL), dotfiles.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestTarget {
  const url = parseAppUrl(requestUrl);
  return url instanceof URL ? resolveRendererPath(rendererDir, url.pathname) : url;
}

function parseAppUrl(requestUrl: string): URL | RendererRefusal {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403, reason: `not ${APP_ORIGIN}` };
  return url;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** The full answer to one app:// request: the file with its type and the security headers, or a short error. */
export function appProtocolResponse(rendererDir: string, requestUrl: string): AppResponse {
  const headers = securityHeaders('desktop');
  const refuse = (status: number, reason: string): AppResponse => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: reason });
  const url = parseAppUrl(requestUrl);
  if (!(url instanceof URL)) return refuse(url.status, url.reason);
  const answer = readRendererFile(rendererDir, url.pathname);
  if (answer.status !== 200) return refuse(answer.status, answer.reason);
  return { status: 200, headers: { ...headers, 'content-type': answer.contentType, 'cache-control': 'no-cache' }, body: answer.body };
}
