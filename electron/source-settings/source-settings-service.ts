import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceTypeSchema } from '../../shared/model';
import type { ConnectionTest, SaveSourceInput, SourceSettingsList } from '../../shared/settings';
import type { ConfigManager } from '../config/config-manager';
import { ConfigError, parseConfigText } from '../config/load-config';
import { writeFileAtomic } from '../persistence/atomic-write';
import type { SecretStore } from '../secrets/secret-store';
import { addSource, nameOf, readSources, removeSource, replaceSource, type SourceFields } from './config-editor';
import { configProblems } from './config-problems';
import { testConnection } from './connection-test';
import { maskSecrets, restoreSecrets, sameAddress } from './secret-masking';

/** The first lines of a config file the app creates (leaving the demo workspace). */
export const NEW_CONFIG_HEADER = `# On-Call Companion configuration, created by the app's Settings view.
# Edit it here or in the app: the app rewrites only the sources it changes and keeps your comments.
`;

export interface SourceSettingsOptions {
  /** The config file (ConfigLocation.file), created on the first save when it does not exist. */
  file: string;
  config: ConfigManager;
  secrets: SecretStore;
  /** Trusted CA certificates for connection tests instead of the system's (tests only). */
  ca?: string | Buffer;
}

type FileState = { text: string | null; problem: string | null };

/**
 * The Settings view's side of the config file: lists its sources as written (credentials
 * masked), adds, changes and removes one at a time. The YAML file stays the source of truth:
 * each edit re-reads it, changes only that source's text, validates the whole result, writes it
 * atomically and has the config manager load it. A file that does not load now is never
 * rewritten: the edit is refused with the file's own problem.
 */
export class SourceSettingsService {
  /** One edit at a time: each starts from what the previous one wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SourceSettingsOptions) {}

  private get file(): string {
    return this.options.file;
  }

  async list(): Promise<SourceSettingsList> {
    return this.describe(await this.read());
  }

  save(input: SaveSourceInput): Promise<SourceSettingsList> {
    return this.edit((text) => {
      const stored = input.previousName === null ? undefined : readSources(text).find((source) => source.name === input.previousName);
      if (input.previousName !== null && !stored) throw new Error(`there is no source named "${input.previousName}" in ${this.file} (changed meanwhile?)`);
      if (stored && input.listed && JSON.stringify(maskSecrets(stored.fields)) !== JSON.stringify(input.listed)) {
        throw new Error(`"${input.previousName}" was changed in ${this.file} since this form opened; close the form and edit it again`);
      }
      const fields = restoreSecrets(input.fields, stored?.fields);
      if (typeof fields.type !== 'string') throw new Error('type: missing, expected the kind of source');
      const secret = (fields.token as { secret?: unknown } | undefined)?.secret;
      if (typeof secret === 'string' && !this.options.secrets.has(secret)) throw new Error(`token: no token is saved under the name "${secret}"; type the token once to save it`);
      // Kept as it was (same token, same address) is fine even when shared; newly borrowed is not.
      const unchanged = stored !== undefined && (stored.fields.token as { secret?: unknown } | undefined)?.secret === secret && sameAddress(input.fields, stored.fields);
      const sharedWith = typeof secret === 'string' && !unchanged ? readSources(text).filter((source) => source.name !== input.previousName && (source.fields.token as { secret?: unknown } | undefined)?.secret === secret) : [];
      if (sharedWith.length > 0) throw new Error(`token: the saved token "${secret}" belongs to ${sharedWith.map((source) => `"${source.name}"`).join(', ')}; type this source's own token`);
      return input.previousName === null ? addSource(text, fields) : replaceSource(text, input.previousName, fields);
    });
  }

  remove(name: string): Promise<SourceSettingsList> {
    return this.edit((text) => removeSource(text, name));
  }

  /**
   * Tries unsaved settings once. Masked values are those of the saved source of the same name,
   * and only while its address is unchanged; a token comes typed for this test only, or is the
   * saved source's own reference to the same address: a form cannot send a saved secret, a file
   * or an environment variable anywhere else.
   */
  async test(fields: SourceFields, typedToken?: string): Promise<ConnectionTest> {
    const { text } = await this.read();
    const stored = text === null ? undefined : safeSources(text).find((source) => source.name === nameOf(fields));
    let restored: SourceFields;
    try {
      restored = restoreSecrets(fields, stored?.fields);
      if (typedToken === undefined && restored.token !== undefined && !(sameAddress(fields, stored?.fields) && JSON.stringify(restored.token) === JSON.stringify(stored?.fields.token))) {
        throw new Error('token: type the token to test with it, or save the source first (a saved token, file or variable is only used for the address it was saved with)');
      }
    } catch (error) {
      return { ok: false, steps: [{ step: 'config', ok: false, detail: (error as Error).message }], summary: `Failed at config: ${(error as Error).message}` };
    }
    if (typedToken === undefined) return testConnection(restored, { secrets: this.options.secrets, ...(this.options.ca ? { ca: this.options.ca } : {}) });
    const typed = typedTokenStore(typedToken);
    return testConnection({ ...restored, token: { secret: TYPED_TOKEN } }, { secrets: typed, ...(this.options.ca ? { ca: this.options.ca } : {}) });
  }

