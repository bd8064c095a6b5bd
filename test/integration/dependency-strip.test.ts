import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import type { Engine } from '../../electron/engine/engine';
import type { DependencyStatus } from '../../shared/model';
import { startTestEngine, testConfig } from '../helpers/engine-harness';
import { waitFor } from '../helpers/servers';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/status-pages');

/** "Is it us or them?": the status page's overall word reaches the snapshot and is pushed when it changes. */
describe('dependency strip', () => {
  let server: http.Server | undefined;
  let engine: Engine | undefined;

  afterEach(async () => {
    engine?.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('shows each status page source as a dependency, and pushes its changes', async () => {
    let page = 'summary-healthy.json';
    server = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path.join(FIXTURES, page))));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    engine = startTestEngine(testConfig([SourceConfigSchema.parse({ type: 'statuspage', name: 'codehost', dependency: 'Code Host', url, interval: '10s' })]));
    const pushed: DependencyStatus[][] = [];
    engine.on('dependenciesChanged', (list) => pushed.push(list));
    const running = engine;

    const healthy = await waitFor(async () => running.snapshot().dependencies[0], { description: 'the dependency shown' });
    expect(healthy).toMatchObject({ dependency: 'Code Host', source: 'codehost', indicator: 'none' });

    page = 'summary-degraded.json';
    running.pollAllNow();
    const degraded = await waitFor(async () => pushed.at(-1)?.find((dependency) => dependency.indicator !== 'none'), { description: 'the degraded state pushed' });
    expect(degraded).toMatchObject({ dependency: 'Code Host', indicator: 'major', description: 'Partial System Outage' });
    console.log(`dependency strip: ${JSON.stringify(running.snapshot().dependencies.map((d) => [d.dependency, d.indicator, d.description]))}`);
  });
});
