import type { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

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
    windows: [] as Array<{ options: Record<string, unknown>; contents: FakeContents; loaded: string[]; window: EventEmitter & { shown: number } }>,
    /** The system theme main.ts reads for the window's background. */
    darkTheme: true,
    /** What window.ts registered with `protocol`: privileged schemes and the handler per scheme. */
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
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
    setAsDefaultProtocolClient: () => true,
    setLoginItemSettings() {},
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    getAppPath: () => process.cwd(),
    whenReady: () => Promise.resolve(),
    quit() {
      electron.quits += 1;
      electron.onQuit?.();
    },
    exit: (code = 0) => void electron.exitCodes.push(code),
  });
  electron.app = app;
  electron.powerMonitor = new Emitter();
  let nextContentsId = 0;
  electron.createContents = (session = electron.defaultSession) => {
    const contents = Object.assign(new Emitter(), {
      id: (nextContentsId += 1),
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
    loaded: string[] = [];
    shown = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.webContents = electron.createContents();
      electron.windows.push({ options, contents: this.webContents, loaded: this.loaded, window: this });
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    setBounds() {}
    maximize() {}
    loadFile() {
      return Promise.resolve();
    }
    show() {
      this.shown += 1;
    }
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
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
    },
    // As on Linux without a keyring: tokens fall back to the 0600 file.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    Tray,
    Menu: { buildFromTemplate: (template: unknown[]) => template },
    nativeImage: { createFromPath: (file: string) => ({ file }) },
    nativeTheme: {
      get shouldUseDarkColors() {
        return electron.darkTheme;
      },
    },
    session: { defaultSession: electron.defaultSession },
    shell: {
      openExternal: (url: string) => {
        electron.opened.push(url);
        return electron.failingUrls.has(url) ? Promise.reject(new Error('no browser')) : Promise.resolve();
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void electron.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void electron.protocolHandlers.set(scheme, handler),
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

const { createMainWindow, registerAppScheme, secureAllWebContents, serveRenderer } = await import('../../electron/window');
const { secureWebPreferences } = await import('../../electron/security/web-preferences');
const { contentSecurityPolicy } = await import('../../electron/security/content-security-policy');
const { registerIpc } = await import('../../electron/ipc');
const { createCommandHandlers } = await import('../../electron/bridge/command-handlers');
const { startTestEngine, testConfig } = await import('../helpers/engine-harness');

function cancellable() {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

/**
 * What a web contents lets through: navigation only within the app's page, no <webview>, and
 * which links (navigations or window.open) reach the system browser instead.
 */
function expectLockedDown(contents: FakeContents) {
  electron.opened.length = 0;
  const navigate = (event: string, url: string) => {
    const attempt = { ...cancellable(), url };
    contents.emit(event, attempt, url);
    return attempt.prevented;
  };
  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    expect(navigate(event, 'app://oncall/index.html#/alerts'), event).toBe(false);
    expect(navigate(event, 'https://evil.example/'), event).toBe(true);
    expect(navigate(event, 'file:///etc/passwd'), event).toBe(true);
    expect(navigate(event, 'app://oncall/../../etc/passwd.html'), event).toBe(true);
  }
  expect(navigate('will-attach-webview', 'app://oncall/index.html')).toBe(true);
  // A link that would have replaced the dashboard opens in the browser instead, once per event.
  expect(electron.opened).toEqual(['https://evil.example/', 'https://evil.example/', 'https://evil.example/']);
  electron.opened.length = 0;
  for (const url of ['https://runbooks.example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'http://grafana.example.com/d/1', 'https://user:pw@evil.example/', 'app://oncall/index.html']) {
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

  it('is isolated and sandboxed, with no Node in the page: the checked webPreferences, unchanged', () => {
    createMainWindow({ preloadPath: '/app/preload.cjs', iconPath: '/app/icon.png', packaged: true });
    expect(electron.windows[0]!.options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs', { packaged: true }));
    expect(electron.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    createMainWindow({ preloadPath: '/app/preload.cjs', iconPath: '/app/icon.png', packaged: false });
    expect(electron.windows[1]!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('shows itself once ready, unless launched hidden (at login), on the background of the system theme', () => {
    electron.darkTheme = false;
    const shown = createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: true });
    const hidden = createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: true, hidden: true });
    electron.darkTheme = true;
    shown.emit('ready-to-show');
    hidden.emit('ready-to-show');
    expect(electron.windows.map(({ window }) => window.shown)).toEqual([1, 0]);
    expect(electron.windows[0]!.options).toMatchObject({ show: false, backgroundColor: '#f5f7fa' });
    createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: true });
    expect(electron.windows[2]!.options.backgroundColor).toBe('#0d1117');
  });

  it('serves the renderer over a privileged app:// scheme with the CSP on every response', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-app-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
      writeFileSync(path.join(tmpdir(), 'occ-outside.txt'), 'outside');
      registerAppScheme();
      expect(electron.privilegedSchemes).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } });
      expect(serveRenderer(dir)).toBe('app://oncall/index.html');
      const handler = electron.protocolHandlers.get('app')!;
      const page = await handler(new Request('app://oncall/index.html'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>x</title>');
      expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy('desktop'));
      const outside = await handler(new Request('app://oncall/..%2focc-outside.txt'));
      expect(outside.status).toBe(403);
      expect(outside.headers.get('content-security-policy')).toBe(contentSecurityPolicy('desktop'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('guards itself: never navigates away, opens only http(s) links in the system browser, and grants no permissions', () => {
    createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: false });
    expectLockedDown(electron.windows[0]!.contents);
    expectNoPermissions(electron.defaultSession);
  });

  it('gets the guard once when the app-wide one is installed too', () => {
    secureAllWebContents();
    createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: false });
    const { contents } = electron.windows[0]!;
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) expect(contents.listenerCount(event), event).toBe(1);
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
  it('answers our page, refuses other frames, windows and pages, and validates inputs with the shared schemas', async () => {
    const engine = startTestEngine(testConfig([]));
    const window = createMainWindow({ preloadPath: '/p', iconPath: '/i', packaged: false });
    const devTools = electron.createContents();
    registerIpc(createCommandHandlers(engine, { openExternal: async () => true }), engine, window);
    const page = 'app://oncall/index.html';
    const invoke = (channel: string, url: string | null, input: unknown, options: { parent?: unknown; sender?: unknown } = {}) =>
      electron.handlers.get(channel)!({ sender: options.sender ?? window.webContents, senderFrame: url === null ? null : { url, parent: options.parent ?? null } }, input);

    expect(await invoke('oncall:command:getSnapshot', page, {})).toMatchObject({ ok: true });
    expect(await invoke('oncall:command:getSnapshot', `${page}#/incidents`, {})).toMatchObject({ ok: true });
    const refused = { ok: false, error: { code: 'unauthorized', message: expect.stringContaining('untrusted frame') } };
    expect(await invoke('oncall:command:getSnapshot', 'https://evil.example/', {})).toMatchObject(refused);
    expect(await invoke('oncall:command:getSnapshot', 'file:///app/out/renderer/index.html', {})).toMatchObject(refused);
    expect(await invoke('oncall:command:getSnapshot', 'app://oncall/other.html', {})).toMatchObject(refused);
    expect(await invoke('oncall:command:getSnapshot', page, {}, { parent: { url: page } })).toMatchObject(refused);
    expect(await invoke('oncall:command:getSnapshot', null, {})).toMatchObject(refused);
    expect(await invoke('oncall:command:getSnapshot', page, {}, { sender: devTools })).toMatchObject(refused);
    expect(await invoke('oncall:command:pauseNotifications', page, { minutes: -5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('minutes') },
    });
    expect(await invoke('oncall:command:openExternal', page, { url: 'javascript:alert(1)' })).toEqual({ ok: true, result: { opened: false } });
    engine.stop();
  });
});

/**
 * Runs `launch` with main.ts's command line and data folder as `setUp` gives them for a fresh
 * temporary folder, stderr muted, and puts everything back afterwards.
 */
async function withMainLaunch(
  setUp: (dir: string) => { args: string[]; dataDir: string },
  launch: (context: { dataDir: string; stderr: MockInstance }) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'occ-main-'));
  const saved = { argv: process.argv, dataDir: process.env.ONCALL_DATA_DIR };
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const { args, dataDir } = setUp(dir);
    process.argv = [process.argv[0]!, 'main.js', ...args];
    process.env.ONCALL_DATA_DIR = dataDir;
    await launch({ dataDir, stderr });
  } finally {
    vi.restoreAllMocks();
    electron.onQuit = undefined;
    process.argv = saved.argv;
    if (saved.dataDir === undefined) delete process.env.ONCALL_DATA_DIR;
    else process.env.ONCALL_DATA_DIR = saved.dataDir;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A config with no sources and a data folder, both in `dir`. */
function plainLaunch(dir: string, ...flags: string[]): { args: string[]; dataDir: string } {
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, 'sources: []\n');
  return { args: ['--config', configFile, ...flags], dataDir: path.join(dir, 'data') };
}

