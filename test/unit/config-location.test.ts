import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_NAME,
  CONFIG_ENV_VAR,
  DATA_DIR_ENV_VAR,
  resolveConfigLocation,
  resolveDataDir,
} from '../../electron/config/config-location';

// Each test passes its own environment object: process.env is never touched.
const abs = (...parts: string[]) => path.resolve(path.sep, ...parts);

describe('resolveConfigLocation', () => {
  it.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    ['the flag', abs('etc', 'flag.yaml'), {}, abs('etc', 'flag.yaml')],
    ['the flag over the environment', abs('etc', 'flag.yaml'), { [CONFIG_ENV_VAR]: abs('etc', 'env.yaml') }, abs('etc', 'flag.yaml')],
    ['the environment without a flag', undefined, { [CONFIG_ENV_VAR]: abs('etc', 'env.yaml') }, abs('etc', 'env.yaml')],
    ['the environment when the flag is empty', '', { [CONFIG_ENV_VAR]: abs('etc', 'env.yaml') }, abs('etc', 'env.yaml')],
    ['a relative flag, against the working directory', 'conf/oncall.yaml', {}, path.join(process.cwd(), 'conf', 'oncall.yaml')],
    ['a relative environment value', undefined, { [CONFIG_ENV_VAR]: '../oncall.yaml' }, path.resolve(process.cwd(), '..', 'oncall.yaml')],
    ['a flag with dots in it', abs('etc', 'a', '..', 'b.yaml'), {}, abs('etc', 'b.yaml')],
    ['~/ in the flag (not expanded by the shell in --config=~/…)', '~/oncall.yaml', {}, path.join(homedir(), 'oncall.yaml')],
    ['~/ in the environment', undefined, { [CONFIG_ENV_VAR]: '~/.oncall/config.yaml' }, path.join(homedir(), '.oncall', 'config.yaml')],
    ['~user is a relative name, not a home folder', '~bob/x.yaml', {}, path.join(process.cwd(), '~bob', 'x.yaml')],
  ])('named: %s', (_, flag, env, file) => {
    expect(resolveConfigLocation(flag, env)).toEqual({ file, explicit: true });
  });

  it.each<[string, NodeJS.ProcessEnv]>([
    ['nothing set', {}],
    ['an empty variable', { [CONFIG_ENV_VAR]: '' }],
    ['only other variables', { ONCALL_CONFIG_FILE: '/etc/x.yaml', [DATA_DIR_ENV_VAR]: '/tmp/data' }],
  ])('default with %s: config.yaml in the user config folder, not explicit', (_, env) => {
    const location = resolveConfigLocation(undefined, env);
    expect(location.explicit).toBe(false);
    expect(path.isAbsolute(location.file)).toBe(true);
    expect(path.basename(location.file)).toBe('config.yaml');
    expect(location.file.split(path.sep)).toContain(APP_NAME);
  });
});

describe('resolveDataDir', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['an absolute override', { [DATA_DIR_ENV_VAR]: abs('tmp', 'occ-data') }, abs('tmp', 'occ-data')],
    ['a relative override', { [DATA_DIR_ENV_VAR]: 'data' }, path.join(process.cwd(), 'data')],
    ['~/ in the override', { [DATA_DIR_ENV_VAR]: '~/occ' }, path.join(homedir(), 'occ')],
    ['a lone ~', { [DATA_DIR_ENV_VAR]: '~' }, homedir()],
  ])('%s', (_, env, dir) => {
    expect(resolveDataDir(env)).toBe(dir);
  });

  it.each<[string, NodeJS.ProcessEnv]>([
    ['nothing set', {}],
    ['an empty variable', { [DATA_DIR_ENV_VAR]: '' }],
  ])('defaults to the user data folder with %s', (_, env) => {
    const dir = resolveDataDir(env);
    expect(path.isAbsolute(dir)).toBe(true);
    expect(dir.split(path.sep)).toContain(APP_NAME);
  });

  it('keeps data apart from the config file', () => {
    expect(resolveDataDir({})).not.toBe(path.dirname(resolveConfigLocation(undefined, {}).file));
  });
});
