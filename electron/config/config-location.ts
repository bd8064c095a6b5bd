import envPaths from 'env-paths';
import path from 'node:path';

export const APP_NAME = 'On-Call Companion';
export const CONFIG_ENV_VAR = 'ONCALL_CONFIG';
export const DATA_DIR_ENV_VAR = 'ONCALL_DATA_DIR';

const paths = envPaths(APP_NAME, { suffix: '' });

export interface ConfigLocation {
  file: string;
  /** True when the user named the file (flag or environment), so a missing file is an error, not a first run. */
  explicit: boolean;
}

/** `--config PATH` wins, then $ONCALL_CONFIG, then config.yaml in the user's config directory. */
export function resolveConfigLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfigLocation {
  if (flag) return { file: path.resolve(flag), explicit: true };
  const fromEnv = env[CONFIG_ENV_VAR];
  if (fromEnv) return { file: path.resolve(fromEnv), explicit: true };
  return { file: path.join(paths.config, 'config.yaml'), explicit: false };
}

/** Where settings and cached state live; $ONCALL_DATA_DIR overrides it (tests use temporary folders). */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[DATA_DIR_ENV_VAR] ? path.resolve(env[DATA_DIR_ENV_VAR]) : paths.data;
}
