/** Finding the server binaries on PATH, and the environment their processes run with. */
import { accessSync, constants as fsConstants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ServerKind } from './types';

export function findExecutable(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
  for (const name of names) {
    if (name.includes('/')) {
      if (isExecutable(name)) return name;
      continue;
    }
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveBinary(kind: ServerKind): string {
  const override = kind === 'prometheus' ? process.env.PROMETHEUS_BIN : process.env.ALERTMANAGER_BIN;
  const names = override ? [override] : kind === 'prometheus' ? ['prometheus'] : ['prometheus-alertmanager', 'alertmanager'];
  const found = findExecutable(names);
  if (!found) {
    throw new Error(
      `Cannot find the ${kind} binary (looked for ${names.join(', ')} on PATH). ` +
        `Install the Debian package (${kind === 'prometheus' ? 'prometheus' : 'prometheus-alertmanager'}) ` +
        `or set ${kind === 'prometheus' ? 'PROMETHEUS_BIN' : 'ALERTMANAGER_BIN'}.`,
    );
  }
  return found;
}

/** Child environment: no proxy settings, so nothing is ever routed off the machine. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(https?|all|no|ftp)_proxy$/i.test(key)) continue;
    env[key] = value;
  }
  env.NO_PROXY = '*';
  return env;
}
