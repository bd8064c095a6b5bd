import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import type { Engine } from '../../electron/engine/engine';
import { dependencyGroups } from '../../shared/dependency-groups';
import { recordingNotifier, startTestEngine, testConfig, waitForSource } from '../helpers/engine-harness';
import { waitFor } from '../helpers/servers';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/status-pages');
const SUMMARY = '/api/v2/summary.json';

/** "Is it us or them?": a dependency turning degraded notifies (per the source's `notify`), and the alerts of its services group under it. */
describe('a dependency turning degraded', () => {
  let server: Server;
  let url: string;
  let body = readFileSync(path.join(fixtures, 'summary-healthy.json'), 'utf8');
  let engine: Engine | undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url !== SUMMARY) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(() => {
    engine?.stop();
    engine = undefined;
    body = readFileSync(path.join(fixtures, 'summary-healthy.json'), 'utf8');
  });
  afterAll(() => server?.close());

  function start(notify: boolean) {
    const notifier = recordingNotifier();
    const parsed = SourceConfigSchema.parse({ type: 'statuspage', name: 'codehost', url, dependency: 'Code Host', notify, services: ['deployer'] });
    engine = startTestEngine(testConfig([{ ...parsed, interval: 500, timeout: 2_000 }]), notifier);
    return { engine, notifier };
  }

  async function turnDegraded(running: Engine) {
    await waitForSource(running, 'codehost', 'ok');
    body = readFileSync(path.join(fixtures, 'summary-degraded.json'), 'utf8');
    return waitFor(async () => (running.alerts().some((alert) => alert.name === 'DependencyDegraded') ? running.snapshot() : undefined), {
      description: 'the dependency alerts',
      timeoutMs: 15_000,
    });
  }

  it('notifies by default, and tells the dashboard which services depend on it', async () => {
    const { engine: running, notifier } = start(true);
    const snapshot = await turnDegraded(running);
    // Notified in the same update that brought the alerts: so the quiet case below cannot be a race.
    expect(notifier.shown.length).toBeGreaterThan(0);
    const texts = notifier.shown.map((text) => `${text.title} ${text.body}`).join('\n');
    expect(texts).toMatch(/Code Host|Dependency/);
    const dependency = snapshot.dependencies.find((candidate) => candidate.source === 'codehost');
    expect(dependency).toMatchObject({ dependency: 'Code Host', services: ['deployer'] });
    expect(dependency!.indicator).not.toBe('none');
    const ours = { ...snapshot.alerts[0]!, fingerprint: 'ours', sources: ['am'], labels: { alertname: 'DeployStuck', service: 'deployer' } };
    expect(dependencyGroups([...snapshot.alerts, ours], snapshot.dependencies).map((group) => group.fingerprints)).toEqual([['ours']]);
  });

  it('stays quiet with notify: false', async () => {
    const { engine: running, notifier } = start(false);
    await turnDegraded(running);
    expect(notifier.shown).toEqual([]);
  });
});
