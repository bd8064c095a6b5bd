import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../persistence/atomic-write';

/**
 * Start at login on Linux: an XDG autostart entry (freedesktop.org "Desktop Application Autostart"),
 * `$XDG_CONFIG_HOME/autostart/<name>.desktop`, or `~/.config/autostart/` when that variable is unset
 * or not absolute, as the spec says.
 */
export const AUTOSTART_FILE_NAME = 'on-call-companion.desktop';

export interface XdgAutostartOptions {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Shown by the desktop's "Startup applications" list. */
  appName: string;
  /** The program and its arguments; see `launchCommand`. */
  command: readonly string[];
  /** The icon shown beside the entry, an absolute path; optional. */
  iconPath?: string;
}

export function autostartFile(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * The AppImage file when running from one (its mount point changes every launch), else the executable
 * and its arguments. `APPIMAGE` is inherited by every program an AppImage starts, so it counts only
 * when this executable lies inside the image's mount (`APPDIR`, set by the AppImage runtime too).
 */
export function launchCommand(env: NodeJS.ProcessEnv, execPath: string, args: readonly string[] = []): string[] {
  return runsFromAppImage(env, execPath) ? [env.APPIMAGE!] : [execPath, ...args];
}

function runsFromAppImage(env: NodeJS.ProcessEnv, execPath: string): boolean {
  if (!env.APPIMAGE || !env.APPDIR || !path.isAbsolute(env.APPDIR)) return false;
  const appDir = path.resolve(env.APPDIR);
  return execPath.startsWith(appDir.endsWith(path.sep) ? appDir : appDir + path.sep);
}

/** The flag a launch at login carries, so that it opens the tray only (see electron/app/cli-args.ts). */
export const HIDDEN_FLAG = '--hidden';

/** What the autostart entry runs: the app as `launchCommand` starts it, in the tray only. */
export function loginCommand(env: NodeJS.ProcessEnv, execPath: string, args: readonly string[] = []): string[] {
  return [...launchCommand(env, execPath, args), HIDDEN_FLAG];
}

export async function enableXdgAutostart(options: XdgAutostartOptions): Promise<string> {
  const file = autostartFile(options.env, options.homeDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, desktopEntry(options));
  return file;
}

/** Removing an entry that is not there is fine. */
export async function disableXdgAutostart(options: Pick<XdgAutostartOptions, 'env' | 'homeDir'>): Promise<void> {
  await rm(autostartFile(options.env, options.homeDir), { force: true });
}

/** True when our entry exists (the user may have removed it by hand, or another tool may have written it). */
export async function isXdgAutostartEnabled(options: Pick<XdgAutostartOptions, 'env' | 'homeDir'>): Promise<boolean> {
  try {
    const text = await readFile(autostartFile(options.env, options.homeDir), 'utf8');
    return !/^(Hidden=true|X-GNOME-Autostart-enabled=false)$/m.test(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export function desktopEntry(options: Pick<XdgAutostartOptions, 'appName' | 'command' | 'iconPath'>): string {
  if (options.command.length === 0) throw new Error('the autostart entry needs a program to start');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeString(options.appName)}`,
    'Comment=Alerts, SLOs and runbooks for the developer on call',
    `Exec=${options.command.map(quoteExecArgument).join(' ')}`,
    ...(options.iconPath ? [`Icon=${escapeString(options.iconPath)}`] : []),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One Exec argument: quoted when it holds anything but safe characters; inside the quotes `"`, `` ` ``,
 * `$` and `\` are backslash-escaped; `%` is doubled (it starts field codes); and then the value gets the
 * general string escaping, which doubles every backslash again. Control characters cannot be written.
 */
export function quoteExecArgument(arg: string): string {
  if (arg === '') return '""';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(arg)) throw new Error(`the path ${JSON.stringify(arg)} has a control character and cannot go into an autostart entry`);
  const percentSafe = arg.replace(/%/g, '%%');
  const quoted = /^[A-Za-z0-9_@%+=:,./-]+$/.test(percentSafe) ? percentSafe : `"${percentSafe.replace(/["`$\\]/g, '\\$&')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** Start at login on Linux, in the shape the desktop settings expect. */
export function xdgLoginItem(options: XdgAutostartOptions): { get(): Promise<boolean>; set(enabled: boolean): Promise<void> } {
  return {
    get: () => isXdgAutostartEnabled(options),
    set: async (enabled) => {
      if (enabled) await enableXdgAutostart(options);
      else await disableXdgAutostart(options);
    },
  };
}
