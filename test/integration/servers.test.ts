/**
 * Proves the real-server harness in test/helpers/servers.ts: Alertmanager and Prometheus start
 * on loopback, alerts flow, crashes and restarts behave.
 */
import { readFile, stat } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertLoopback,
  createSilence,
  expireSilence,
  freePort,
  getAlertmanagerAlerts,
  getPrometheusAlerts,
  postAlerts,
  resolveAlerts,
  startAlertmanager,
  startPrometheus,
  waitFor,
  type AlertmanagerAlert,
  type RunningServer,
} from '../helpers/servers';

const started: RunningServer[] = [];
function track<T extends RunningServer>(server: T): T {
  started.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

const ALWAYS_FIRING_RULES = `groups:
  - name: harness
    rules:
      - alert: AlwaysFiring
        expr: vector(1) > 0
        for: 0s
        labels:
          severity: warning
        annotations:
          summary: Always firing, for the harness test
`;

async function findAlert(url: string, alertname: string): Promise<AlertmanagerAlert | undefined> {
  return (await getAlertmanagerAlerts(url)).find((alert) => alert.labels.alertname === alertname);
}

describe('helpers', () => {
  it('freePort returns a bindable loopback port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
  });

  it('assertLoopback only lets 127.0.0.0/8 through', () => {
    expect(() => assertLoopback('http://127.0.0.1:9093')).not.toThrow();
    expect(() => assertLoopback('127.1.2.3:80')).not.toThrow();
    expect(() => assertLoopback('http://localhost:9093')).toThrow(/127\.0\.0\.0\/8/);
    expect(() => assertLoopback('http://10.0.0.1:9093')).toThrow(/127\.0\.0\.0\/8/);
    expect(() => assertLoopback('http://127.0.0.1.example.com/')).toThrow(/127\.0\.0\.0\/8/);
  });

  it('waitFor returns the first truthy-ish value and times out with a clear message', async () => {
    let calls = 0;
    await expect(waitFor(async () => (++calls >= 3 ? calls : undefined), { intervalMs: 5, description: 'three calls' })).resolves.toBe(3);
    await expect(
      waitFor(
        async () => {
          throw new Error('boom');
        },
        { timeoutMs: 100, intervalMs: 10, description: 'the impossible' },
      ),
    ).rejects.toThrow(/waiting for the impossible; last error: boom/);
    await expect(waitFor(async () => false, { timeoutMs: 50, intervalMs: 10, description: 'never' })).rejects.toThrow(
      /waiting for never; last value: false/,
    );
  });
});

