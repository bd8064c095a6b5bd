import { describe, expect, it } from 'vitest';
import { isLinked, linkedAlerts, titleNames } from '../../shared/incident-links';
import type { Alert } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';

function pdIncident(title: string, labels: Record<string, string> = {}): Alert {
  return makeAlert({
    fingerprint: `pagerduty:P${title.length}`,
    name: 'PagerDutyIncident',
    labels: { alertname: 'PagerDutyIncident', source: 'pagerduty', status: 'triggered', service: 'Checkout API', ...labels },
    annotations: { summary: title },
    sources: ['pd'],
  });
}

function ogAlert(message: string, labels: Record<string, string> = {}): Alert {
  return makeAlert({
    fingerprint: `opsgenie:${message.length}`,
    name: 'OpsgenieAlert',
    labels: { alertname: 'OpsgenieAlert', source: 'opsgenie', status: 'open', ...labels },
    annotations: { summary: message },
    sources: ['og'],
  });
}

const checkout = { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', instance: 'api-1:9090', env: 'prod' };

describe('titleNames: an Alertmanager __subject made only of the alert label values', () => {
  it.each([
    ['group labels and common labels', '[FIRING:1] HighErrorRate checkout (prod api-1:9090 critical)', true],
    ['group labels only', '[FIRING:3] HighErrorRate checkout', true],
    ['alertname alone (group_by: [alertname])', '[FIRING:2] HighErrorRate', true],
    ['Grafana style prefix with resolved count', '[FIRING:2, RESOLVED:1] HighErrorRate checkout', true],
    ['no prefix (custom template of label values)', 'HighErrorRate checkout', true],
    ['a value the alert does not have', '[FIRING:1] HighErrorRate payments', false],
    ['another alertname', '[FIRING:1] HighLatency checkout', false],
    ['alertname missing (group_by: [service])', '[FIRING:4] checkout', false],
    ['free text', 'Checkout 5xx above 2%', false],
    ['cut off with an ellipsis mid-word', '[FIRING:1] HighErrorRate checkout (prod api-1:90…', true],
    ['alertname only as part of a word', '[FIRING:1] HighErrorRateX checkout', false],
  ])('%s: %s → %s', (_, title, expected) => {
    expect(titleNames(title, checkout)).toBe(expected);
  });

  it('takes a value with spaces whole', () => {
    expect(titleNames('[FIRING:1] DiskFull db primary (eu west)', { alertname: 'DiskFull', role: 'db primary', region: 'eu west' })).toBe(true);
    expect(titleNames('[FIRING:1] DiskFull db (eu west)', { alertname: 'DiskFull', role: 'db primary', region: 'eu west' })).toBe(false);
  });
});

describe('isLinked and linkedAlerts', () => {
  const am = makeAlert({ fingerprint: 'am-1', labels: checkout });
  const amOther = makeAlert({ fingerprint: 'am-2', labels: { ...checkout, instance: 'api-2:9090' } });
  const unrelated = makeAlert({ fingerprint: 'am-3', name: 'DiskFull', labels: { alertname: 'DiskFull', service: 'db' } });

  it.each([
    ['PagerDuty title of the group', pdIncident('[FIRING:2] HighErrorRate checkout'), am, true],
    ['Opsgenie message of the group', ogAlert('[FIRING:2] HighErrorRate checkout (critical prod)'), am, true],
    ['explicit incident_key on both', pdIncident('Checkout is on fire', { incident_key: 'checkout-5xx' }), makeAlert({ fingerprint: 'k', labels: { alertname: 'X', incident_key: 'checkout-5xx' } }), true],
    ['explicit key equal to the Opsgenie alias', ogAlert('Checkout is on fire', { alias: 'checkout-5xx' }), makeAlert({ fingerprint: 'k', labels: { alertname: 'X', incident_key: 'checkout-5xx' } }), true],
    ['explicit key that differs wins over a matching title', pdIncident('[FIRING:1] HighErrorRate checkout', { incident_key: 'other' }), makeAlert({ fingerprint: 'k', labels: { ...checkout, incident_key: 'mine' } }), false],
    ['unrelated alert', pdIncident('[FIRING:2] HighErrorRate checkout'), unrelated, false],
    ['an incident is never linked to another incident', pdIncident('[FIRING:2] HighErrorRate checkout'), ogAlert('[FIRING:2] HighErrorRate checkout'), false],
  ])('%s → %s', (_, incident, alert, expected) => {
    expect(isLinked(incident, alert)).toBe(expected);
  });

  it('from the incident: every Alertmanager alert of its group', () => {
    const incident = pdIncident('[FIRING:2] HighErrorRate checkout');
    expect(linkedAlerts(incident, [incident, am, amOther, unrelated]).map((alert) => alert.fingerprint)).toEqual(['am-1', 'am-2']);
  });

  it('from an Alertmanager alert: the incident and the other alerts of its group', () => {
    const incident = pdIncident('[FIRING:2] HighErrorRate checkout');
    expect(linkedAlerts(am, [incident, am, amOther, unrelated]).map((alert) => alert.fingerprint)).toEqual([incident.fingerprint, 'am-2']);
  });

  it('more title matches than the title\'s [FIRING:n] (another Alertmanager, staging) is ambiguous: only explicit keys link', () => {
    const incident = pdIncident('[FIRING:1] HighErrorRate', { incident_key: 'checkout-5xx' });
    const staging = makeAlert({ fingerprint: 'am-staging', labels: { ...checkout, env: 'staging' } });
    expect(linkedAlerts(incident, [incident, am, staging])).toEqual([]);
    expect(linkedAlerts(am, [incident, am, staging])).toEqual([]);
    const keyed = makeAlert({ fingerprint: 'am-keyed', labels: { ...checkout, incident_key: 'checkout-5xx' } });
    expect(linkedAlerts(incident, [incident, am, staging, keyed]).map((alert) => alert.fingerprint)).toEqual(['am-keyed']);
    expect(linkedAlerts(pdIncident('[FIRING:2] HighErrorRate'), [am, staging]).map((alert) => alert.fingerprint)).toEqual(['am-1', 'am-staging']);
  });

  it('no link: an incident without our alerts, an alert without an incident', () => {
    const incident = pdIncident('Checkout 5xx above 2%');
    expect(linkedAlerts(incident, [incident, am, unrelated])).toEqual([]);
    expect(linkedAlerts(unrelated, [incident, am, unrelated])).toEqual([]);
  });
});
