import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../security/content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Every answer of browser mode's server carries the browser-mode policy (electron/security). */
export const SECURITY_HEADERS: Record<string, string> = securityHeaders('browser');

/** Serves the built renderer from `root`; malformed paths and paths that would leave it are refused. */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const decoded = pathname === '/' ? '/index.html' : safeDecode(pathname);
  if (decoded === null) return sendText(response, 400, 'bad request');
  const relative = decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(response, 403, 'forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendText(response, 404, 'not found');
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': relative === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  response.end(body);
}

/** `decodeURIComponent`, with null for a malformed escape such as `%E0%A4%A` instead of a URIError. */
function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
