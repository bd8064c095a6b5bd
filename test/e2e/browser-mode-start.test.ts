import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';
import { startWebApp, type RunningWebApp } from '../helpers/web-app';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the built browser mode (`npm run web` built it) until it exits; what it printed and its exit code. */
function runBundle(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'out/web/web.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('browser mode starts from its bundle and serves the page while the engine starts', () => {
  let am: RunningAlertmanager;
  let app: RunningWebApp;
  const folder = useTempFolder('occ-signal-');

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, [{ labels: { alertname: 'StartCheck', severity: 'warning', service: 'api' }, annotations: { summary: 'seen at start' } }]);
    app = await startWebApp(`sources:\n  - type: alertmanager\n    name: am\n    url: ${am.url}\n    interval: 1s\n`);
  });

  afterAll(async () => {
    await app?.stop();
    await am?.stop();
  });

  it('answers a command sent the moment the URL is printed, once the engine has started', async () => {
    const token = /#token=([\w-]+)/.exec(app.openUrl)![1]!;
    const response = await fetch(new URL('/api/commands/getSnapshot', app.openUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; result: { sources: Array<{ name: string }> } };
    expect(body.ok).toBe(true);
    expect(body.result.sources.map((source) => source.name)).toEqual(['am']);
  });

  it('refuses a second instance on the same data folder before it prints any URL, and the first keeps serving', async () => {
    const second = await runBundle(['--config', app.configPath], { ...process.env, ONCALL_DATA_DIR: app.dataDir });
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('ready:');
    expect(second.stderr).toContain(`is using the data folder ${app.dataDir}`);
    const page = await fetch(new URL('/', app.openUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s saves what it holds, lets go of its data folder and exits 0', async (signal) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'out/web/web.js'), '--config', app.configPath], {
      cwd: ROOT,
      env: { ...process.env, ONCALL_DATA_DIR: folder.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let stdout = '';
    const openUrl = await new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /ready: (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      }),
    );
    const token = /#token=([\w-]+)/.exec(openUrl)![1]!;
    // The engine has the alert from Alertmanager; the cache would be written 2 s after that change, the exit comes first.
    for (;;) {
      const response = await fetch(new URL('/api/commands/getSnapshot', openUrl), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      const body = (await response.json()) as { result: { alerts: Array<{ labels: Record<string, string> }> } };
      if (body.result.alerts.some((alert) => alert.labels.alertname === 'StartCheck')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill(signal);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(readFileSync(path.join(folder.dir, 'cache', 'last-known-state.json'), 'utf8')).toContain('StartCheck');
    for (const lock of ['on-call-companion.lock', 'alert-history.sqlite.lock']) expect(existsSync(path.join(folder.dir, lock)), lock).toBe(false);
  });
});