describe('Alertmanager', () => {
  it('starts on 127.0.0.1 with clustering disabled', async () => {
    const t0 = Date.now();
    const am = track(await startAlertmanager());
    console.log(`alertmanager ready in ${Date.now() - t0} ms at ${am.url}`);
    expect(am.url).toBe(`http://127.0.0.1:${am.port}`);
    const status = (await (await fetch(`${am.url}/api/v2/status`)).json()) as {
      cluster: { status: string; peers?: unknown[] };
      versionInfo: { version: string };
    };
    expect(status.cluster.status).toBe('disabled');
    console.log(`alertmanager version ${status.versionInfo.version}`);
    expect(am.logs()).toContain('Listening on');
  });

  it('shows a posted alert, drops it when resolved, and reports its fingerprint', async () => {
    const am = track(await startAlertmanager());
    const alert = {
      labels: { alertname: 'X', severity: 'critical' },
      annotations: { summary: 'harness test alert' },
      generatorURL: 'http://127.0.0.1:1/graph',
    };
    await postAlerts(am.url, [alert]);
    const seen = await waitFor(() => findAlert(am.url, 'X'), { description: 'alert X in /api/v2/alerts' });
    expect(seen.labels).toEqual({ alertname: 'X', severity: 'critical' });
    expect(seen.annotations.summary).toBe('harness test alert');
    expect(seen.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // Reference value for the app's fingerprint implementation (FNV-1a 64 over the sorted label set).
    console.log(`FINGERPRINT {alertname="X", severity="critical"} = ${seen.fingerprint}`);
    expect(seen.fingerprint).toBe('d5e08c84ef09a8b8');

    // The filter parameter works too.
    expect(await getAlertmanagerAlerts(am.url, ['severity="critical"'])).toHaveLength(1);
    expect(await getAlertmanagerAlerts(am.url, ['severity="info"'])).toHaveLength(0);

    await resolveAlerts(am.url, [alert]);
    await waitFor(async () => (await findAlert(am.url, 'X')) === undefined, { description: 'alert X gone after resolve' });
  });

  it('rejects a malformed alert with the status and body in the error', async () => {
    const am = track(await startAlertmanager());
    await expect(postAlerts(am.url, [{ labels: {} }])).rejects.toThrow(/HTTP 400/);
  });

  it('silences: created, shown on the alert, expired', async () => {
    const am = track(await startAlertmanager());
    await postAlerts(am.url, [{ labels: { alertname: 'Silenced', severity: 'info' } }]);
    const id = await createSilence(am.url, { matchers: [{ name: 'alertname', value: 'Silenced' }], comment: 'shh' });
    const suppressed = await waitFor(
      async () => {
        const alert = await findAlert(am.url, 'Silenced');
        return alert?.status.state === 'suppressed' ? alert : undefined;
      },
      { description: 'alert suppressed by the silence' },
    );
    expect(suppressed.status.silencedBy).toEqual([id]);
    await expireSilence(am.url, id);
    await waitFor(async () => (await findAlert(am.url, 'Silenced'))?.status.state === 'active', {
      description: 'alert active again after the silence expired',
    });
  });

  it('survives kill + restart on the same port and data dir; graceful restart keeps silences', async () => {
    const am = track(await startAlertmanager());
    const { port, url, dataDir } = am;
    const firstPid = am.pid();
    await postAlerts(url, [{ labels: { alertname: 'BeforeCrash' } }]);
    await waitFor(() => findAlert(url, 'BeforeCrash'), { description: 'alert before crash' });

    await am.kill();
    expect(am.running()).toBe(false);
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
    expect((await stat(dataDir)).isDirectory()).toBe(true);

    const t0 = Date.now();
    await am.restart();
    console.log(`alertmanager restarted after kill in ${Date.now() - t0} ms`);
    expect(am.port).toBe(port);
    expect(am.pid()).not.toBe(firstPid);
    // Alertmanager keeps alerts only in memory: a crash loses them until senders re-post.
    expect(await findAlert(url, 'BeforeCrash')).toBeUndefined();
    await postAlerts(url, [{ labels: { alertname: 'AfterCrash' } }]);
    await waitFor(() => findAlert(url, 'AfterCrash'), { description: 'alert after restart' });

    // Silences are snapshotted to the data dir on graceful shutdown, so restart() keeps them.
    const id = await createSilence(url, { matchers: [{ name: 'alertname', value: 'Whatever' }] });
    await am.restart();
    const silences = (await (await fetch(`${url}/api/v2/silences`)).json()) as Array<{ id: string; status: { state: string } }>;
    expect(silences.find((s) => s.id === id)?.status.state).toBe('active');
    expect(am.logs()).toMatch(/exited: SIGKILL/);

    await am.stop();
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
    await expect(am.restart()).rejects.toThrow(/was stopped/);
  });

  it('fails fast with the server output when the config is invalid', async () => {
    const t0 = Date.now();
    await expect(startAlertmanager({ config: 'route: {}\nreceivers: nope\n' })).rejects.toThrow(
      /alertmanager failed to start on 127\.0\.0\.1:\d+ .*exited before becoming ready[\s\S]*last output/,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reloads a new config and rejects a bad one', async () => {
    const am = track(await startAlertmanager());
    await am.setConfig(`route:\n  receiver: other\nreceivers:\n  - name: other\n`);
    await postAlerts(am.url, [{ labels: { alertname: 'Routed' } }]);
    const alert = await waitFor(
      async () => {
        const found = await findAlert(am.url, 'Routed');
        return found && found.receivers.length > 0 ? found : undefined;
      },
      { description: 'alert routed to the new receiver' },
    );
    expect(alert.receivers.map((r) => r.name)).toEqual(['other']);
    await expect(am.setConfig('route: [\n')).rejects.toThrow(/reload failed/);
  });

  it('can form a loopback HA pair whose members gossip silences', async () => {
    const a = track(await startAlertmanager({ cluster: {} }));
    expect(a.clusterAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    const b = track(await startAlertmanager({ cluster: { peers: [a.clusterAddress ?? ''] } }));
    const id = await createSilence(a.url, { matchers: [{ name: 'alertname', value: 'Gossip' }] });
    await waitFor(
      async () => {
        const silences = (await (await fetch(`${b.url}/api/v2/silences`)).json()) as Array<{ id: string }>;
        return silences.some((s) => s.id === id);
      },
      { description: 'silence gossiped to the second member' },
    );
    const status = (await (await fetch(`${b.url}/api/v2/status`)).json()) as { cluster: { peers: Array<{ address: string }> } };
    for (const peer of status.cluster.peers) expect(peer.address).toMatch(/^127\.0\.0\.1:/);
    // Stop members one at a time: when both leave at once, one waits out Alertmanager's 10 s
    // leave timeout (and the harness' SIGTERM grace period) for an ack that never comes.
    await b.stop();
    await a.stop();
  });
});

describe('Prometheus', () => {
  it('evaluates a rule and shows the alert firing within seconds', async () => {
    const t0 = Date.now();
    const prom = track(await startPrometheus({ rules: ALWAYS_FIRING_RULES, scrapeSelf: true }));
    console.log(`prometheus ready in ${Date.now() - t0} ms at ${prom.url}`);
    const firing = await waitFor(
      async () => (await getPrometheusAlerts(prom.url)).find((a) => a.labels.alertname === 'AlwaysFiring' && a.state === 'firing'),
      { timeoutMs: 10_000, description: 'AlwaysFiring firing in /api/v1/alerts' },
    );
    console.log(`AlwaysFiring firing ${Date.now() - t0} ms after start`);
    expect(firing.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'warning' });
    expect(firing.annotations.summary).toBe('Always firing, for the harness test');

    const config = await readFile(prom.configPath, 'utf8');
    expect(config).toContain('evaluation_interval: 1s');

    // Self-scrape works (only loopback targets).
    await waitFor(
      async () => {
        const body = (await (await fetch(`${prom.url}/api/v1/query?query=up`)).json()) as {
          data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
        };
        return body.data.result.find((r) => r.metric.job === 'prometheus' && r.value[1] === '1');
      },
      { description: 'up{job="prometheus"} == 1' },
    );

    // Rules can be swapped at runtime; the alert goes away.
    await prom.setRules('groups: []\n');
    await waitFor(async () => (await getPrometheusAlerts(prom.url)).length === 0, { description: 'no alerts after removing rules' });
    await expect(prom.setRules('groups: [ {name: x, rules: [{alert: A, expr: "(("}]}]\n')).rejects.toThrow(/reload failed/);
  });

  it('survives kill + restart on the same port and data dir', async () => {
    const prom = track(await startPrometheus({ rules: ALWAYS_FIRING_RULES }));
    await prom.kill();
    await prom.restart();
    await waitFor(async () => (await getPrometheusAlerts(prom.url)).some((a) => a.state === 'firing'), {
      description: 'AlwaysFiring firing after restart',
    });
  });

  it('delivers its alert into Alertmanager', async () => {
    const am = track(await startAlertmanager());
    const t0 = Date.now();
    const prom = track(await startPrometheus({ rules: ALWAYS_FIRING_RULES, alertmanagerUrls: [am.url] }));
    const delivered = await waitFor(() => findAlert(am.url, 'AlwaysFiring'), {
      timeoutMs: 15_000,
      description: 'AlwaysFiring delivered to Alertmanager',
    });
    console.log(`AlwaysFiring reached Alertmanager ${Date.now() - t0} ms after Prometheus start`);
    expect(delivered.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'warning' });
    expect(delivered.generatorURL).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${prom.port}/`));
    console.log(`FINGERPRINT {alertname="AlwaysFiring", severity="warning"} = ${delivered.fingerprint}`);

    // Alertmanager loses alerts on a crash; Prometheus re-sends (resend delay 1s).
    await am.kill();
    await am.restart();
    await waitFor(() => findAlert(am.url, 'AlwaysFiring'), { timeoutMs: 15_000, description: 'AlwaysFiring re-sent after Alertmanager restart' });
  });
});