describe('the app lifecycle (main.ts)', () => {
  it('reports a failed launch in a dialog, in words, and exits with 1 instead of idling without a window', async () => {
    electron.windows.length = 0;
    // The data folder cannot be created: its parent is a file.
    const setUp = (dir: string) => {
      const blocker = path.join(dir, 'file');
      writeFileSync(blocker, '');
      return { args: [], dataDir: path.join(blocker, 'data') };
    };
    await withMainLaunch(setUp, async ({ stderr }) => {
      await import('../../electron/main');
      await vi.waitFor(() => expect(electron.exitCodes).toEqual([1]));
      expect(electron.errorBoxes).toEqual([
        { title: 'On-Call Companion could not start', content: expect.stringMatching(/^settings file .*settings\.json could not be opened: .*ENOTDIR/) },
      ]);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('could not start: Error: settings file'));
      expect(electron.windows).toEqual([]);
    });
  });

  it('pauses the engine while the machine sleeps, and on quit saves everything before quitting again', async () => {
    const failures = { exits: electron.exitCodes.length, boxes: electron.errorBoxes.length };
    await withMainLaunch(plainLaunch, async ({ dataDir }) => {
      const lockFile = path.join(dataDir, 'on-call-companion.lock');
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
      // The dashboard comes from the app:// protocol (CSP headers), the scheme registered before the app was ready.
      expect(electron.windows.at(-1)!.loaded).toEqual(['app://oncall/index.html']);
      expect(electron.protocolHandlers.has('app')).toBe(true);

      // A normal launch shows the window once it is ready; macOS's Dock icon brings it back.
      const launched = electron.windows.at(-1)!.window;
      launched.emit('ready-to-show');
      expect(launched.shown).toBe(1);
      electron.app.emit('activate');
      expect(launched.shown).toBe(2);

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
    });
  }, 60_000);

  it.each([
    ['the system shuts down (Linux, macOS)', 'shutdown'],
    ['the user logs off (Windows)', 'session-end'],
  ])('starts in the tray only with --hidden, and saves everything when %s', async (_case, ending) => {
    // Earlier launches in this file left their listeners on the shared fakes.
    const shutdownListeners = electron.powerMonitor.listenerCount('shutdown');
    await withMainLaunch((dir) => plainLaunch(dir, '--hidden'), async ({ dataDir }) => {
      const lockFile = path.join(dataDir, 'on-call-companion.lock');
      vi.resetModules();
      await import('../../electron/main');
      await vi.waitFor(() => expect(electron.powerMonitor.listenerCount('shutdown')).toBe(shutdownListeners + 1), { timeout: 20_000 });
      expect(existsSync(lockFile)).toBe(true);
      const launched = electron.windows.at(-1)!.window;
      launched.emit('ready-to-show');
      expect(launched.shown).toBe(0);
      // The tray (or a second launch) opens it as usual.
      electron.app.emit('second-instance', {}, ['on-call-companion']);
      expect(launched.shown).toBe(1);

      const lockedAtQuit: boolean[] = [];
      electron.onQuit = () => void lockedAtQuit.push(existsSync(lockFile));
      const quitsBefore = electron.quits;
      const event = cancellable();
      if (ending === 'shutdown') electron.powerMonitor.emit('shutdown', event);
      else launched.emit('session-end', event);
      // Shutdown waits for the app (preventDefault); a Windows logoff cannot be held, the save starts at once.
      expect(event.prevented).toBe(ending === 'shutdown');
      await vi.waitFor(() => expect(electron.quits).toBe(quitsBefore + 1), { timeout: 20_000 });
      expect(lockedAtQuit).toEqual([false]);
    });
  }, 60_000);
});
