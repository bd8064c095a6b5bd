import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUTOSTART_FILE_NAME,
  autostartFile,
  desktopEntry,
  disableXdgAutostart,
  enableXdgAutostart,
  isXdgAutostartEnabled,
  launchCommand,
  loginCommand,
  quoteExecArgument,
} from '../../electron/desktop/xdg-autostart';
import { useTempFolder } from '../helpers/temp-folder';

const temp = useTempFolder('oncall-autostart-');

/** Undoes the Exec escaping the way a desktop does (string escapes, then quoting), to prove the round trip. */
const stringUnescape = (value: string) => value.replace(/\\(.)/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r' })[c] ?? c);

function unquoteExec(exec: string): string[] {
  const unescaped = stringUnescape(exec);
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of unescaped.matchAll(pattern)) {
    args.push((match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!).replace(/%%/g, '%'));
  }
  return args;
}

describe('XDG autostart entry', () => {
  it('is written to ~/.config/autostart by default and removed again', async () => {
    const options = { env: {}, homeDir: temp.dir, appName: 'On-Call Companion', command: ['/opt/On-Call Companion/on-call-companion'] };
    const file = await enableXdgAutostart(options);
    expect(file).toBe(path.join(temp.dir, '.config', 'autostart', AUTOSTART_FILE_NAME));
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(text).toContain('Name=On-Call Companion\n');
    expect(text).toContain('Exec="/opt/On-Call Companion/on-call-companion"\n');
    expect(await isXdgAutostartEnabled(options)).toBe(true);
    await disableXdgAutostart(options);
    expect(await isXdgAutostartEnabled(options)).toBe(false);
    await expect(disableXdgAutostart(options)).resolves.toBeUndefined();
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative one', async () => {
    const configHome = path.join(temp.dir, 'xdg');
    const file = await enableXdgAutostart({ env: { XDG_CONFIG_HOME: configHome }, homeDir: temp.dir, appName: 'A', command: ['/bin/a'] });
    expect(file).toBe(path.join(configHome, 'autostart', AUTOSTART_FILE_NAME));
    expect(await readFile(file, 'utf8')).toContain('Exec=/bin/a\n');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative/xdg' }, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart', AUTOSTART_FILE_NAME));
  });

  it('counts an entry the user disabled by hand as off', async () => {
    const options = { env: {}, homeDir: temp.dir };
    await mkdir(path.dirname(autostartFile({}, temp.dir)), { recursive: true });
    await writeFile(autostartFile({}, temp.dir), '[Desktop Entry]\nType=Application\nExec=/bin/a\nHidden=true\n');
    expect(await isXdgAutostartEnabled(options)).toBe(false);
  });

  it('starts the AppImage file rather than its temporary mount', () => {
    const appImage = { APPIMAGE: '/home/u/Apps/OnCall.AppImage', APPDIR: '/tmp/.mount_OnCallX' };
    expect(launchCommand(appImage, '/tmp/.mount_OnCallX/on-call-companion')).toEqual(['/home/u/Apps/OnCall.AppImage']);
    expect(launchCommand({ ...appImage, APPDIR: '/tmp/.mount_OnCallX/' }, '/tmp/.mount_OnCallX/usr/bin/on-call-companion')).toEqual(['/home/u/Apps/OnCall.AppImage']);
    expect(launchCommand({}, '/usr/lib/electron/electron', ['/src/app'])).toEqual(['/usr/lib/electron/electron', '/src/app']);
  });

  it.each([
    ['started by another AppImage (APPIMAGE inherited, executable outside its mount)', { APPIMAGE: '/home/u/Apps/Editor.AppImage', APPDIR: '/tmp/.mount_EditorY' }],
    ['a mount whose name only starts the same', { APPIMAGE: '/home/u/Apps/OnCall.AppImage', APPDIR: '/tmp/.mount_OnCall' }],
    ['APPIMAGE without APPDIR', { APPIMAGE: '/home/u/Apps/OnCall.AppImage' }],
    ['a relative APPDIR', { APPIMAGE: '/home/u/Apps/OnCall.AppImage', APPDIR: 'tmp' }],
  ])('starts the executable itself when %s', (_case, env) => {
    expect(launchCommand(env, '/tmp/.mount_OnCallX/on-call-companion', ['/src/app'])).toEqual(['/tmp/.mount_OnCallX/on-call-companion', '/src/app']);
  });

  it('starts in the tray only at login: the entry runs the app with --hidden', () => {
    const appImage = { APPIMAGE: '/home/u/Apps/OnCall.AppImage', APPDIR: '/tmp/.mount_OnCallX' };
    expect(loginCommand(appImage, '/tmp/.mount_OnCallX/on-call-companion')).toEqual(['/home/u/Apps/OnCall.AppImage', '--hidden']);
    expect(loginCommand({}, '/usr/lib/electron/electron', ['/src/app'])).toEqual(['/usr/lib/electron/electron', '/src/app', '--hidden']);
    expect(desktopEntry({ appName: 'A', command: loginCommand({}, '/opt/oncall/on-call-companion') })).toMatch(/^Exec=\/opt\/oncall\/on-call-companion --hidden$/m);
  });

  it.each([
    '/home/u/Apps/plain',
    '/home/u/My Apps/with space',
    '/home/u/"quoted"/app',
    '/home/u/$HOME/`whoami`/app',
    '/home/u/back\\slash/app',
    '/home/u/100%/%u/app',
    "/home/u/it's;rm -rf ~/app",
    '/home/u/ünïcode/app',
  ])('escapes %s so a desktop reads back exactly that path', (hostile) => {
    const exec = /^Exec=(.*)$/m.exec(desktopEntry({ appName: 'A', command: [hostile, '--flag'] }))![1]!;
    expect(unquoteExec(exec)).toEqual([hostile, '--flag']);
    // Outside quotes nothing a shell or the desktop would interpret is left.
    expect(stringUnescape(exec).replace(/"(?:[^"\\]|\\.)*"/g, '')).toMatch(/^[A-Za-z0-9_@%+=:,./ -]*$/);
  });

  it('refuses a path with a control character instead of writing a broken entry', () => {
    expect(() => quoteExecArgument('/home/u/a\nExec=/bin/evil')).toThrow(/control character/);
    expect(() => desktopEntry({ appName: 'A', command: [] })).toThrow(/needs a program/);
  });

  it('escapes a newline in the name so it cannot add keys', () => {
    expect(desktopEntry({ appName: 'A\nExec=/bin/evil', command: ['/bin/a'] })).toContain('Name=A\\nExec=/bin/evil\n');
  });
});
