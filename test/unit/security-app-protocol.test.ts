import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_URL, appProtocolResponse, resolveAppRequest } from '../../electron/security/app-protocol';
import { contentSecurityPolicy } from '../../electron/security/content-security-policy';

describe('the app:// protocol serving the renderer', () => {
  let dir: string;
  let renderer: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-app-protocol-'));
    renderer = path.join(dir, 'renderer');
    await mkdir(path.join(renderer, 'assets'), { recursive: true });
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>dashboard</title>');
    await writeFile(path.join(renderer, 'assets', 'index-abc.js'), 'export const x = 1;');
    await writeFile(path.join(renderer, 'assets', 'index-abc.css'), 'body{}');
    await writeFile(path.join(renderer, '.env'), 'TOKEN=hidden');
    await writeFile(path.join(dir, 'secret.txt'), 'not for the page');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the dashboard and its assets with their types, the desktop CSP and the other security headers', async () => {
    const page = appProtocolResponse(renderer, DASHBOARD_URL);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>dashboard</title>');
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy('desktop'),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect((appProtocolResponse(renderer, 'app://oncall/')).body.toString()).toContain('dashboard');
    const script = appProtocolResponse(renderer, 'app://oncall/assets/index-abc.js?v=1#x');
    expect(script).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect((appProtocolResponse(renderer, 'app://oncall/assets/index-abc.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each([
    ['app://oncall/..%2fsecret.txt', 403],
    // Folded by the URL parser to /secret.txt inside the folder, where there is none.
    ['app://oncall/%2e%2e/secret.txt', 404],
    ['app://oncall/assets/..%2f..%2fsecret.txt', 403],
    ['app://oncall/..%5csecret.txt', 403],
    ['app://oncall/index.html%00.js', 403],
    ['app://oncall/C:%5cWindows%5cwin.ini', 403],
    ['app://oncall/.env', 403],
    ['app://oncall/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['app://oncall:8080/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://oncall/index.html', 403],
    ['not a url', 400],
    ['app://oncall/missing.js', 404],
  ])('refuses %s with %i and still sends the CSP', async (url, status) => {
    const answer = appProtocolResponse(renderer, url);
    expect(answer.status).toBe(status);
    expect(answer.body.toString()).not.toContain('not for the page');
    expect(answer.body.toString()).not.toContain('hidden');
    expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy('desktop'));
  });

  it('resolves only to files inside the renderer folder', () => {
    expect(resolveAppRequest(renderer, 'app://oncall/assets/index-abc.js')).toEqual({ file: path.join(renderer, 'assets', 'index-abc.js') });
    expect(resolveAppRequest(renderer, 'app://oncall/assets//index-abc.js')).toEqual({ file: path.join(renderer, 'assets', 'index-abc.js') });
    // The URL parser already folds a plain `..`; the result stays inside.
    expect(resolveAppRequest(renderer, 'app://oncall/assets/../../secret.txt')).toEqual({ file: path.join(renderer, 'secret.txt') });
  });

  it('does not follow a symlink that points out of the folder', async () => {
    await symlink(path.join(dir, 'secret.txt'), path.join(renderer, 'link.txt'));
    const answer = appProtocolResponse(renderer, 'app://oncall/link.txt');
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).not.toContain('not for the page');
  });
});
