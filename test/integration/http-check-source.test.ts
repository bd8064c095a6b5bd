import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpCheckSource } from '../../electron/sources/http-check/http-check-source';
import { SourceError } from '../../electron/sources/http-json';
import type { SourceAlert } from '../../electron/sources/source';
import { checkConfig } from '../helpers/http-check/check-config';
import { useCheckServers } from '../helpers/http-check/check-server';

const startServer = useCheckServers();
const poll = (source: HttpCheckSource, ms = 10_000) => source.fetchAlerts(AbortSignal.timeout(ms));

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return (_request: unknown, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(body);
  };
}

function onlyFailure(alerts: SourceAlert[]): SourceAlert {
  expect(alerts.map((alert) => alert.name)).toEqual(['HttpCheckFailed']);
  return alerts[0]!;
}

describe('HttpCheckSource against local servers', () => {
  it('up: a 200 with the expected body raises nothing and records an ok probe with its latency', async () => {
    const server = await startServer(answer(200, 'all systems ok'));
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/health`, bodyContains: 'ok' }));
    expect(await poll(source)).toEqual({ alerts: [], warnings: [] });
    const [result] = source.results();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result!.latencyMs).toBeGreaterThan(0);
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/health' }]);
    console.log(`up: one probe of a local server took ${result!.latencyMs} ms`);
  });

  it('down: connection refused is an alert whose start stays over polls, and it is gone once the server is back', async () => {
    const server = await startServer(answer(200, 'ok'));
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/health`, labels: { service: 'shop' }, severity: 'warning' }));
    expect((await poll(source)).alerts).toEqual([]);
    await server.stop();
    const first = onlyFailure((await poll(source)).alerts);
    const host = new URL(server.url).host;
    expect(first.annotations.summary).toBe(`GET ${server.url}/health failed: could not connect to ${host}: connection refused`);
    expect(first.labels).toEqual({ alertname: 'HttpCheckFailed', check: 'shop-health', instance: host, url: `${server.url}/health`, service: 'shop', severity: 'warning' });
    expect(first).toMatchObject({ severity: 'warning', state: 'firing' });
    expect(first.annotations.description).toContain('first failure');
    const second = onlyFailure((await poll(source)).alerts);
    expect(second.startsAt).toBe(first.startsAt);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.annotations.description).toContain('2 failures in a row');
    expect(Date.parse(first.startsAt)).toBe(source.results()[1]!.at);
    await server.start();
    expect((await poll(source)).alerts).toEqual([]);
    expect(source.results().map(({ ok, status }) => ({ ok, status }))).toEqual([
      { ok: true, status: 200 },
      { ok: false, status: null },
      { ok: false, status: null },
      { ok: true, status: 200 },
    ]);
    await server.stop();
    const again = onlyFailure((await poll(source)).alerts);
    expect(Date.parse(again.startsAt)).toBe(source.results()[4]!.at);
  });

  it('a refused connection is the target answering, so it stays a check failure even when the machine seems offline', async () => {
    const server = await startServer(answer(200, 'ok'));
    await server.stop();
    const source = new HttpCheckSource(checkConfig({ url: server.url }), { networkUp: () => false });
    expect(onlyFailure((await poll(source)).alerts).annotations.summary).toContain('connection refused');
  });

  it('slow: an answer later than the signal allows is a timeout alert, not a thrown error', async () => {
    const server = await startServer(() => undefined);
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/slow` }));
    const alert = onlyFailure((await poll(source, 300)).alerts);
    expect(alert.annotations.summary).toMatch(new RegExp(`^GET ${server.url}/slow failed: no answer from ${new URL(server.url).host} within [\\d.]+ s$`));
    expect(source.results()).toMatchObject([{ ok: false, status: null }]);
    console.log(`slow: gave up after ${source.results()[0]!.latencyMs} ms (signal: 300 ms)`);
  });

  it("slow: the check's own timeout ends it a little before the poller's, so it is still an alert", async () => {
    const server = await startServer(() => undefined);
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/slow`, timeout: '500ms' }));
    // A signal that never ends: only the check's own limit can end this poll.
    const alert = onlyFailure((await source.fetchAlerts(new AbortController().signal)).alerts);
    expect(alert.annotations.summary).toContain('failed: no answer from');
  });

  it('a signal cancelled for another reason than time (the source is stopped) throws and records nothing', async () => {
    const server = await startServer(() => undefined);
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/slow` }));
    const stop = new AbortController();
    const polled = source.fetchAlerts(stop.signal);
    await expect.poll(() => server.requests.length).toBe(1);
    stop.abort();
    await expect(polled).rejects.toThrow(new SourceError(`the check of ${server.url}/slow was cancelled`, 'timeout'));
    expect(source.results()).toEqual([]);
  });

  it('wrong status: a 503 fails a default check (2xx) and passes one that expects it', async () => {
    const server = await startServer(answer(503, 'maintenance'));
    const alert = onlyFailure((await poll(new HttpCheckSource(checkConfig({ url: server.url })))).alerts);
    expect(alert.annotations.summary).toBe(`GET ${server.url}/ answered 503 Service Unavailable, expected 2xx`);
    expect(alert.annotations.description).toContain('body: maintenance');
    expect(Number(alert.value)).toBe(Number(alert.annotations.latency_ms));
    const expecting = new HttpCheckSource(checkConfig({ url: server.url, expectStatus: [503] }));
    expect((await poll(expecting)).alerts).toEqual([]);
    expect(expecting.results()).toMatchObject([{ ok: true, status: 503 }]);
  });

  it('wrong body: a 200 without the expected text fails', async () => {
    const server = await startServer(answer(200, '{"status":"degraded"}'));
    const alert = onlyFailure((await poll(new HttpCheckSource(checkConfig({ url: server.url, bodyContains: 'healthy' })))).alerts);
    expect(alert.annotations.summary).toBe(`GET ${server.url}/ answered 200 OK but the body does not contain "healthy"`);
    expect(alert.annotations.description).toContain('{"status":"degraded"}');
  });

  it('JSON path: passes when the value matches, fails on another value, a missing path and a body that is not JSON', async () => {
    const health = { status: 'up', checks: [{ name: 'db', state: 'up' }, { name: 'queue', state: 'down' }] };
    const json = await startServer(answer(200, JSON.stringify(health), { 'content-type': 'application/json' }));
    const check = (path: string, equals: unknown) => poll(new HttpCheckSource(checkConfig({ url: json.url, json: { path, equals } })));
    expect((await check('checks.0.state', 'up')).alerts).toEqual([]);
    expect(onlyFailure((await check('checks.1.state', 'up')).alerts).annotations.summary).toBe(
      `GET ${json.url}/ answered 200 OK but its JSON has "down" at checks.1.state, expected "up"`,
    );
    expect(onlyFailure((await check('checks.5.state', 'up')).alerts).annotations.summary).toContain('but its JSON has nothing at checks.5');
    const html = await startServer(answer(200, '<html>Welcome</html>'));
    const notJson = onlyFailure((await poll(new HttpCheckSource(checkConfig({ url: html.url, json: { path: 'status', equals: 'up' } })))).alerts);
    expect(notJson.annotations.summary).toBe(`GET ${html.url}/ answered 200 OK but the body is not JSON`);
    expect(notJson.annotations.description).toContain('<html>Welcome</html>');
  });

  it('a redirect is not followed: a 302 to a login page fails unless 302 is expected', async () => {
    const server = await startServer(answer(302, '', { location: '/login?next=%2Fhealth' }));
    const alert = onlyFailure((await poll(new HttpCheckSource(checkConfig({ url: `${server.url}/health` })))).alerts);
    expect(alert.annotations.summary).toBe(`GET ${server.url}/health answered 302 Found, expected 2xx`);
    expect(alert.annotations.description).toContain('redirects to /login?next=%2Fhealth (redirects are not followed)');
    expect(server.requests.map((request) => request.path)).toEqual(['/health']);
    expect((await poll(new HttpCheckSource(checkConfig({ url: `${server.url}/health`, expectStatus: [301, 302] })))).alerts).toEqual([]);
  });

  it('sends the headers and the POST body, and never puts a header value or the URL password into the alert', async () => {
    const echo = (request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(request.headers));
    };
    const server = await startServer(echo);
    const url = server.url.replace('://', '://probe:pa55word-xyz@');
    const source = new HttpCheckSource(
      checkConfig({
        url: `${url}/api/health?api_key=k-123456&verbose=1`,
        method: 'POST',
        headers: { Authorization: 'Bearer s3cr3t-t0ken', 'X-Tenant': 'tenant-7', 'Content-Type': 'application/json' },
        body: '{"deep":true}',
      }),
    );
    const alert = onlyFailure((await poll(source)).alerts);
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: 'POST', path: '/api/health?api_key=k-123456&verbose=1', body: '{"deep":true}' });
    expect(seen!.headers).toMatchObject({ authorization: 'Bearer s3cr3t-t0ken', 'x-tenant': 'tenant-7', 'content-type': 'application/json' });
    const everything = JSON.stringify(alert);
    for (const secret of ['s3cr3t-t0ken', 'tenant-7', 'pa55word-xyz', 'k-123456', Buffer.from('probe:pa55word-xyz').toString('base64')]) {
      expect(everything).not.toContain(secret);
    }
    expect(alert.labels.url).toBe(`${server.url}/api/health?api_key=***&verbose=1`);
    expect(alert.annotations.description).toContain('"authorization":"***"');
  });

  it('a header value node refuses (a line break) fails the check in words without crashing or showing the value', async () => {
    const server = await startServer(answer(200, 'ok'));
    const source = new HttpCheckSource(checkConfig({ url: server.url, headers: { 'X-Token': 'abc\r\nInjected: s3cr3t-value' } }));
    const alert = onlyFailure((await poll(source)).alerts);
    expect(alert.annotations.summary).toBe(`GET ${server.url}/ failed: the request could not be sent: Invalid character in header content ["x-token"]`);
    expect(JSON.stringify(alert)).not.toContain('s3cr3t-value');
    expect(server.requests).toEqual([]);
  });

  it('reads at most 1 MB of body: a status-only check passes, a body check says only the first 1 MB was read', async () => {
    const server = await startServer(answer(200, `${'x'.repeat(2 * 1024 * 1024)}ok`));
    expect((await poll(new HttpCheckSource(checkConfig({ url: server.url })))).alerts).toEqual([]);
    const alert = onlyFailure((await poll(new HttpCheckSource(checkConfig({ url: server.url, bodyContains: 'ok' })))).alerts);
    expect(alert.annotations.description).toContain('body (only the first 1 MB read)');
  });

  it('refuses HEAD with a body assertion as a source error naming the check, without sending anything', async () => {
    const server = await startServer(answer(200, 'ok'));
    const source = new HttpCheckSource(checkConfig({ url: server.url, method: 'HEAD', bodyContains: 'ok' }));
    await expect(poll(source)).rejects.toThrow('check shop-health: method HEAD gets no body, so "bodyContains" and "json" cannot be checked; use GET');
    expect(server.requests).toEqual([]);
    expect((await poll(new HttpCheckSource(checkConfig({ url: server.url, method: 'HEAD' })))).alerts).toEqual([]);
  });

  it('keeps only the last historyLimit results, oldest first', async () => {
    const server = await startServer(answer(200, 'ok'));
    const source = new HttpCheckSource(checkConfig({ url: server.url }), { historyLimit: 3 });
    for (let i = 0; i < 5; i++) await poll(source);
    const results = source.results();
    expect(results).toHaveLength(3);
    expect(server.requests).toHaveLength(5);
    expect(results.map((result) => result.at)).toEqual([...results.map((result) => result.at)].sort((a, b) => a - b));
    const latencies = results.map((result) => result.latencyMs);
    console.log(`history: last 3 of 5 local probes took ${latencies.join(', ')} ms`);
  });
});
