import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStore, type SecretCipher } from '../../electron/secrets/secret-store';
import { TokenReferenceSchema, describeTokenReference, resolveToken } from '../../electron/secrets/token-reference';
import { useTempFolder } from '../helpers/temp-folder';

const TOKEN = 'u+pd-TOKEN-5f2e9a81c7';

/** A stand-in for Electron's safeStorage (the keychain): reversible, and visibly not the plain text. */
const keychain: SecretCipher = {
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((byte) => byte ^ 0x5a)),
  decrypt: (sealed) => Buffer.from([...sealed].map((byte) => byte ^ 0x5a)).toString(),
};

describe('secret store', () => {
  const folder = useTempFolder('occ-secrets-');
  const file = () => path.join(folder.dir, 'secrets.json');

  it('keeps tokens in a file only its owner can read, and gives them back after a restart', () => {
    new SecretStore(file()).set('pagerduty', TOKEN);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    const reopened = new SecretStore(file());
    expect(reopened.get('pagerduty')).toBe(TOKEN);
    expect(reopened.names()).toEqual(['pagerduty']);
    reopened.delete('pagerduty');
    expect(new SecretStore(file()).has('pagerduty')).toBe(false);
  });

  it('seals each value with the keychain where there is one: the file never holds the token', () => {
    const store = new SecretStore(file(), keychain);
    store.set('opsgenie', TOKEN);
    expect(readFileSync(file(), 'utf8')).not.toContain(TOKEN);
    expect(new SecretStore(file(), keychain).get('opsgenie')).toBe(TOKEN);
    expect(new SecretStore(file(), keychain).sealed).toBe(true);
  });

  it('says a sealed value cannot be opened on another machine, naming the secret but not quoting it', () => {
    new SecretStore(file(), keychain).set('grafana', TOKEN);
    const elsewhere: SecretCipher = { encrypt: keychain.encrypt, decrypt: () => { throw new Error('Error while decrypting the ciphertext'); } };
    expect(() => new SecretStore(file(), elsewhere).get('grafana')).toThrow(/the secret "grafana" in .* cannot be unsealed on this machine or account/);
  });

  it('refuses a damaged file without quoting it (it holds secrets)', () => {
    writeFileSync(file(), `{"version":1,"secrets":{"pagerduty":["${TOKEN}"]}}`);
    let message = '';
    try {
      new SecretStore(file());
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/the secrets file .* is not in the expected format/);
    expect(message).not.toContain(TOKEN);
  });
});

describe('token references in the config', () => {
  const folder = useTempFolder('occ-tokens-');

  it('takes a saved secret, an environment variable or a file, and nothing in clear', () => {
    const secrets = new SecretStore(path.join(folder.dir, 'secrets.json'));
    secrets.set('pd', TOKEN);
    writeFileSync(path.join(folder.dir, 'token.txt'), `${TOKEN}\n`);
    expect(resolveToken({ secret: 'pd' }, secrets)).toBe(TOKEN);
    expect(resolveToken({ env: 'PD_TOKEN' }, secrets, { PD_TOKEN: TOKEN })).toBe(TOKEN);
    expect(resolveToken({ file: path.join(folder.dir, 'token.txt') }, secrets)).toBe(TOKEN);
    expect(TokenReferenceSchema.safeParse(TOKEN).success).toBe(false);
    expect(TokenReferenceSchema.safeParse({ token: TOKEN }).error?.issues[0]?.message).toBe(
      'expected a token reference: { secret: NAME }, { env: VARIABLE } or { file: PATH } (never the token itself)',
    );
  });

  it('says where it looked when the token is missing, never what a token is', () => {
    const secrets = new SecretStore(path.join(folder.dir, 'secrets.json'));
    expect(() => resolveToken({ secret: 'nope' }, secrets)).toThrow('no token in the saved secret "nope"');
    expect(() => resolveToken({ env: 'PD_TOKEN' }, secrets, {})).toThrow('no token in the environment variable PD_TOKEN');
    expect(() => resolveToken({ file: path.join(folder.dir, 'missing') }, secrets)).toThrow(/cannot read the token from the file .*missing: ENOENT/);
    expect(describeTokenReference({ env: 'X' })).toBe('the environment variable X');
  });
});
