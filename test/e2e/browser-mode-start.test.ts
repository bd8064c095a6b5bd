import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';
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
});
