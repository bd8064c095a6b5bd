import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from './content-security-policy';

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

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export type AppRequestTarget = { file: string } | { status: 400 | 403 | 404; reason: string };

/**
 * Which file under `rendererDir` a request URL names. Refused: another scheme or host, a malformed
 * or encoded path that would leave the folder (`..`, `%2e%2e`, `%2f`, backslashes, NUL), dotfiles.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403, reason: `not ${APP_ORIGIN}` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment.startsWith('.') || /[\\\0:]/.test(segment))) {
    return { status: 403, reason: 'path leaves the renderer folder' };
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return { status: 403, reason: 'path leaves the renderer folder' };
  return { file };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** The full answer to one app:// request: the file with its type and the security headers, or a short error. */
export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<AppResponse> {
  const headers = securityHeaders('desktop');
  const refuse = (status: number, reason: string): AppResponse => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: reason });
  const target = resolveAppRequest(rendererDir, requestUrl);
  if ('status' in target) return refuse(target.status, target.reason);
  let body: Buffer;
  try {
    // A symlink inside the folder must not lead out of it.
    const [real, realRoot] = await Promise.all([realpath(target.file), realpath(rendererDir)]);
    if (!real.startsWith(realRoot + path.sep)) return refuse(403, 'path leaves the renderer folder');
    body = await readFile(real);
  } catch {
    return refuse(404, 'not found');
  }
  const type = CONTENT_TYPES[path.extname(target.file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { ...headers, 'content-type': type, 'cache-control': 'no-cache' }, body };
}
