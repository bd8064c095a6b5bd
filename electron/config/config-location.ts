import envPaths from 'env-paths';
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'On-Call Companion';
export const CONFIG_ENV_VAR = 'ONCALL_CONFIG';
export const DATA_DIR_ENV_VAR = 'ONCALL_DATA_DIR';

/** The platform's folders for the app; env-paths reads XDG_CONFIG_HOME etc. from the process environment. */
const paths = envPaths(APP_NAME, { suffix: '' });

export interface ConfigLocation {
  file: string;
  /** True when the user named the file (flag or environment), so a missing file is an error, not a first run. */
  explicit: boolean;
}

/**
 * `--config PATH` wins, then $ONCALL_CONFIG, then config.yaml in the user's config directory.
 * A named path is made absolute against the working directory, with a leading `~` for the home
 * folder (the shell leaves `--config=~/x` and `ONCALL_CONFIG=~/x` in a .desktop file or a unit
 * file as they are). An empty value counts as not given.
 */
export function resolveConfigLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfigLocation {
  if (flag) return { file: resolveUserPath(flag), explicit: true };
  const fromEnv = env[CONFIG_ENV_VAR];
  if (fromEnv) return { file: resolveUserPath(fromEnv), explicit: true };
  return { file: path.join(paths.config, 'config.yaml'), explicit: false };
}

/** Where settings and cached state live; $ONCALL_DATA_DIR overrides it (tests use temporary folders). */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_ENV_VAR];
  return fromEnv ? resolveUserPath(fromEnv) : paths.data;
}

/** `~` and `~/…` (also `~\…` on Windows) are in the home folder; `~user` is left alone. */
function resolveUserPath(value: string): string {
  const home = value === '~' || value.startsWith('~/') || (path.sep === '\\' && value.startsWith('~\\'));
  return home ? path.join(os.homedir(), value.slice(1)) : path.resolve(value);
}
