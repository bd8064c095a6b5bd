import { describe, expect, it } from 'vitest';
import { startsHidden, systemLoginItem, type LoginItemApp } from '../../electron/desktop/login-item';

/** Electron's login items as the OS keeps them: on Windows one entry per executable and arguments. */
function fakeApp(platform: NodeJS.Platform, wasOpenedAtLogin = false) {
  const items = new Map<string, boolean>();
  const key = (args: string[] | undefined) => (platform === 'win32' ? JSON.stringify(args ?? []) : 'the app');
  const app: LoginItemApp = {
    getLoginItemSettings: (options) => ({ openAtLogin: items.get(key(options?.args)) ?? false, wasOpenedAtLogin }),
    setLoginItemSettings: (settings) => void items.set(key(settings.args), settings.openAtLogin),
  };
  return { app, items };
}

describe('the login item on macOS and Windows', () => {
  it('starts the app with --hidden on Windows, and reads back the item it wrote', async () => {
    const { app, items } = fakeApp('win32');
    const item = systemLoginItem('win32', app);
    expect(await item.get()).toBe(false);
    await item.set(true);
    expect([...items]).toEqual([['["--hidden"]', true]]);
    expect(await item.get()).toBe(true);
    await item.set(false);
    expect(await item.get()).toBe(false);
  });

  it('on macOS passes no arguments (it has none) and reads what the user set in System Settings', async () => {
    const { app, items } = fakeApp('darwin');
    const item = systemLoginItem('darwin', app);
    await item.set(true);
    expect(await item.get()).toBe(true);
    items.set('the app', false); // removed from Login Items by the user
    expect(await item.get()).toBe(false);
  });
});

describe('startsHidden', () => {
  it.each<[string, { hiddenFlag: boolean; platform: NodeJS.Platform; wasOpenedAtLogin: boolean }, boolean]>([
    ['a normal launch', { hiddenFlag: false, platform: 'linux', wasOpenedAtLogin: false }, false],
    ['--hidden (Linux autostart entry)', { hiddenFlag: true, platform: 'linux', wasOpenedAtLogin: false }, true],
    ['--hidden (Windows login item)', { hiddenFlag: true, platform: 'win32', wasOpenedAtLogin: false }, true],
    ['a macOS login item', { hiddenFlag: false, platform: 'darwin', wasOpenedAtLogin: true }, true],
    ['a macOS launch by hand', { hiddenFlag: false, platform: 'darwin', wasOpenedAtLogin: false }, false],
    ['wasOpenedAtLogin elsewhere (macOS only)', { hiddenFlag: false, platform: 'win32', wasOpenedAtLogin: true }, false],
  ])('%s', (_case, { wasOpenedAtLogin, ...rest }, hidden) => {
    expect(startsHidden({ ...rest, wasOpenedAtLogin: () => wasOpenedAtLogin })).toBe(hidden);
  });
});
