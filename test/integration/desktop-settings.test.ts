import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandlers, dispatchCommand } from '../../electron/bridge/command-handlers';
import { startWebBridge } from '../../electron/bridge/web-bridge';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import { createDesktopSettings, type DesktopSettingsController } from '../../electron/desktop/desktop-settings';
import { autostartFile, xdgLoginItem } from '../../electron/desktop/xdg-autostart';
import type { Engine } from '../../electron/engine/engine';
import { createConfSettingsStore } from '../../electron/persistence/settings-store';
import { startTestEngine, testConfig } from '../helpers/engine-harness';
import { useTempFolder } from '../helpers/temp-folder';

const temp = useTempFolder('oncall-desktop-settings-');

/** A command over the bridge as the browser page sends it; resolves with the status, or rejects with the socket error code. */
function postCommand(openUrl: string, name: string, token: string) {
  const url = new URL(openUrl);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { agent: false, host: url.hostname, port: url.port, method: 'POST', path: `/api/commands/${name}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
    req.end('{}');
  });
}

const tokenOf = (openUrl: string) => /#token=(.+)$/.exec(openUrl)![1]!;

describe('desktop settings with a real bridge and a real autostart folder', () => {
  let engine: Engine;
  const opened: DesktopSettingsController[] = [];
  const logged: string[] = [];

  beforeEach(async () => {
    engine = startTestEngine(testConfig([SourceConfigSchema.parse({ type: 'demo', name: 'demo', interval: '1s', timeout: '1s' })]));
    await temp.write('renderer/index.html', '<!doctype html><title>test</title>');
  });

  afterEach(async () => {
    for (const controls of opened.splice(0)) await controls.stop();
    engine.stop();
    logged.length = 0;
  });

  const xdgEnv = () => ({ XDG_CONFIG_HOME: path.join(temp.dir, 'xdg') });

  function open(env: NodeJS.ProcessEnv = xdgEnv(), command = ['/opt/oncall/on-call-companion']) {
    const store = createConfSettingsStore(path.join(temp.dir, 'data'));
    // The browser gets the commands without the desktop controls: a page cannot turn browser access off or on.
    const bridgeHandlers = createCommandHandlers(engine, { openExternal: async () => false });
    const controls = createDesktopSettings({
      store,
      loginItem: xdgLoginItem({ env, homeDir: temp.dir, appName: 'On-Call Companion', command }),
      startBridge: () => startWebBridge({ engine, handlers: bridgeHandlers, rendererDir: path.join(temp.dir, 'renderer'), log: (message) => logged.push(message) }),
      log: (message) => logged.push(message),
    });
    opened.push(controls);
    return { controls, handlers: createCommandHandlers(engine, { openExternal: async () => false, desktop: controls }) };
  }

  it('is off by default, serves the dashboard with the token once turned on, and refuses connections once off', async () => {
    const { controls, handlers } = open();
    await controls.start();
    expect(controls.get()).toEqual({ available: true, startAtLogin: false, browserAccess: false, browserUrl: null, problem: null });

    const on = await dispatchCommand(handlers, 'setDesktopSettings', { browserAccess: true });
    expect(on.ok).toBe(true);
    const url = controls.get().browserUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const answer = await postCommand(url, 'getDesktopSettings', tokenOf(url));
    expect(answer.status).toBe(200);
    // Seen from the browser, the desktop settings are not available.
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, result: { available: false } });
    expect((await postCommand(url, 'getDesktopSettings', 'wrong-token')).status).toBe(401);

    await controls.set({ browserAccess: false });
    expect(controls.get()).toMatchObject({ browserAccess: false, browserUrl: null, problem: null });
    await expect(postCommand(url, 'getDesktopSettings', tokenOf(url))).rejects.toThrow('ECONNREFUSED');
  });

  it('remembers both choices: the next launch writes the autostart entry again and serves with a new token', async () => {
    const first = open();
    await first.controls.start();
    await first.controls.set({ startAtLogin: true, browserAccess: true });
    const firstUrl = first.controls.get().browserUrl!;
    expect(await readFile(autostartFile({ XDG_CONFIG_HOME: path.join(temp.dir, 'xdg') }, temp.dir), 'utf8')).toContain('Exec=/opt/oncall/on-call-companion\n');
    await first.controls.stop();
    await expect(postCommand(firstUrl, 'getDesktopSettings', tokenOf(firstUrl))).rejects.toThrow('ECONNREFUSED');

    const second = open();
    await second.controls.start();
    const settings = second.controls.get();
    expect(settings).toMatchObject({ startAtLogin: true, browserAccess: true, problem: null });
    expect(tokenOf(settings.browserUrl!)).not.toBe(tokenOf(firstUrl));
    expect((await postCommand(settings.browserUrl!, 'getDesktopSettings', tokenOf(settings.browserUrl!))).status).toBe(200);

    await second.controls.set({ startAtLogin: false });
    await expect(readFile(autostartFile({ XDG_CONFIG_HOME: path.join(temp.dir, 'xdg') }, temp.dir))).rejects.toThrow(/ENOENT/);
  });

  it('writes the entry again at launch, so it follows an app that moved', async () => {
    const first = open();
    await first.controls.set({ startAtLogin: true });
    const second = open(xdgEnv(), ['/home/u/Apps/OnCall.AppImage', '--hidden']);
    await second.controls.start();
    expect(second.controls.get()).toMatchObject({ startAtLogin: true, problem: null });
    expect(await readFile(autostartFile(xdgEnv(), temp.dir), 'utf8')).toContain('Exec=/home/u/Apps/OnCall.AppImage --hidden\n');
  });

  it.each([
    ['disabled in the desktop settings (GNOME)', async (file: string) => writeFile(file, (await readFile(file, 'utf8')).replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'))],
    ['removed by hand', async (file: string) => rm(file)],
  ])('leaves an entry the user %s as it is, and shows start at login off', async (_case, change) => {
    const first = open();
    await first.controls.set({ startAtLogin: true });
    const file = autostartFile(xdgEnv(), temp.dir);
    await change(file);
    const before = await readFile(file, 'utf8').catch(() => 'removed');

    const second = open();
    await second.controls.start();
    expect(second.controls.get()).toMatchObject({ startAtLogin: false, problem: null });
    expect(await readFile(file, 'utf8').catch(() => 'removed')).toBe(before);
    expect(logged).toEqual([expect.stringContaining('turned off in the system settings')]);
    // Saved: the launch after that does not bring it back either, and turning it on again writes a fresh entry.
    await open().controls.start();
    expect(await readFile(file, 'utf8').catch(() => 'removed')).toBe(before);
    expect(await open().controls.set({ startAtLogin: true })).toMatchObject({ startAtLogin: true, problem: null });
    expect(await readFile(file, 'utf8')).toContain('X-GNOME-Autostart-enabled=true');
  });

  it('writes the entry again when the system setting cannot be read', async () => {
    const first = open();
    await first.controls.set({ startAtLogin: true });
    const file = autostartFile(xdgEnv(), temp.dir);
    // A folder where the entry should be: reading it fails with EISDIR, not ENOENT.
    await rm(file);
    await mkdir(file);
    const second = open();
    await second.controls.start();
    expect(second.controls.get().startAtLogin).toBe(true);
    expect(logged[0]).toMatch(/system setting could not be read.*EISDIR/);
  });

  it('reports a start-at-login that cannot be written, and keeps it off', async () => {
    // The config folder is a file: the autostart folder cannot be made.
    await writeFile(path.join(temp.dir, 'not-a-folder'), '');
    const { controls } = open({ XDG_CONFIG_HOME: path.join(temp.dir, 'not-a-folder') });
    await controls.start();
    const settings = await controls.set({ startAtLogin: true });
    expect(settings.startAtLogin).toBe(false);
    expect(settings.problem).toMatch(/^Start at login could not be turned on: .*(ENOTDIR|EEXIST)/);
    expect(logged).toEqual([settings.problem]);
    expect(open().controls.get().startAtLogin).toBe(false);
  });

  it('starts one bridge for two quick clicks', async () => {
    const { controls } = open();
    await controls.start();
    const [a, b] = await Promise.all([controls.set({ browserAccess: true }), controls.set({ browserAccess: true })]);
    expect(a.browserUrl).toBe(b.browserUrl);
  });
});
