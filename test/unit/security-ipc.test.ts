import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../shared/api';
import { createCommandHandlers } from '../../electron/bridge/command-handlers';
import { DASHBOARD_URL } from '../../electron/security/app-protocol';
import { handleIpcCommand, isTrustedSender, type IpcSender } from '../../electron/security/ipc-sender-policy';
import { startTestEngine, testConfig } from '../helpers/engine-harness';

const dashboard: IpcSender = { frameUrl: DASHBOARD_URL, isMainFrame: true, fromDashboard: true };

describe('IPC sender policy', () => {
  it('trusts the dashboard window’s main frame on the app’s own page, whatever its route', () => {
    expect(isTrustedSender(dashboard)).toBe(true);
    expect(isTrustedSender({ ...dashboard, frameUrl: `${DASHBOARD_URL}#/incidents/42` })).toBe(true);
    expect(isTrustedSender({ ...dashboard, frameUrl: 'app://oncall/' })).toBe(true);
  });

  it.each<[string, Partial<IpcSender>]>([
    ['a subframe of the dashboard', { isMainFrame: false }],
    ['another window or DevTools', { fromDashboard: false }],
    ['DevTools’ own page', { frameUrl: 'devtools://devtools/bundled/devtools_app.html' }],
    ['a frame that is gone', { frameUrl: null }],
    ['another page of the app', { frameUrl: 'app://oncall/assets/index.js' }],
    ['the renderer file opened directly', { frameUrl: 'file:///opt/on-call-companion/resources/app.asar/out/renderer/index.html' }],
    ['another file path', { frameUrl: 'file:///tmp/evil/index.html' }],
    ['another app host', { frameUrl: 'app://evil/index.html' }],
    ['a web page', { frameUrl: 'https://evil.example/index.html' }],
    ['a web page with the app in its path', { frameUrl: 'https://evil.example/app://oncall/index.html' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['a data: page', { frameUrl: 'data:text/html,<script>1</script>' }],
    ['nonsense', { frameUrl: 'not a url' }],
  ])('refuses %s', (_what, change) => {
    expect(isTrustedSender({ ...dashboard, ...change })).toBe(false);
  });
});

describe('the one IPC command wrapper', () => {
  it('runs trusted commands, answers every failure with an {error} envelope that names it, and lets untrusted ones do nothing', async () => {
    const engine = startTestEngine(testConfig([]));
    try {
      const handlers = createCommandHandlers(engine, { openExternal: async () => true });
      const paused = await handleIpcCommand(handlers, 'pauseNotifications', { minutes: 30 }, dashboard);
      expect(paused).toMatchObject({ ok: true, result: { pausedUntil: expect.any(String) } });
      await handleIpcCommand(handlers, 'resumeNotifications', {}, dashboard);

      const before = JSON.stringify(engine.snapshot().notifications);
      for (const name of COMMAND_NAMES) {
        const refused = await handleIpcCommand(handlers, name, { minutes: 30 }, { ...dashboard, isMainFrame: false });
        expect(refused, name).toEqual({ ok: false, error: { code: 'unauthorized', message: `${name}: IPC from an untrusted frame (a subframe)` } });
      }
      expect(JSON.stringify(engine.snapshot().notifications)).toBe(before);

      expect(await handleIpcCommand(handlers, 'pauseNotifications', { minutes: 'soon' }, dashboard)).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: expect.stringMatching(/^pauseNotifications: minutes: /) },
      });
      expect(await handleIpcCommand(handlers, 'runShell', {}, dashboard)).toEqual({ ok: false, error: { code: 'unknown-command', message: 'unknown command "runShell"' } });
      // A handler that throws crosses as a message, not as a rejected invoke.
      expect(await handleIpcCommand(handlers, 'getRunbook', { id: 'x' }, dashboard)).toEqual({ ok: false, error: { code: 'failed', message: 'getRunbook: runbooks are not available here' } });
    } finally {
      engine.stop();
    }
  });
});
