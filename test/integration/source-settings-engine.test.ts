import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { MASKED_SECRET } from '../../shared/settings';
import { startTestHost } from '../helpers/engine-host';
import { useCheckServers } from '../helpers/http-check/check-server';
import { waitFor } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('source-settings-engine-');
const startServer = useCheckServers();

const CONFIG = `# my sources
sources: [] # filled in by the app

notifications:
  minSeverity: critical # quiet nights
`;

describe('saving a source through the settings service', () => {
  let host: EngineHost | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  it('the running engine polls a source added, changed and removed in the Settings view, and the file keeps its comments', async () => {
    const server = await startServer((_request, response) => response.end('ok'));
    host = await startTestHost({ dir: folder.dir, config: CONFIG });
    const health = (name: string) => host!.engine.snapshot().sources.find((source) => source.name === name);

    const saved = await host.sourceSettings.save({
      previousName: null,
      fields: { type: 'http', name: 'shop', url: `${server.url}/health`, interval: '1s', timeout: '2s', headers: { Authorization: 'Bearer t0ken-abc' } },
    });
    expect(saved.sources).toEqual([{ name: 'shop', type: 'http', fields: expect.objectContaining({ headers: { Authorization: MASKED_SECRET } }) }]);
    await waitFor(async () => health('shop')?.status === 'ok', { description: 'the new check polled and ok' });
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer t0ken-abc');

    await host.sourceSettings.save({ previousName: 'shop', fields: { ...saved.sources[0]!.fields, name: 'shop-health' } });
    await waitFor(async () => health('shop-health')?.status === 'ok' && health('shop') === undefined, { description: 'the renamed check polled' });
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer t0ken-abc');

    await host.sourceSettings.remove('shop-health');
    await waitFor(async () => host!.engine.snapshot().sources.length === 0, { description: 'the check gone from the engine' });
    expect(await readFile(`${folder.dir}/config.yaml`, 'utf8')).toBe(CONFIG);
  });
});