  /** Keeps a typed token; a saved token that another source of the config uses is never replaced. */
  async saveSecret(name: string, value: string, forSource?: string): Promise<{ reference: { secret: string } }> {
    const { text } = await this.read();
    const users = (text === null ? [] : safeSources(text)).filter((source) => (source.fields.token as { secret?: unknown } | undefined)?.secret === name).map((source) => source.name);
    const others = users.filter((user) => user !== forSource);
    if (this.options.secrets.has(name) && others.length > 0) {
      throw new Error(`name: the saved token "${name}" is used by ${others.map((user) => `"${user}"`).join(', ')}; choose another name`);
    }
    this.options.secrets.set(name, value);
    return { reference: { secret: name } };
  }

  private edit(change: (text: string) => string): Promise<SourceSettingsList> {
    const run = this.queue.then(async () => {
      const state = await this.read();
      if (state.problem) throw new Error(`${this.file} cannot be changed until it loads: ${state.problem}`);
      const before = state.text ?? NEW_CONFIG_HEADER;
      const after = change(before);
      const problems = configProblems(after);
      if (problems.length > 0) throw new Error(problems.join('; '));
      if (state.text === null) await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, after);
      await this.options.config.load();
      return this.describe({ text: after, problem: null });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<FileState> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, problem: null };
      return { text: null, problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    try {
      parseConfigText(text, this.file);
      return { text, problem: null };
    } catch (error) {
      return { text, problem: error instanceof ConfigError ? error.problems.join('; ') : (error as Error).message };
    }
  }

  private describe(state: FileState): SourceSettingsList {
    const sources = state.text === null ? [] : safeSources(state.text);
    return {
      path: this.file,
      writable: state.problem === null,
      reason: state.problem === null ? null : `${this.file} has a problem, so the app will not rewrite it: ${state.problem}. Fix it in an editor; the app picks it up.`,
      sources: sources.map((source) => ({ name: source.name, type: source.type, fields: maskSecrets(source.fields) })),
    };
  }
}

/** The sources of a text that may not even be YAML: none then. */
function safeSources(text: string) {
  try {
    return readSources(text).filter((source) => typeof source.fields === 'object' && source.fields !== null && SourceTypeSchema.safeParse(source.type).success);
  } catch {
    return [];
  }
}

const TYPED_TOKEN = 'typed-for-this-test';

/** A secret store holding only the token typed for one test. */
function typedTokenStore(token: string): SecretStore {
  return { get: (name: string) => (name === TYPED_TOKEN ? token : undefined), has: (name: string) => name === TYPED_TOKEN } as unknown as SecretStore;
}
