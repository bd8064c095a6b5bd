import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron binary cannot run here, so this is the one place with a fake 'electron' module:
 * it records what window.ts and ipc.ts ask of Electron, to check the security settings and the
 * IPC checks that they apply.
 */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const opened: string[] = [];
  const windows: Array<{ options: Record<string, unknown>; contents: EventEmitter & { openHandler?: (details: { url: string }) => unknown } }> = [];
  let permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  return { handlers, opened, windows, permission: () => permissionHandler, setPermission: (h: typeof permissionHandler) => (permissionHandler = h) };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    webContents: EventEmitter & { openHandler?: unknown; setWindowOpenHandler(h: unknown): void; send(): void };
    constructor(readonly options: Record<string, unknown>) {
      super();
      const contents = Object.assign(new Emitter(), {
        setWindowOpenHandler(handler: unknown) {
          (contents as { openHandler?: unknown }).openHandler = handler;
        },
        send() {},
      });
      this.webContents = contents;
      electron.windows.push({ options, contents: contents as never });
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    BrowserWindow,
    session: { defaultSession: { setPermissionRequestHandler: (handler: never) => electron.setPermission(handler) } },
    shell: { openExternal: (url: string) => void electron.opened.push(url) },
    ipcMain: {
      handle: (channel: string, handler: never) => electron.handlers.set(channel, handler),
      removeHandler: (channel: string) => electron.handlers.delete(channel),
    },
  };
});

const { createMainWindow } = await import('../../electron/window');
const { registerIpc } = await import('../../electron/ipc');
const { createCommandHandlers } = await import('../../electron/bridge/command-handlers');
const { startTestEngine, testConfig } = await import('../helpers/engine-harness');

describe('the dashboard window', () => {
  beforeEach(() => {
    electron.windows.length = 0;
    electron.opened.length = 0;
  });

  it('is isolated and sandboxed, with no Node in the page', () => {
    createMainWindow({ preloadPath: '/app/preload.cjs', iconPath: '/app/icon.png' });
    expect(electron.windows[0]!.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('never navigates away, opens only http(s) links in the system browser, and grants no permissions', () => {
    createMainWindow({ preloadPath: '/p', iconPath: '/i' });
    const { contents } = electron.windows[0]!;
    const navigation = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.emit('will-navigate', navigation);
    expect(navigation.prevented).toBe(true);
    for (const url of ['https://runbooks.example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'http://grafana.example.com/d/1']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.opened).toEqual(['https://runbooks.example.com/x', 'http://grafana.example.com/d/1']);
    let granted: boolean | undefined;
    electron.permission()!({}, 'notifications', (value) => (granted = value));
    expect(granted).toBe(false);
  });
});

describe('IPC wiring', () => {
  it('answers our page, refuses other frames, and validates inputs with the shared schemas', async () => {
    const engine = startTestEngine(testConfig([]));
    const window = createMainWindow({ preloadPath: '/p', iconPath: '/i' });
    registerIpc(createCommandHandlers(engine, { openExternal: async () => true }), engine, window, 'file:///app/out/renderer/index.html');
    const invoke = (channel: string, url: string, input: unknown, parent: unknown = null) =>
      electron.handlers.get(channel)!({ senderFrame: { url, parent } }, input);

    expect(await invoke('oncall:command:getSnapshot', 'file:///app/out/renderer/index.html', {})).toMatchObject({ ok: true });
    expect(await invoke('oncall:command:getSnapshot', 'https://evil.example/', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke('oncall:command:getSnapshot', 'file:///app/out/renderer/index.html', {}, { url: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke('oncall:command:pauseNotifications', 'file:///app/out/renderer/index.html', { minutes: -5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('minutes') },
    });
    expect(await invoke('oncall:command:openExternal', 'file:///app/out/renderer/index.html', { url: 'javascript:alert(1)' })).toEqual({ ok: true, result: { opened: false } });
    engine.stop();
  });
});
