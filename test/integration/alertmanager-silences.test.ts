import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SilenceMatcher } from '../../shared/actions';
import {
  createSilence,
  expireSilence,
  listSilences,
  SilenceRefusedError,
  SilenceRequestError,
  type PostableSilence,
} from '../../electron/sources/alertmanager-silences';
import { AlertmanagerSource } from '../../electron/sources/alertmanager';
import { freePort, postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';

const eq = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: true });
const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();

function silence(overrides: Partial<PostableSilence> = {}): PostableSilence {
  return { matchers: [eq('service', 'checkout')], startsAt: new Date().toISOString(), endsAt: hourFromNow(), createdBy: 'alice', comment: 'deploy window', ...overrides };
}

/** A loopback HTTP server for answers Alertmanager does not give on demand. */
async function startServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<SilenceRefusedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SilenceRefusedError);
  return error as SilenceRefusedError;
}

describe('Alertmanager silences client against a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let host: string;

  beforeAll(async () => {
    am = await startAlertmanager();
    host = new URL(am.url).host;
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('creates a silence, lists it back with every field, and expires it (twice is fine)', async () => {
    const posted = silence({ matchers: [eq('service', 'checkout'), { name: 'env', value: 'prod|staging', isRegex: true, isEqual: false }] });
    const id = await createSilence(am.url, posted);
    const listed = (await listSilences(am.url)).find((candidate) => candidate.id === id);
    expect(listed).toMatchObject({ id, matchers: posted.matchers, createdBy: 'alice', comment: 'deploy window', state: 'active' });
    expect(Date.parse(listed!.updatedAt)).not.toBeNaN();

    await expireSilence(am.url, id, { timeoutMs: 5_000 });
    expect((await listSilences(am.url)).find((candidate) => candidate.id === id)?.state).toBe('expired');
    await expireSilence(am.url, id);
  });

  it("passes Alertmanager's reasons on in words when it refuses for good", async () => {
    const badRegex = await refusal(createSilence(am.url, silence({ matchers: [{ name: 'service', value: '(', isRegex: true, isEqual: true }] })));
    expect(badRegex).toMatchObject({ status: 400, reason: 'invalid' });
    expect(badRegex.message).toBe(`Alertmanager at ${host} refused the silence: silence invalid: invalid label matcher 0: invalid regular expression "(": error parsing regexp: missing closing ): \`(\``);

    const past = await refusal(createSilence(am.url, silence({ startsAt: new Date(Date.now() - 7_200_000).toISOString(), endsAt: new Date(Date.now() - 3_600_000).toISOString() })));
    expect(past.message).toBe(`Alertmanager at ${host} refused the silence: Failed to create silence: end time can't be in the past`);

    const matchesEmpty = await refusal(createSilence(am.url, silence({ matchers: [eq('service', '')] })));
    expect(matchesEmpty.message).toMatch(/refused the silence: silence invalid: at least one matcher must not match the empty string$/);

    const unknown = await refusal(expireSilence(am.url, '00000000-0000-4000-8000-000000000000'));
    expect(unknown).toMatchObject({ reason: 'unknown-silence', message: `Alertmanager at ${host} does not know silence 00000000-0000-4000-8000-000000000000` });
    const notAnId = await refusal(expireSilence(am.url, 'not-a-uuid'));
    expect(notAnId).toMatchObject({ status: 422, reason: 'invalid' });
    expect(notAnId.message).toMatch(/refused to expire silence not-a-uuid: silenceID in path must be of type uuid/);
    console.log(`refusals in words: ${[badRegex, past, matchesEmpty, unknown, notAnId].map((error) => error.message).join(' | ')}`);
  });

  it('tells a request that never left (connection refused) from one that may have reached the server (timeout, 5xx)', async () => {
    const closed = await freePort();
    const refused = await createSilence(`http://127.0.0.1:${closed}`, silence()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SilenceRequestError);
    expect(refused).toMatchObject({ message: `connection refused at 127.0.0.1:${closed} (POST /api/v2/silences)`, kind: 'network', mayHaveReachedServer: false });

    const hanging = await startServer(() => undefined);
    const failing = await startServer((_request, response) => response.writeHead(503, { 'content-type': 'text/plain' }).end('overloaded'));
    try {
      const timedOut = await createSilence(hanging.url, silence(), { timeoutMs: 300 }).catch((error: unknown) => error);
      expect(timedOut).toMatchObject({ kind: 'timeout', mayHaveReachedServer: true });
      expect((timedOut as Error).message).toMatch(/^no answer from 127\.0\.0\.1:\d+ in time .*\(POST \/api\/v2\/silences\)$/);
      const unavailable = await expireSilence(failing.url, '00000000-0000-4000-8000-000000000000').catch((error: unknown) => error);
      expect(unavailable).toMatchObject({ kind: 'http', mayHaveReachedServer: true });
      expect((unavailable as Error).message).toMatch(/^HTTP 503 Service Unavailable from DELETE http:\/\/127\.0\.0\.1:\d+\/api\/v2\/silence\/0{8}-0{4}-4000-8000-0{12}: overloaded$/);
    } finally {
      await Promise.all([hanging.close(), failing.close()]);
    }
  });

  it('AlertmanagerSource returns the non-expired silences with every poll, and the alerts without them when they cannot be read', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'DiskFull', service: 'storage' } }]);
    const active = await createSilence(am.url, silence({ matchers: [eq('service', 'storage')], comment: 'disk swap' }));
    const pending = await createSilence(am.url, silence({ startsAt: hourFromNow(), endsAt: new Date(Date.now() + 7_200_000).toISOString(), comment: 'later' }));
    const expired = await createSilence(am.url, silence({ comment: 'gone' }));
    await expireSilence(am.url, expired);

    const source = new AlertmanagerSource({ name: 'am', url: am.url, silenced: true, inhibited: true });
    const result = await source.fetchAlerts(AbortSignal.timeout(5_000));
    const states = new Map((result.silences ?? []).map((listed) => [listed.id, listed.state]));
    expect(states.get(active)).toBe('active');
    expect(states.get(pending)).toBe('pending');
    expect(states.has(expired)).toBe(false);
    console.log(`silences returned with one poll: ${states.size} (expired left out: ${!states.has(expired)})`);

    // Alerts come from the real server, silences fail.
    const halfBroken = await startServer((request, response) => {
      if (request.url?.startsWith('/api/v2/silences')) return void response.writeHead(500, { 'content-type': 'text/plain' }).end('silences store unavailable');
      void fetch(`${am.url}${request.url ?? '/'}`).then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()));
    });
    try {
      const degraded = await new AlertmanagerSource({ name: 'half', url: halfBroken.url, silenced: true, inhibited: true }).fetchAlerts(AbortSignal.timeout(5_000));
      expect(degraded.alerts.map((alert) => alert.name)).toContain('DiskFull');
      expect(degraded.silences).toBeUndefined();
      expect(degraded.warnings).toEqual([expect.stringMatching(/^cannot read silences: HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/api\/v2\/silences: silences store unavailable$/)]);
    } finally {
      await halfBroken.close();
    }
  });
});
