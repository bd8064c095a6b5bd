import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../persistence/atomic-write';

/** How secrets are sealed at rest: Electron's `safeStorage` (the OS keychain) in the desktop app. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/**
 * API tokens (PagerDuty, Opsgenie, Grafana), by name, in one file of the data folder, readable by
 * the user only (0600). In the desktop app each value is sealed with `safeStorage`; in browser
 * mode, with no keychain to ask, the file's permissions are the protection. Values never leave
 * the main process: not in a snapshot, not in a log line, not in an error.
 */
export class SecretStore {
  private readonly values: Map<string, string>;

  constructor(
    private readonly file: string,
    private readonly cipher?: SecretCipher,
  ) {
    this.values = new Map(Object.entries(readSecretsFile(file)));
  }

  /** Whether this store seals values (a keychain) or relies on the file's permissions. */
  get sealed(): boolean {
    return this.cipher !== undefined;
  }

  names(): string[] {
    return [...this.values.keys()].sort();
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): string | undefined {
    const stored = this.values.get(name);
    if (stored === undefined) return undefined;
    if (!this.cipher) return stored;
    try {
      return this.cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      throw new Error(`the secret "${name}" in ${this.file} cannot be unsealed on this machine or account; enter it again`);
    }
  }

  set(name: string, value: string): void {
    this.values.set(name, this.cipher ? this.cipher.encrypt(value).toString('base64') : value);
    this.save();
  }

  delete(name: string): void {
    if (this.values.delete(name)) this.save();
  }

  private save(): void {
    writeFileAtomicSync(this.file, `${JSON.stringify({ version: 1, secrets: Object.fromEntries(this.values) }, null, 2)}\n`, { mode: 0o600 });
    // A file made by hand or by an older version may be wider open.
    chmodSync(this.file, 0o600);
  }
}

const SecretsFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

function readSecretsFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed = SecretsFileSchema.safeParse(safeJson(readFileSync(file, 'utf8')));
  // Never quote the file: it holds secrets.
  if (!parsed.success) throw new Error(`the secrets file ${file} is not in the expected format; fix or remove it`);
  return parsed.data.secrets;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
