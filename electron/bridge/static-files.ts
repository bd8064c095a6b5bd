import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../security/content-security-policy';
import { readRendererFile } from '../security/renderer-files';

/** Every answer of browser mode's server carries the browser-mode policy (electron/security). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(securityHeaders('browser'));

const REFUSAL_TEXT = { 400: 'bad request', 403: 'forbidden', 404: 'not found' } as const;

/**
 * Serves the built renderer from `root` by the same rules as the desktop app's app:// protocol
 * (electron/security/renderer-files.ts): no path, encoded or symlinked, leads out of it, and no dotfile is served.
 */
export function serveStatic(root: string, encodedPathname: string, response: ServerResponse): void {
  const answer = readRendererFile(root, encodedPathname);
  if (answer.status !== 200) {
    response.writeHead(answer.status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(REFUSAL_TEXT[answer.status]);
    return;
  }
  const isPage = answer.file === path.resolve(root, 'index.html');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': answer.contentType,
    // The page names the hashed assets of its build: the page is never cached, the assets for good.
    'cache-control': isPage ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  response.end(answer.body);
}
