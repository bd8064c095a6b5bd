import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigManager } from '../../electron/config/config-manager';
import { SecretStore } from '../../electron/secrets/secret-store';
import { addSource, readSources, removeSource, replaceSource } from '../../electron/source-settings/config-editor';
import { NEW_CONFIG_HEADER, SourceSettingsService } from '../../electron/source-settings/source-settings-service';
import { MASKED_SECRET } from '../../shared/settings';
import { useTempFolder } from '../helpers/temp-folder';

const EXAMPLE = path.resolve(import.meta.dirname, '../../docs/config.example.yaml');
const folder = useTempFolder('source-settings-');
const managers: ConfigManager[] = [];
afterEach(() => managers.splice(0).forEach((manager) => manager.stop()));

const CHECK = `# checks
sources:
  - type: http
    name: api
    url: http://127.0.0.1:8080/health
    headers:
      Authorization: Bearer s3cr3t-t0ken   # rotated monthly
      X-Api-Key: key-1234
      Accept: application/json
`;

async function serviceWith(text: string | null, explicit = true) {
  const file = path.join(folder.dir, 'conf', 'config.yaml');
  if (text !== null) await folder.write('conf/config.yaml', text);
  const config = new ConfigManager({ file, explicit });
  managers.push(config);
  await config.load();
  const secrets = new SecretStore(path.join(folder.dir, 'secrets.json'));
  return { file, config, secrets, service: new SourceSettingsService({ file, config, secrets }) };
}

describe('the documented example config survives edits byte for byte', () => {
  it('adding then removing a source, and saving a source unchanged, give back the same text', async () => {
    const text = await readFile(EXAMPLE, 'utf8');
    const added = addSource(text, { type: 'http', name: 'extra', url: 'http://127.0.0.1:1/x' });
    expect(added).not.toBe(text);
    expect(removeSource(added, 'extra')).toBe(text);
    for (const source of readSources(text)) expect(replaceSource(text, source.name, source.fields)).toBe(text);
  });
});

