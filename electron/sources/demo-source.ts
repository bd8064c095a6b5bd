import { normalizeSeverity } from '../../shared/severity';
import { labelsFingerprint } from './fingerprint';
import type { AlertSource, SourceAlert, SourceFetchResult } from './source';

/**
 * A simulated shop whose alerts fire and resolve on fixed cycles, so the first launch without
 * a config shows a living dashboard. Deterministic in time: a restart shows the same alerts.
 */
interface Scenario {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Seconds between the starts of two firings. */
  periodSeconds: number;
  /** Seconds each firing lasts. */
  durationSeconds: number;
  offsetSeconds: number;
  /** Seconds spent pending (Prometheus `for`) before firing. */
  pendingSeconds: number;
  /** The expression's value, as Prometheus reports it (fills `{{ $value }}` in runbooks). */
  value: string;
}

/** The demo workspace's runbooks (resources/demo/runbooks): a runbook_url naming a local file opens it in guided mode. */
const RUNBOOKS = 'runbooks';

const SCENARIOS: Scenario[] = [
  {
    labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', namespace: 'shop', team: 'payments' },
    annotations: {
      summary: 'checkout: 7.3% of requests fail (5xx) over the last 5 minutes',
      description: 'The checkout service returns HTTP 5xx for more than 5% of requests. Customers cannot pay.',
      runbook_url: `${RUNBOOKS}/high-error-rate.md`,
    },
    periodSeconds: 11 * 60,
    durationSeconds: 6 * 60,
    offsetSeconds: 0,
    pendingSeconds: 30,
    value: '0.073',
  },
  {
    labels: { alertname: 'LatencySLOBurn', service: 'search', severity: 'warning', namespace: 'shop', slo: 'search-latency' },
    annotations: {
      summary: 'search: p99 latency SLO burning at 7.1× over 1 h',
      description: 'More than 1% of search requests take longer than 300 ms. At this rate the monthly budget is gone in 4 days.',
      runbook_url: `${RUNBOOKS}/latency-slo-burn.md`,
    },
    periodSeconds: 17 * 60,
    durationSeconds: 12 * 60,
    offsetSeconds: 120,
    pendingSeconds: 60,
    value: '7.1',
  },
  {
    labels: { alertname: 'DiskWillFillIn4Hours', instance: 'db-2.shop.internal:9100', severity: 'warning', namespace: 'shop', mountpoint: '/var/lib/postgresql' },
    annotations: {
      summary: 'db-2: /var/lib/postgresql will be full in about 4 hours',
      description: 'Free space is 11% and falling at 2.1 GB/h (linear prediction over 6 h).',
      runbook_url: `${RUNBOOKS}/disk-filling-up.md`,
    },
    periodSeconds: 23 * 60,
    durationSeconds: 18 * 60,
    offsetSeconds: 300,
    pendingSeconds: 0,
    value: '11.2',
  },
  {
    labels: { alertname: 'CertificateExpiringSoon', service: 'web', severity: 'info', namespace: 'shop', host: 'shop.example.com' },
    annotations: {
      summary: 'TLS certificate for shop.example.com expires in 9 days',
      runbook_url: `${RUNBOOKS}/certificate-expiring.md`,
    },
    periodSeconds: 60 * 60,
    durationSeconds: 60 * 60,
    offsetSeconds: 0,
    pendingSeconds: 0,
    value: '9',
  },
  {
    labels: { alertname: 'KubePodCrashLooping', service: 'payments', severity: 'critical', namespace: 'shop', pod: 'payments-7d9f8b6c5-x2k4q' },
    annotations: {
      summary: 'payments pod payments-7d9f8b6c5-x2k4q restarted 6 times in 10 minutes',
      description: 'Container `api` exits with code 137 (OOMKilled).',
      runbook_url: `${RUNBOOKS}/pod-crash-looping.md`,
    },
    periodSeconds: 29 * 60,
    durationSeconds: 8 * 60,
    offsetSeconds: 600,
    pendingSeconds: 45,
    value: '6',
  },
  {
    labels: { alertname: 'UpstreamDependencyDown', service: 'checkout', dependency: 'payment-gateway', severity: 'warning', namespace: 'shop' },
    annotations: {
      summary: 'checkout: payment-gateway health check failing from 3 of 3 probes',
      runbook_url: `${RUNBOOKS}/dependency-outage.md`,
    },
    periodSeconds: 13 * 60,
    durationSeconds: 7 * 60,
    offsetSeconds: 420,
    pendingSeconds: 0,
    value: '3',
  },
  {
    labels: { alertname: 'KafkaConsumerLag', service: 'orders', severity: 'warning', namespace: 'shop', consumer_group: 'order-fulfilment' },
    annotations: {
      summary: 'orders: consumer group order-fulfilment is 48,210 messages behind',
      description: 'Lag has grown for 15 minutes; fulfilment emails are delayed.',
    },
    periodSeconds: 19 * 60,
    durationSeconds: 11 * 60,
    offsetSeconds: 240,
    pendingSeconds: 90,
    value: '48210',
  },
];

export class DemoSource implements AlertSource {
  readonly type = 'demo' as const;

  constructor(
    readonly name: string,
    private readonly now: () => number = Date.now,
  ) {}

  fetchAlerts(): Promise<SourceFetchResult> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const alerts: SourceAlert[] = [];
    for (const scenario of SCENARIOS) {
      const intoCycle = (((nowSeconds - scenario.offsetSeconds) % scenario.periodSeconds) + scenario.periodSeconds) % scenario.periodSeconds;
      if (intoCycle >= scenario.durationSeconds) continue;
      const labels: Record<string, string> = { ...scenario.labels, source: 'demo' };
      alerts.push({
        fingerprint: labelsFingerprint(labels),
        name: labels.alertname ?? '(no alertname)',
        labels,
        annotations: scenario.annotations,
        severity: normalizeSeverity(labels.severity),
        state: intoCycle < scenario.pendingSeconds ? 'pending' : 'firing',
        startsAt: new Date((nowSeconds - intoCycle) * 1000).toISOString(),
        silencedBy: [],
        inhibitedBy: [],
        value: scenario.value,
      });
    }
    return Promise.resolve({ alerts, warnings: [] });
  }
}
