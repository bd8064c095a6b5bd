import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Which file of the built renderer a request names, for both ways the page is served: the desktop
 * app's app:// protocol and browser mode's loopback server. One resolver, so a rule added for one
 * (dotfiles, symlinks) cannot be missing from the other.
 */
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

export function rendererContentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererRefusal = { status: 400 | 403 | 404; reason: string };
export type RendererPathTarget = { file: string } | RendererRefusal;

const LEAVES_FOLDER: RendererRefusal = { status: 403, reason: 'path leaves the renderer folder' };

/**
 * The file under `rendererDir` that a URL path (still percent-encoded, as `URL.pathname` gives it)
 * names; `/` is index.html. Refused: a malformed escape (400), and an encoded path that would leave
 * the folder (`%2f..`, backslashes, NUL, drive letters) or names a dotfile (403).
 */
export function resolveRendererPath(rendererDir: string, encodedPathname: string): RendererPathTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.') || /[\\\0:]/.test(segment))) return LEAVES_FOLDER;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return LEAVES_FOLDER;
  return { file };
}

export type RendererFile = { status: 200; file: string; body: Buffer; contentType: string } | RendererRefusal;

/**
 * Reads what `resolveRendererPath` names; a symlink inside the folder must not lead out of it.
 * Synchronously: the files are few, small and on the local disk, and read in one go a request is
 * answered in one turn of the event loop. Asynchronously it took five (realpath, open, stat, read,
 * close), and while the engine starts each turn can wait a hundred milliseconds behind its work.
 */
export function readRendererFile(rendererDir: string, encodedPathname: string): RendererFile {
  const target = resolveRendererPath(rendererDir, encodedPathname);
  if ('status' in target) return target;
  try {
    const real = realpathSync(target.file);
    if (!real.startsWith(realpathSync(rendererDir) + path.sep)) return LEAVES_FOLDER;
    return { status: 200, file: target.file, body: readFileSync(real), contentType: rendererContentType(target.file) };
  } catch {
    return { status: 404, reason: 'not found' };
  }
}
