import type { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron binary cannot run here, so this is the one place with a fake 'electron' module:
 * it records what window.ts and ipc.ts ask of Electron, to check the security settings and the
 * IPC checks that they apply. Like Electron, creating any web contents emits the app's
 * 'web-contents-created', and every web contents belongs to a session.
 */
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
interface FakeSession {
  requestHandler?: PermissionRequestHandler;
  checkHandler?: PermissionCheckHandler;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
}
type FakeContents = EventEmitter & { session: FakeSession; openHandler?: (details: { url: string }) => unknown };

const electron = vi.hoisted(() => {
  const newSession = (): FakeSession => ({
    setPermissionRequestHandler(handler) {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      this.checkHandler = handler;
    },
  });
  return {
    handlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
    opened: [] as string[],
    /** URLs for which shell.openExternal rejects, as it does when no browser is set up. */
    failingUrls: new Set<string>(),
    windows: [] as Array<{ options: Record<string, unknown>; contents: FakeContents }>,
    newSession,
    defaultSession: newSession(),
    /** What main.ts did when its launch failed. */
    exitCodes: [] as number[],
    errorBoxes: [] as Array<{ title: string; content: string }>,
    /** Calls of `app.quit()`; `onQuit` runs at each, to see the state at that moment. */
    quits: 0,
    onQuit: undefined as (() => void) | undefined,
    /** Filled in by the mock factory: the fake `app` and `powerMonitor`, and a way to create web contents as Electron would. */
    app: undefined as unknown as EventEmitter,
    powerMonitor: undefined as unknown as EventEmitter,
    createContents: undefined as unknown as (session?: FakeSession) => FakeContents,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    setName() {},
    setAppUserModelId() {},
    whenReady: () => Promise.resolve(),
    quit() {
      electron.quits += 1;
      electron.onQuit?.();
    },
    exit: (code = 0) => void electron.exitCodes.push(code),
  });
  electron.app = app;
  electron.powerMonitor = new Emitter();
  electron.createContents = (session = electron.defaultSession) => {
    const contents = Object.assign(new Emitter(), {
      session,
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        (contents as FakeContents).openHandler = handler;
      },
      send() {},
    });
    app.emit('web-contents-created', { preventDefault() {} }, contents);
    return contents as FakeContents;
  };
  class BrowserWindow extends Emitter {
    webContents: FakeContents;
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.webContents = electron.createContents();
      electron.windows.push({ options, contents: this.webContents });
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    loadFile() {
      return Promise.resolve();
    }
    show() {}
    hide() {}
    focus() {}
    restore() {}
  }
  class Tray extends Emitter {
    setImage() {}
    setToolTip() {}
    setContextMenu() {}
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, content: string) => void electron.errorBoxes.push({ title, content }) },
    powerMonitor: electron.powerMonitor,
    // As on Linux without a keyring: tokens fall back to the 0600 file.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    Tray,
    Menu: { buildFromTemplate: (template: unknown[]) => template },
    nativeImage: { createFromPath: (file: string) => ({ file }) },
    session: { defaultSession: electron.defaultSession },
    shell: {
      openExternal: (url: string) => {
        electron.opened.push(url);
        return electron.failingUrls.has(url) ? Promise.reject(new Error('no browser')) : Promise.resolve();
      },
    },
    ipcMain: {
      handle: (channel: string, handler: never) => electron.handlers.set(channel, handler),
      removeHandler: (channel: string) => electron.handlers.delete(channel),
    },
  };
});

// electron-store needs Electron; conf is the same store without it, so main.ts opens real files.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor(options: { name: string; cwd: string }) {
        super({ cwd: options.cwd, configName: options.name, projectName: 'on-call-companion-test' });
      }
    },
  };
});

const { createMainWindow, secureAllWebContents } = await import('../../electron/window');
const { registerIpc } = await import('../../electron/ipc');
const { createCommandHandlers } = await import('../../electron/bridge/command-handlers');
const { startTestEngine, testConfig } = await import('../helpers/engine-harness');

