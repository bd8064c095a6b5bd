import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SourceConfigSchema, type StatusPageConfig } from '../../electron/config/config-schema';
import type { Engine } from '../../electron/engine/engine';
import { StatusPageSource } from '../../electron/sources/status-page/status-page-source';
import { startTestEngine, testConfig, waitForSource } from '../helpers/engine-harness';
import { assertLoopback, waitFor } from '../helpers/servers';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/status-pages');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

interface Answer {
  status: number;
  type: string;
  body: string;
}
const json = (name: string): Answer => ({ status: 200, type: 'application/json; charset=utf-8', body: fixture(name) });
const xml = (name: string): Answer => ({ status: 200, type: 'application/rss+xml; charset=utf-8', body: fixture(name) });
const html = (status: number, body: string): Answer => ({ status, type: 'text/html; charset=utf-8', body });

/** A status page on 127.0.0.1 serving whatever answer each path is given; `requests` counts what it was asked. */
async function startStatusPage(): Promise<{ url: string; server: Server; answer(path: string, answer: Answer): void; requests: string[] }> {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} accept=${request.headers.accept}`);
    const answer = answers.get(request.url ?? '') ?? html(404, '<h1>Not Found</h1>');
    response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  assertLoopback(url);
  return { url, server, requests, answer: (at, answer) => void answers.set(at, answer) };
}

function statusPageConfig(fields: Record<string, unknown>): StatusPageConfig {
  return SourceConfigSchema.parse({ type: 'statuspage', ...fields }) as StatusPageConfig;
}

const SUMMARY = '/api/v2/summary.json';
const signal = () => AbortSignal.timeout(10_000);

describe('StatusPageSource over HTTP', () => {
  let page: Awaited<ReturnType<typeof startStatusPage>>;
  beforeAll(async () => {
    page = await startStatusPage();
  });
  afterAll(() => page?.server.close());

  it('reads summary.json under the page URL (or the full API URL) and remembers the overall status', async () => {
    page.answer(`/status${SUMMARY}`, json('summary-degraded.json'));
    const source = new StatusPageSource(statusPageConfig({ name: 'codehost', url: `${page.url}/status/`, dependency: 'Code Host' }));
    expect(source.dependencyStatus()).toBeNull();
    const result = await source.fetchAlerts(signal());
    expect(result.alerts).toHaveLength(5);
    expect(result.alerts.every((alert) => alert.labels.dependency === 'Code Host')).toBe(true);
    expect(source.dependencyStatus()).toEqual({
      dependency: 'Code Host',
      indicator: 'major',
      description: 'Partial System Outage',
      url: 'https://status.example.com/',
      updatedAt: '2026-03-10T11:42:31.204Z',
      services: [],
    });
    const direct = new StatusPageSource(statusPageConfig({ name: 'codehost', url: `${page.url}/status${SUMMARY}` }));
    expect((await direct.fetchAlerts(signal())).alerts.map((alert) => alert.labels.dependency)).toEqual(Array(5).fill('codehost'));
  });

  it('keeps an alert start time while the page moves its own', async () => {
    page.answer(SUMMARY, json('summary-degraded.json'));
    const source = new StatusPageSource(statusPageConfig({ name: 'codehost', url: page.url }));
    const first = await source.fetchAlerts(signal());
    const moved = JSON.parse(fixture('summary-degraded.json'));
    moved.components[0].updated_at = '2026-03-10T11:50:00Z';
    page.answer(SUMMARY, { ...json('summary-degraded.json'), body: JSON.stringify(moved) });
    const second = await source.fetchAlerts(signal());
    const gitOps = (alerts: typeof first.alerts) => alerts.find((alert) => alert.labels.component === 'Git Operations')!;
    expect(gitOps(second.alerts).startsAt).toBe('2026-03-10T11:02:55.871Z');
    expect(gitOps(second.alerts).startsAt).toBe(gitOps(first.alerts).startsAt);
  });

  it('reads an RSS and an Atom feed over HTTP, asking for a feed', async () => {
    page.answer('/history.rss', xml('history.rss'));
    page.answer('/history.atom', xml('history.atom'));
    const now = () => Date.parse('2026-03-10T12:00:00Z');
    const rss = new StatusPageSource(statusPageConfig({ name: 'codehost-rss', url: `${page.url}/history.rss`, format: 'feed' }), now);
    const atom = new StatusPageSource(statusPageConfig({ name: 'codehost-atom', url: `${page.url}/history.atom`, format: 'feed' }), now);
    expect((await rss.fetchAlerts(signal())).alerts.map((alert) => alert.labels.incident)).toEqual(['Failing git pushes in Frankfurt']);
    expect((await atom.fetchAlerts(signal())).alerts.map((alert) => alert.labels.incident)).toEqual(['Failing git pushes in Frankfurt', 'Slow Pages builds & deploys']);
    expect(rss.dependencyStatus()).toMatchObject({ dependency: 'codehost-rss', indicator: 'minor', url: 'https://status.example.com/' });
    expect(page.requests.filter((request) => request.startsWith('GET /history.rss'))[0]).toContain('accept=application/rss+xml');
  });

  it.each([
    ['a 500 page', SUMMARY, 'statuspage', html(500, '<h1>Internal Server Error</h1>'), (url: string) => `HTTP 500 Internal Server Error from ${url}${SUMMARY}: <h1>Internal Server Error</h1>`],
    ['an HTML page instead of JSON', SUMMARY, 'statuspage', html(200, '<!DOCTYPE html><title>Status</title>'), (url: string) => `${url}${SUMMARY} answered with something that is not JSON: <!DOCTYPE html><title>Status</title>`],
    ['JSON of another shape', SUMMARY, 'statuspage', { ...json('summary-healthy.json'), body: '{"page":{"name":"x"},"components":[{"id":"a"}]}' }, (url: string) => `unexpected response from ${url}${SUMMARY}: status: `],
    ['a missing feed', '/missing.rss', 'feed', html(404, 'no such feed'), (url: string) => `HTTP 404 Not Found from ${url}/missing.rss: no such feed`],
    ['JSON instead of a feed', '/feed.json', 'feed', json('summary-healthy.json'), (url: string) => `${url}/feed.json answered with something that is not XML (line 1: char '{' is not expected.`],
    ['an HTML page instead of a feed', '/page.html', 'feed', html(200, '<html><body><p>All good</p></body></html>'), (url: string) => `${url}/page.html is not an RSS or Atom feed: expected an RSS 2.0 <rss> or Atom <feed> document, found <html>`],
    ['broken XML', '/broken.rss', 'feed', { ...xml('history.rss'), body: '<rss><channel><item></channel></rss>' }, (url: string) => `${url}/broken.rss answered with something that is not XML (line 1: Expected closing tag 'item' (opened in line 1, col 15) instead of closing tag 'channel'.)`],
  ])('%s fails in words that name the URL', async (_, at, format, answer, message) => {
    page.answer(at, answer);
    const url = format === 'feed' ? `${page.url}${at}` : page.url;
    const source = new StatusPageSource(statusPageConfig({ name: 'broken', url, format }));
    await expect(source.fetchAlerts(signal())).rejects.toThrow(message(page.url));
    expect(source.dependencyStatus()).toBeNull();
  });

  it('a page that is gone fails naming the host, and the last status stays', async () => {
    const gone = await startStatusPage();
    gone.answer(SUMMARY, json('summary-healthy.json'));
    const source = new StatusPageSource(statusPageConfig({ name: 'gone', url: gone.url }));
    await source.fetchAlerts(signal());
    await new Promise<void>((resolve) => gone.server.close(() => resolve()));
    await expect(source.fetchAlerts(signal())).rejects.toThrow(`connection refused at ${new URL(gone.url).host}`);
    expect(source.dependencyStatus()).toMatchObject({ indicator: 'none', description: 'All Systems Operational' });
  });
});

describe('a status page through the engine', () => {
  let page: Awaited<ReturnType<typeof startStatusPage>>;
  let engine: Engine | undefined;
  beforeAll(async () => {
    page = await startStatusPage();
  });
  afterEach(() => {
    engine?.stop();
    engine = undefined;
  });
  afterAll(() => page?.server.close());

  function startEngine(): Engine {
    // The schema's 10 s minimum interval suits real pages; the test polls twice a second.
    const config = { ...statusPageConfig({ name: 'codehost', url: page.url, dependency: 'Code Host' }), interval: 500, timeout: 2_000 };
    return startTestEngine(testConfig([config]));
  }

  const dependencyAlerts = (engine: Engine) => engine.alerts().filter((alert) => alert.labels.dependency === 'Code Host');

  it('alerts appear when the page turns degraded and vanish when it recovers', async () => {
    page.answer(SUMMARY, json('summary-healthy.json'));
    engine = startEngine();
    await waitForSource(engine, 'codehost', 'ok');
    expect(dependencyAlerts(engine)).toEqual([]);

    page.answer(SUMMARY, json('summary-degraded.json'));
    const alerts = await waitFor(async () => (dependencyAlerts(engine!).length === 5 ? dependencyAlerts(engine!) : undefined), { description: 'five dependency alerts', timeoutMs: 15_000 });
    expect(alerts.map((alert) => [alert.name, alert.labels.component ?? alert.labels.incident, alert.severity]).sort()).toEqual([
      ['DependencyDegraded', 'API Requests', 'warning'],
      ['DependencyDegraded', 'Frankfurt (FRA)', 'critical'],
      ['DependencyDegraded', 'Git Operations', 'warning'],
      ['DependencyIncident', 'Delayed webhook deliveries', 'warning'],
      ['DependencyIncident', 'Failing git pushes in Frankfurt', 'critical'],
    ]);
    expect(alerts.every((alert) => alert.sources.join() === 'codehost' && !alert.stale && alert.state === 'firing')).toBe(true);
    expect(engine.sources().find((source) => source.name === 'codehost')).toMatchObject({ type: 'statuspage', status: 'ok', alertCount: 5 });

    page.answer(SUMMARY, json('summary-healthy.json'));
    await waitFor(async () => dependencyAlerts(engine!).length === 0 || undefined, { description: 'the dependency alerts to end', timeoutMs: 15_000 });
  });

  it('a 500 or a page that is not JSON puts the source down with the error in words; the last alerts stay, stale', async () => {
    page.answer(SUMMARY, json('summary-degraded.json'));
    engine = startEngine();
    await waitFor(async () => dependencyAlerts(engine!).length === 5 || undefined, { description: 'five dependency alerts', timeoutMs: 15_000 });

    page.answer(SUMMARY, html(500, '<h1>Internal Server Error</h1>'));
    const down = await waitForSource(engine, 'codehost', 'down');
    expect(down.lastError).toContain(`HTTP 500 Internal Server Error from ${page.url}${SUMMARY}`);
    const stale = dependencyAlerts(engine);
    expect(stale).toHaveLength(5);
    expect(stale.every((alert) => alert.stale)).toBe(true);

    page.answer(SUMMARY, html(200, '<html><body>maintenance page</body></html>'));
    const notJson = await waitFor(
      async () => {
        const health = engine!.sources().find((source) => source.name === 'codehost');
        return health?.lastError?.includes('not JSON') ? health : undefined;
      },
      { description: 'the not-JSON error', timeoutMs: 15_000 },
    );
    expect(notJson.status).toBe('down');
    expect(notJson.lastError).toContain(`${page.url}${SUMMARY} answered with something that is not JSON: <html><body>maintenance page</body></html>`);
    expect(dependencyAlerts(engine).map((alert) => alert.stale)).toEqual(Array(5).fill(true));

    page.answer(SUMMARY, json('summary-degraded.json'));
    await waitFor(async () => (dependencyAlerts(engine!).every((alert) => !alert.stale) && dependencyAlerts(engine!).length === 5) || undefined, {
      description: 'the alerts to be fresh again',
      timeoutMs: 20_000,
    });
  });
});
