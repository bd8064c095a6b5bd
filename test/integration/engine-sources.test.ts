import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { AlertDelta } from '../../shared/model';
import { PrometheusSource } from '../../electron/sources/prometheus';
import { labelsFingerprint } from '../../electron/sources/fingerprint';
import { fastSource, startTestEngine, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import {
  createSilence,
  getAlertmanagerAlerts,
  postAlerts,
  resolveAlerts,
  startAlertmanager,
  startPrometheus,
  waitFor,
  type RunningAlertmanager,
  type RunningPrometheus,
} from '../helpers/servers';

const RULES = `groups:
  - name: test
    rules:
      - alert: AlwaysFiring
        expr: vector(1) > 0
        for: 0s
        labels:
          severity: warning
          service: rules
        annotations:
          summary: "The rule fires: {{ $value }}"
          runbook_url: https://runbooks.example.com/always-firing
`;

describe('engine against real Alertmanager and Prometheus servers', () => {
  let am1: RunningAlertmanager;
  let am2: RunningAlertmanager;
  let prom: RunningPrometheus;
  let engine: Engine;

  beforeAll(async () => {
    [am1, am2] = await Promise.all([startAlertmanager(), startAlertmanager()]);
    // External labels, as most production set-ups have: Prometheus adds them only when it sends to Alertmanager.
    prom = await startPrometheus({ rules: RULES, alertmanagerUrls: [am1.url], externalLabels: { cluster: 'eu-1', replica: 'a' } });
    engine = startTestEngine(
      testConfig([fastSource('alertmanager', 'am-1', am1.url), fastSource('alertmanager', 'am-2', am2.url), fastSource('prometheus', 'prom', prom.url)]),
    );
  });

  afterAll(async () => {
    engine?.stop();
    await Promise.all([am1?.stop(), am2?.stop(), prom?.stop()]);
  });

  it('shows an alert posted to an HA pair once, with its labels, annotations and both sources', async () => {
    const alert = {
      labels: { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout', instance: 'web-1' },
      annotations: { summary: '7% of checkouts fail', description: 'HTTP 5xx from payments', runbook_url: 'https://runbooks.example.com/x' },
    };
    await Promise.all([postAlerts(am1.url, [alert]), postAlerts(am2.url, [alert])]);
    const seen = await waitForAlert(engine, 'CheckoutErrors from both Alertmanagers', (a) => a.name === 'CheckoutErrors' && a.sources.length === 2);
    expect(seen).toMatchObject({ labels: alert.labels, annotations: alert.annotations, severity: 'critical', state: 'firing', stale: false, sources: ['am-1', 'am-2'] });
    expect(engine.alerts().filter((a) => a.name === 'CheckoutErrors')).toHaveLength(1);
    const [upstream] = await getAlertmanagerAlerts(am1.url, ['alertname="CheckoutErrors"']);
    expect(seen.fingerprint).toBe(upstream!.fingerprint);
    expect(labelsFingerprint(alert.labels)).toBe(upstream!.fingerprint);
  });

  it('shows a firing Prometheus rule, merged with the copy Prometheus sent to Alertmanager', async () => {
    const seen = await waitForAlert(engine, 'AlwaysFiring from Prometheus and am-1', (a) => a.name === 'AlwaysFiring' && a.sources.includes('prom') && a.sources.includes('am-1'), 30_000);
    expect(seen).toMatchObject({
      severity: 'warning',
      state: 'firing',
      labels: { alertname: 'AlwaysFiring', severity: 'warning', service: 'rules', cluster: 'eu-1', replica: 'a' },
    });
    expect(seen.annotations.summary).toBe('The rule fires: 1');
    expect(engine.alerts().filter((a) => a.name === 'AlwaysFiring')).toHaveLength(1);
  });

  it('marks a silenced alert as suppressed with the silence details', async () => {
    const labels = { alertname: 'NoisyDisk', severity: 'warning', instance: 'db-1' };
    await postAlerts(am1.url, [{ labels }]);
    await waitForAlert(engine, 'NoisyDisk firing', (a) => a.name === 'NoisyDisk' && a.state === 'firing');
    const silenceId = await createSilence(am1.url, {
      matchers: [{ name: 'alertname', value: 'NoisyDisk', isRegex: false, isEqual: true }],
      createdBy: 'alice',
      comment: 'disk swap scheduled',
    });
    const silenced = await waitForAlert(engine, 'NoisyDisk suppressed', (a) => a.name === 'NoisyDisk' && a.state === 'suppressed');
    expect(silenced.silencedBy).toEqual([silenceId]);
    expect(silenced.silences).toEqual([expect.objectContaining({ id: silenceId, createdBy: 'alice', comment: 'disk swap scheduled' })]);
  });

  it('marks an inhibited alert as suppressed, naming the alert that inhibits it', async () => {
    await am1.setConfig(`route:
  receiver: blackhole
  group_wait: 1s
  group_interval: 1s
receivers:
  - name: blackhole
inhibit_rules:
  - source_matchers: ['alertname="DatacenterDown"']
    target_matchers: ['severity="warning"']
    equal: ['dc']
`);
    const source = { labels: { alertname: 'DatacenterDown', severity: 'critical', dc: 'fra1' } };
    const target = { labels: { alertname: 'ServiceSlow', severity: 'warning', dc: 'fra1' } };
    await postAlerts(am1.url, [source, target]);
    const inhibited = await waitForAlert(engine, 'ServiceSlow inhibited', (a) => a.name === 'ServiceSlow' && a.state === 'suppressed');
    expect(inhibited.inhibitedBy).toEqual([labelsFingerprint(source.labels)]);
    expect(engine.alerts().find((a) => a.name === 'DatacenterDown')).toMatchObject({ state: 'firing' });
  });

  it('removes resolved alerts', async () => {
    const alert = { labels: { alertname: 'ShortLived', severity: 'warning' } };
    await postAlerts(am1.url, [alert]);
    await waitForAlert(engine, 'ShortLived firing', (a) => a.name === 'ShortLived');
    await resolveAlerts(am1.url, [alert]);
    await waitFor(async () => !engine.alerts().some((a) => a.name === 'ShortLived'), { description: 'ShortLived to leave the snapshot', timeoutMs: 15_000 });
  });

  it('turns a killed Alertmanager "down" while the others keep updating, and recovers by itself', async () => {
    await waitForSource(engine, 'am-2', 'ok');
    await am2.kill();
    const down = await waitForSource(engine, 'am-2', 'down');
    expect(down.lastError).toMatch(new RegExp(`connection refused at 127\\.0\\.0\\.1:${am2.port}`));
    // The alert am-2 shared with am-1 is still live through am-1; nothing vanished.
    expect(engine.alerts().find((a) => a.name === 'CheckoutErrors')).toMatchObject({ stale: false });

    await postAlerts(am1.url, [{ labels: { alertname: 'WhileAm2Down', severity: 'critical' } }]);
    await waitForAlert(engine, 'a new am-1 alert while am-2 is down', (a) => a.name === 'WhileAm2Down');
    expect(engine.sources().find((s) => s.name === 'am-1')?.status).toBe('ok');
    expect(engine.sources().find((s) => s.name === 'prom')?.status).toBe('ok');

    await am2.restart();
    const recovered = await waitForSource(engine, 'am-2', 'ok', 30_000);
    expect(recovered.lastError).toBeNull();
    expect(recovered.lastSuccessAt).not.toBeNull();
  });

  it('keeps the last known alerts, marked stale, when the only source reporting them dies', async () => {
    await postAlerts(am2.url, [{ labels: { alertname: 'OnlyOnAm2', severity: 'warning' } }]);
    const live = await waitForAlert(engine, 'OnlyOnAm2 live', (a) => a.name === 'OnlyOnAm2' && !a.stale);
    const deltas: AlertDelta[] = [];
    const record = (delta: AlertDelta) => deltas.push(delta);
    engine.on('alertsChanged', record);
    await am2.kill();
    await waitForAlert(engine, 'OnlyOnAm2 stale', (a) => a.name === 'OnlyOnAm2' && a.stale);
    engine.off('alertsChanged', record);
    // The renderer is told by fingerprint: the alert itself did not change.
    const delta = deltas.find((each) => each.becameStale?.includes(live.fingerprint));
    expect(delta).toBeDefined();
    expect(delta!.upserted.map((alert) => alert.fingerprint)).not.toContain(live.fingerprint);
    await am2.restart();
    // Alertmanager keeps no alerts across a restart: once am-2 answers again, the alert is gone.
    await waitFor(async () => !engine.alerts().some((a) => a.name === 'OnlyOnAm2'), { description: 'OnlyOnAm2 gone after restart', timeoutMs: 30_000 });
  });

  it('runs typed instant queries and turns Prometheus errors into clear source errors', async () => {
    const source = new PrometheusSource({ name: 'prom', url: prom.url });
    const result = await source.queryInstant('vector(42)', { signal: AbortSignal.timeout(5_000) });
    expect(result.data.resultType).toBe('vector');
    if (result.data.resultType === 'vector') expect(result.data.result[0]?.value[1]).toBe('42');
    await expect(source.queryInstant('sum(', { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(/Prometheus bad_data error: .*parse error/);
  });
});