function cancellable() {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

/** What a web contents lets through: navigation, <webview>, and which window.open URLs reach the system browser. */
function expectLockedDown(contents: FakeContents) {
  for (const event of ['will-navigate', 'will-attach-webview']) {
    const attempt = cancellable();
    contents.emit(event, attempt, 'https://evil.example/');
    expect(attempt.prevented, event).toBe(true);
  }
  electron.opened.length = 0;
  for (const url of ['https://runbooks.example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'http://grafana.example.com/d/1']) {
    expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
  }
  expect(electron.opened).toEqual(['https://runbooks.example.com/x', 'http://grafana.example.com/d/1']);
}

function expectNoPermissions(session: FakeSession) {
  let granted: boolean | undefined;
  session.requestHandler!({}, 'notifications', (value) => (granted = value));
  expect(granted).toBe(false);
  for (const permission of ['notifications', 'media', 'clipboard-read', 'geolocation']) {
    expect(session.checkHandler!(null, permission, 'file://'), permission).toBe(false);
  }
}

describe('the dashboard window', () => {
  beforeEach(() => {
    electron.windows.length = 0;
    electron.opened.length = 0;
    electron.app.removeAllListeners();
    electron.defaultSession.requestHandler = undefined;
    electron.defaultSession.checkHandler = undefined;
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

  it('guards itself: never navigates away, opens only http(s) links in the system browser, and grants no permissions', () => {
    createMainWindow({ preloadPath: '/p', iconPath: '/i' });
    expectLockedDown(electron.windows[0]!.contents);
    expectNoPermissions(electron.defaultSession);
  });

  it('gets the guard once when the app-wide one is installed too', () => {
    secureAllWebContents();
    createMainWindow({ preloadPath: '/p', iconPath: '/i' });
    const { contents } = electron.windows[0]!;
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expectLockedDown(contents);
  });
});

describe('the app-wide guard', () => {
  beforeEach(() => {
    electron.opened.length = 0;
    electron.app.removeAllListeners();
    electron.defaultSession.requestHandler = undefined;
    electron.defaultSession.checkHandler = undefined;
  });

  it('denies permission requests and checks in the default session', () => {
    secureAllWebContents();
    expectNoPermissions(electron.defaultSession);
  });

  it('locks down every web contents, not only the dashboard, including those in other sessions', () => {
    secureAllWebContents();
    // Say DevTools, or a page some later change opens in its own partition.
    const partition = electron.newSession();
    const other = electron.createContents(partition);
    expectLockedDown(other);
    expectNoPermissions(partition);
    expectLockedDown(electron.createContents());
  });

  it('reports a link the system browser cannot open instead of leaving a rejected promise', async () => {
    secureAllWebContents();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      electron.failingUrls.add('https://runbooks.example.com/broken');
      const contents = electron.createContents();
      expect(contents.openHandler!({ url: 'https://runbooks.example.com/broken' })).toEqual({ action: 'deny' });
      await vi.waitFor(() => expect(stderr).toHaveBeenCalledWith(expect.stringContaining('could not open https://runbooks.example.com/broken')));
    } finally {
      stderr.mockRestore();
      electron.failingUrls.clear();
    }
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

describe('the app lifecycle (main.ts)', () => {
  it('reports a failed launch in a dialog, in words, and exits with 1 instead of idling without a window', async () => {
    // The data folder cannot be created: its parent is a file.
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-main-'));
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    const saved = { argv: process.argv, dataDir: process.env.ONCALL_DATA_DIR };
    process.argv = [process.argv[0]!, 'main.js'];
    process.env.ONCALL_DATA_DIR = path.join(blocker, 'data');
    electron.windows.length = 0;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await import('../../electron/main');
      await vi.waitFor(() => expect(electron.exitCodes).toEqual([1]));
      expect(electron.errorBoxes).toEqual([
        { title: 'On-Call Companion could not start', content: expect.stringMatching(/^settings file .*settings\.json could not be opened: .*ENOTDIR/) },
      ]);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('could not start: Error: settings file'));
      expect(electron.windows).toEqual([]);
    } finally {
      stderr.mockRestore();
      process.argv = saved.argv;
      if (saved.dataDir === undefined) delete process.env.ONCALL_DATA_DIR;
      else process.env.ONCALL_DATA_DIR = saved.dataDir;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pauses the engine while the machine sleeps, and on quit saves everything before quitting again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-main-'));
    const configFile = path.join(dir, 'config.yaml');
    writeFileSync(configFile, 'sources: []\n');
    const dataDir = path.join(dir, 'data');
    const lockFile = path.join(dataDir, 'on-call-companion.lock');
    const saved = { argv: process.argv, dataDir: process.env.ONCALL_DATA_DIR };
    process.argv = [process.argv[0]!, 'main.js', '--config', configFile];
    process.env.ONCALL_DATA_DIR = dataDir;
    const failures = { exits: electron.exitCodes.length, boxes: electron.errorBoxes.length };
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // A fresh main.ts (the case above ran one), and the Engine class that this one will use.
      vi.resetModules();
      const { Engine } = await import('../../electron/engine/engine');
      const suspend = vi.spyOn(Engine.prototype, 'suspend');
      const resume = vi.spyOn(Engine.prototype, 'resume');
      await import('../../electron/main');
      // Listening for sleep is the last step of the start.
      await vi.waitFor(() => expect(electron.powerMonitor.listenerCount('suspend')).toBe(1), { timeout: 20_000 });
      expect(electron.exitCodes.slice(failures.exits)).toEqual([]);
      expect(electron.errorBoxes.slice(failures.boxes)).toEqual([]);
      expect(existsSync(lockFile)).toBe(true);

      electron.powerMonitor.emit('suspend');
      expect([suspend.mock.calls.length, resume.mock.calls.length]).toEqual([1, 0]);
      electron.powerMonitor.emit('resume');
      expect([suspend.mock.calls.length, resume.mock.calls.length]).toEqual([1, 1]);

      // The data folder is unlocked as the last step of stopping: still locked at quit means quit came too early.
      const lockedAtQuit: boolean[] = [];
      electron.onQuit = () => void lockedAtQuit.push(existsSync(lockFile));
      const quitsBefore = electron.quits;
      const firstQuit = cancellable();
      electron.app.emit('before-quit', firstQuit);
      expect(firstQuit.prevented).toBe(true);
      await vi.waitFor(() => expect(electron.quits).toBe(quitsBefore + 1), { timeout: 20_000 });
      expect(lockedAtQuit).toEqual([false]);
      // The quit that follows goes through.
      const secondQuit = cancellable();
      electron.app.emit('before-quit', secondQuit);
      expect(secondQuit.prevented).toBe(false);
    } finally {
      stderr.mockRestore();
      vi.restoreAllMocks();
      electron.onQuit = undefined;
      process.argv = saved.argv;
      if (saved.dataDir === undefined) delete process.env.ONCALL_DATA_DIR;
      else process.env.ONCALL_DATA_DIR = saved.dataDir;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