describe('SourceSettingsService', () => {
  it('masks credential header values, keeps them when saved back masked, and takes a retyped one', async () => {
    const { service, file } = await serviceWith(CHECK);
    const listed = await service.list();
    expect(listed).toMatchObject({ path: file, writable: true, reason: null });
    expect(listed.sources[0]!.fields.headers).toEqual({ Authorization: MASKED_SECRET, 'X-Api-Key': MASKED_SECRET, Accept: 'application/json' });
    expect(JSON.stringify(listed)).not.toContain('s3cr3t');

    const edited = { ...listed.sources[0]!.fields, interval: '10s' };
    await service.save({ previousName: 'api', fields: edited });
    const written = await readFile(file, 'utf8');
    expect(written).toContain('Authorization: Bearer s3cr3t-t0ken   # rotated monthly');
    expect(written).toContain('X-Api-Key: key-1234');
    expect(written).toBe(`${CHECK}    interval: 10s\n`);

    await service.save({ previousName: 'api', fields: { ...edited, headers: { Authorization: 'Bearer new-token', 'X-Api-Key': MASKED_SECRET } } });
    expect(readSources(await readFile(file, 'utf8'))[0]!.fields.headers).toEqual({ Authorization: 'Bearer new-token', 'X-Api-Key': 'key-1234' });
  });

  it('refuses a masked value it has nothing to put back for, naming the header', async () => {
    const { service } = await serviceWith(CHECK);
    await expect(service.save({ previousName: null, fields: { type: 'http', name: 'other', url: 'http://127.0.0.1:1', headers: { Cookie: MASKED_SECRET } } })).rejects.toThrow('headers.Cookie: no saved value to keep; type the value');
  });

  it('refuses invalid sources with the field named, and leaves the file alone', async () => {
    const { service, file } = await serviceWith(CHECK);
    await expect(service.save({ previousName: null, fields: { type: 'http', name: 'bad', url: 'ftp://x', interval: 'soon' } })).rejects.toThrow(
      /sources\[1\]\.interval: expected a duration .*; sources\[1\]\.url: expected an http:\/\/ or https:\/\/ URL, got "ftp:\/\/x"/,
    );
    await expect(service.save({ previousName: null, fields: { type: 'http', name: 'api', url: 'http://127.0.0.1:2' } })).rejects.toThrow('sources[1].name: duplicate source name "api" (also used by sources[0])');
    expect(await readFile(file, 'utf8')).toBe(CHECK);
  });

  it('renames, removes and makes the config manager load each change', async () => {
    const { service, config } = await serviceWith(CHECK);
    const [source] = (await service.list()).sources;
    await service.save({ previousName: 'api', fields: { ...source!.fields, name: 'api-2' } });
    expect(config.current.sources.map((entry) => entry.name)).toEqual(['api-2']);
    const after = await service.remove('api-2');
    expect(after.sources).toEqual([]);
    expect(config.current.sources).toEqual([]);
  });

  it('will not rewrite a file that does not load, and says why', async () => {
    const broken = 'sources:\n  - type: prometheus\n    name: p\n    url: http://127.0.0.1:9090\n    colour: blue\n';
    const { service, file } = await serviceWith(broken);
    const listed = await service.list();
    expect(listed.writable).toBe(false);
    expect(listed.reason).toContain('line 2, sources[0]: unknown key "colour"');
    await expect(service.remove('p')).rejects.toThrow('cannot be changed until it loads');
    await writeFile(file, 'sources: [\n');
    expect((await service.list()).reason).toContain('invalid YAML');
    expect(await readFile(file, 'utf8')).toBe('sources: [\n');
  });

  it('creates the file with a header on the first save, leaving the demo workspace', async () => {
    const { service, config, file } = await serviceWith(null, false);
    expect(config.status.demo).toBe(true);
    expect(await service.list()).toMatchObject({ path: file, writable: true, sources: [] });
    await service.save({ previousName: null, fields: { type: 'prometheus', name: 'prom', url: 'http://127.0.0.1:9090' } });
    expect(await readFile(file, 'utf8')).toBe(`${NEW_CONFIG_HEADER}sources:\n  - type: prometheus\n    name: prom\n    url: http://127.0.0.1:9090\n`);
    expect(config.status).toMatchObject({ demo: false, error: null });
  });

  it('keeps a typed token in the secret store and hands back only a reference', async () => {
    const { service, secrets } = await serviceWith(CHECK);
    await expect(service.saveSecret('pagerduty', 'u+token-value', 'pd')).resolves.toEqual({ reference: { secret: 'pagerduty' } });
    expect(secrets.get('pagerduty')).toBe('u+token-value');
    await service.save({ previousName: null, fields: { type: 'pagerduty', name: 'pd', token: { secret: 'pagerduty' } } });
    await expect(service.save({ previousName: null, fields: { type: 'opsgenie', name: 'og', token: { secret: 'opsgenie' } } })).rejects.toThrow(
      'token: no token is saved under the name "opsgenie"; type the token once to save it',
    );
    // The source that uses it may replace it; another may not, whatever its form defaulted to.
    await expect(service.saveSecret('pagerduty', 'rotated-token', 'pd')).resolves.toEqual({ reference: { secret: 'pagerduty' } });
    await expect(service.saveSecret('pagerduty', 'other-account', 'pd-second')).rejects.toThrow('name: the saved token "pagerduty" is used by "pd"; choose another name');
    expect(secrets.get('pagerduty')).toBe('rotated-token');
    // Another source may not borrow it (it would go to that source's address).
    await expect(service.save({ previousName: null, fields: { type: 'pagerduty', name: 'pd-elsewhere', token: { secret: 'pagerduty' }, baseUrl: 'http://127.0.0.1:9/' } })).rejects.toThrow(
      'token: the saved token "pagerduty" belongs to "pd"; type this source\'s own token',
    );
  });

  it('refuses to save a form opened before the file changed that source, so an edit made meanwhile is not undone', async () => {
    const { service } = await serviceWith(CHECK);
    const [listed] = (await service.list()).sources;
    await service.save({ previousName: listed!.name, fields: { ...listed!.fields, interval: '45s' }, listed: listed!.fields });
    await expect(service.save({ previousName: listed!.name, fields: { ...listed!.fields, timeout: '5s' }, listed: listed!.fields })).rejects.toThrow(/was changed in .* since this form opened/);
  });

  it('tests with a typed token without storing it, and never sends a saved token, file or variable to a new address', async () => {
    const { service, secrets } = await serviceWith(CHECK);
    secrets.set('pagerduty', 'saved-token');
    await service.save({ previousName: null, fields: { type: 'pagerduty', name: 'pd', token: { secret: 'pagerduty' }, baseUrl: 'http://127.0.0.1:9/' } });
    const moved = await service.test({ type: 'pagerduty', name: 'pd', token: { secret: 'pagerduty' }, baseUrl: 'http://127.0.0.1:10/' });
    expect(moved).toMatchObject({ ok: false, steps: [{ step: 'config', ok: false, detail: expect.stringContaining('token: type the token to test with it, or save the source first') }] });
    const fileToken = await service.test({ type: 'prometheus', name: 'new-prom', url: 'http://127.0.0.1:9/', token: { file: '/etc/hostname' } });
    expect(fileToken.steps[0]).toMatchObject({ step: 'config', ok: false });
    const typed = await service.test({ type: 'pagerduty', name: 'pd2', baseUrl: 'http://127.0.0.1:9/' }, 'typed-token');
    expect(typed.steps[0]).toMatchObject({ step: 'config', ok: true });
    expect(secrets.has('typed-for-this-test')).toBe(false);
    expect(JSON.stringify(typed)).not.toContain('typed-token');
  });
});
