import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpenSloFile, readOpenSloObjects, resolveOpenSloObjects } from '../../electron/slo/openslo-parser';
import { bucketSelectors } from '../../electron/slo/promql-selectors';
import type { SloDefinition } from '../../electron/slo/slo-definition';
import { DEFAULT_BURN_RULES, type BurnRule } from '../../shared/slo';
import { ratioIndicatorYaml } from '../helpers/openslo-yaml';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/slo');
const demoFolder = path.resolve(import.meta.dirname, '../../resources/demo/slos');

/** Parses a fixture, naming it in messages as `<folder>/<name>`. */
function parseFixture(relative: string): ReturnType<typeof parseOpenSloFile> {
  return parseOpenSloFile(readFileSync(path.join(fixtures, relative), 'utf8'), relative);
}

/** The default rules with some thresholds replaced, keyed like the annotations (`page-1h-5m`). */
function rules(overrides: Record<string, number> = {}): BurnRule[] {
  return DEFAULT_BURN_RULES.map((rule) => ({ ...rule, threshold: overrides[`${rule.severity}-${rule.long}-${rule.short}`] ?? rule.threshold }));
}

const DAY = 86_400;

/** A definition with the fields most fixtures share filled in. */
function definition(fields: Partial<SloDefinition> & Pick<SloDefinition, 'id' | 'file' | 'target' | 'indicator'>): SloDefinition {
  const name = fields.name ?? fields.id;
  return {
    name,
    displayName: name,
    description: '',
    service: null,
    objective: null,
    metricSourceRef: null,
    window: { kind: 'rolling', seconds: 30 * DAY, label: '30d rolling' },
    rules: rules(),
    labels: {},
    ...fields,
  };
}

describe('OpenSLO parser: valid files', () => {
  it('reads an inline ratio indicator with labels (lists joined) and service', () => {
    const file = 'valid/ratio-good-total.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'api-availability',
          file,
          displayName: 'API availability',
          description: 'Requests served without a 5xx.',
          service: 'api',
          objective: 'Good requests',
          target: 0.999,
          window: { kind: 'rolling', seconds: 28 * DAY, label: '28d rolling' },
          indicator: { kind: 'ratio', good: 'http_requests_total{service="api",code!~"5.."}', total: 'http_requests_total{service="api"}' },
          labels: { team: 'platform', tags: 'edge,public', userImpacting: 'true', service: 'api' },
        }),
      ],
    });
  });

  it('reads every document of a multi-document file and ignores Service objects and empty documents', () => {
    const file = 'valid/multi-document.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'queue-publish',
          file,
          service: 'queue',
          metricSourceRef: 'prom-eu',
          target: 0.995,
          window: { kind: 'rolling', seconds: 28 * DAY, label: '4w rolling' },
          indicator: { kind: 'ratio', bad: 'queue_publish_failures_total{service="queue"}', total: 'queue_publish_attempts_total{service="queue"}' },
          labels: { service: 'queue' },
        }),
        definition({
          id: 'queue-consume',
          file,
          displayName: 'Queue consume',
          target: 0.99,
          window: { kind: 'rolling', seconds: 7 * DAY, label: '7d rolling' },
          indicator: { kind: 'ratio', good: 'queue_jobs_processed_total{service="queue",outcome="ok"}', total: 'queue_jobs_processed_total{service="queue"}' },
        }),
      ],
    });
  });

  it('resolves indicatorRef to an SLI in the same file, whatever the order', () => {
    const file = 'valid/sli-ref.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'login-success',
          file,
          displayName: 'Login success',
          service: 'auth',
          metricSourceRef: 'prom-auth',
          target: 0.995,
          indicator: { kind: 'ratio', bad: 'auth_login_attempts_total{service="auth",result="error"}', total: 'auth_login_attempts_total{service="auth"}' },
          labels: { service: 'auth' },
        }),
      ],
    });
  });

  it('gives one definition per objective, with ids <name>/<index>', () => {
    const file = 'valid/multiple-objectives.yaml';
    const shared = {
      name: 'orders-availability',
      file,
      displayName: 'Orders availability',
      service: 'orders',
      indicator: { kind: 'ratio', good: 'http_requests_total{service="orders",code!~"5.."}', total: 'http_requests_total{service="orders"}' },
      labels: { service: 'orders' },
    } as const;
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({ ...shared, id: 'orders-availability/0', objective: 'Internal goal', target: 0.9995 }),
        definition({ ...shared, id: 'orders-availability/1', objective: 'Contract', target: 0.999 }),
        definition({ ...shared, id: 'orders-availability/2', objective: 'objective 3', target: 1 }),
      ],
    });
  });

  it('reads a calendar month in a time zone', () => {
    const file = 'valid/calendar-month.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'billing-availability',
          file,
          service: 'billing',
          target: 0.9995,
          window: { kind: 'calendar-month', timeZone: 'Europe/Berlin', label: 'calendar month' },
          indicator: { kind: 'ratio', good: 'http_requests_total{service="billing",code!~"5.."}', total: 'http_requests_total{service="billing"}' },
          labels: { service: 'billing' },
        }),
      ],
    });
  });

  it('reads threshold SLOs over time slices (duration and bare minutes)', () => {
    const file = 'valid/threshold.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'queue-depth',
          file,
          displayName: 'Queue depth',
          service: 'queue',
          objective: 'Fewer than 1000 waiting jobs',
          metricSourceRef: 'prom-eu',
          target: 0.99,
          window: { kind: 'rolling', seconds: 7 * DAY, label: '7d rolling' },
          indicator: { kind: 'threshold', query: 'max(queue_depth{service="queue"})', op: 'lt', value: 1000, sliceSeconds: 300 },
          labels: { service: 'queue' },
        }),
        definition({
          id: 'cache-hit-ratio',
          file,
          target: 0.9,
          window: { kind: 'rolling', seconds: 28 * DAY, label: '28d rolling' },
          indicator: { kind: 'threshold', query: 'cache:hit_ratio:rate5m{service="cache"}', op: 'gte', value: 0.8, sliceSeconds: 120 },
        }),
      ],
    });
  });

  it('reads latency SLOs over a histogram (bucket at the threshold over _count or the +Inf bucket)', () => {
    const file = 'valid/histogram-latency.yaml';
    expect(parseFixture(file)).toEqual({
      errors: [],
      definitions: [
        definition({
          id: 'search-latency',
          file,
          displayName: 'Search latency',
          service: 'search',
          objective: '99% within 300 ms',
          target: 0.99,
          window: { kind: 'rolling', seconds: 28 * DAY, label: '28d rolling' },
          indicator: { kind: 'ratio', good: 'http_request_duration_seconds_bucket{service="search",le="0.3"}', total: 'http_request_duration_seconds_count{service="search"}' },
          labels: { service: 'search' },
        }),
        definition({
          id: 'upload-latency',
          file,
          service: 'upload',
          target: 0.95,
          indicator: { kind: 'ratio', good: 'upload_duration_seconds_bucket{le="2.5", service="upload"}', total: 'upload_duration_seconds_bucket{service="upload",le="+Inf"}' },
          labels: { service: 'upload' },
        }),
      ],
    });
  });

  it('overrides burn-rate thresholds from annotations (strings or numbers) and keeps the window pairs', () => {
    const file = 'valid/annotations.yaml';
    const { definitions, errors } = parseFixture(file);
    expect(errors).toEqual([]);
    expect(definitions).toEqual([
      definition({
        id: 'ledger-writes',
        file,
        service: 'ledger',
        target: 0.9999,
        indicator: { kind: 'ratio', good: 'ledger_writes_total{service="ledger",status="ok"}', total: 'ledger_writes_total{service="ledger"}' },
        labels: { service: 'ledger' },
        rules: rules({ 'page-1h-5m': 10, 'ticket-3d-6h': 1.5 }),
      }),
    ]);
    expect(definitions[0]?.rules).toEqual([
      { severity: 'page', threshold: 10, long: '1h', short: '5m' },
      { severity: 'page', threshold: 6, long: '6h', short: '30m' },
      { severity: 'ticket', threshold: 3, long: '1d', short: '2h' },
      { severity: 'ticket', threshold: 1.5, long: '3d', short: '6h' },
    ]);
  });

  it('does not share rule arrays with the defaults', () => {
    const [first] = parseFixture('valid/annotations.yaml').definitions;
    first?.rules.splice(0);
    expect(DEFAULT_BURN_RULES).toHaveLength(4);
    expect(parseFixture('valid/annotations.yaml').definitions[0]?.rules).toHaveLength(4);
  });

  it('every valid fixture parses without errors', () => {
    for (const name of readdirSync(path.join(fixtures, 'valid'))) {
      const { definitions, errors } = parseFixture(`valid/${name}`);
      expect(errors, name).toEqual([]);
      expect(definitions.length, name).toBeGreaterThan(0);
    }
  });
});

describe('OpenSLO parser: invalid files', () => {
  /** file, the start of its one message (file, line, field), what is wrong, what is supported, definitions that still load. */
  const cases: Array<[string, string, string, string, string[]?]> = [
    ['wrong-api-version.yaml', 'line 2, apiVersion', '"openslo/v1alpha" is not supported', 'apiVersion: openslo/v1'],
    ['unknown-kind.yaml', 'line 3, kind', '"SLA" is not supported', 'kind SLO or SLI'],
    ['missing-name.yaml', 'line 4, metadata.name', 'missing', 'lowercase letters, digits and "-"'],
    ['counter-false.yaml', 'line 13, spec.indicator.spec.ratioMetric.counter', 'counter: false (good and total as gauges) is not supported', 'counter: true'],
    ['good-and-bad.yaml', 'line 19, spec.indicator.spec.ratioMetric.bad', 'both good and bad are set', 'exactly one of good or bad, with total'],
    ['neither-good-nor-bad.yaml', 'line 12, spec.indicator.spec.ratioMetric', 'neither good nor bad is set', 'exactly one of good or bad, with total'],
    ['unsupported-source-type.yaml', 'line 16, spec.indicator.spec.ratioMetric.good.metricSource.type', '"Datadog" is not supported', 'type: Prometheus'],
    ['ratio-timeslices.yaml', 'line 27, spec.budgetingMethod', '"RatioTimeslices" is not supported', 'Occurrences (for ratioMetric) or Timeslices (for thresholdMetric)'],
    ['two-time-windows.yaml', 'line 24, spec.timeWindow', '2 entries', 'exactly one timeWindow entry'],
    ['calendar-week.yaml', 'line 25, spec.timeWindow[0].duration', '"1w" is not supported for a calendar window', 'duration: 1M (a calendar month)'],
    ['bad-time-zone.yaml', 'line 29, spec.timeWindow[0].calendar.timeZone', '"Mars/Olympus_Mons" is not a known time zone', 'an IANA time zone name such as UTC'],
    ['calendar-mid-month.yaml', 'line 27, spec.timeWindow[0].calendar.startTime', '"2024-01-15 00:00:00" is not the start of a month', 'calendar months starting on the 1st at 00:00:00'],
    ['rolling-month.yaml', 'line 25, spec.timeWindow[0].duration', '"1M" is not supported for a rolling window', 'minutes, hours, days or weeks such as 28d, 30d'],
    ['target-too-high.yaml', 'line 29, spec.objectives[0].target', '1.5 is out of range', 'target: 0 < target ≤ 1'],
    ['target-percent-zero.yaml', 'line 29, spec.objectives[0].targetPercent', '0 is out of range', 'targetPercent: 0 < targetPercent ≤ 100'],
    ['bucket-without-le.yaml', 'line 18, spec.indicator.spec.ratioMetric.good.metricSource.spec.query', 'selects histogram buckets "http_request_duration_seconds_bucket" without an le matcher', 'a latency SLO over a histogram needs le="<threshold>"'],
    ['bad-annotation.yaml', 'line 8, metadata.annotations["oncall-companion/ticket-1d-2h"]', '"fast" is not a positive number', 'a positive number such as "14.4"'],
    ['unknown-annotation.yaml', 'line 7, metadata.annotations["oncall-companion/page-2h-10m"]', 'unknown annotation', 'oncall-companion/page-1h-5m, oncall-companion/page-6h-30m, oncall-companion/ticket-1d-2h, oncall-companion/ticket-3d-6h'],
    ['missing-sli.yaml', 'line 8, spec.indicatorRef', 'no SLI named "web-non-5xx" in the SLO files', 'indicatorRef naming an SLI (kind: SLI)'],
    ['mismatched-sources.yaml', 'line 22, spec.indicator.spec.ratioMetric.total.metricSource.metricSourceRef', '"prom-us" differs from "prom-eu" in good', 'the same metricSourceRef (or none) on good and total'],
    ['unknown-objective-key.yaml', 'line 30, spec.objectives[0].timeSliceWindw', 'unknown key "timeSliceWindw"', 'known keys: displayName, op, value, target, targetPercent, timeSliceTarget, timeSliceWindow'],
    ['raw-ratio.yaml', 'line 15, spec.indicator.spec.ratioMetric.raw', 'a precomputed ratio (raw, rawType) is not supported', 'exactly one of good or bad, and total'],
    ['alert-policies.yaml', 'line 30, spec.alertPolicies', 'alert policies are not supported', 'metadata.annotations: oncall-companion/page-1h-5m'],
    ['threshold-two-objectives.yaml', 'line 20, spec.objectives', '2 objectives for a thresholdMetric', 'one objective with op (lt, lte, gt, gte)'],
    ['duplicate-names.yaml', 'line 34, metadata.name', 'duplicate SLO name "web-availability" (already defined in invalid/duplicate-names.yaml: line 5)', 'one SLO per name', ['web-availability']],
    ['ratio-expression.yaml', 'line 17, spec.indicator.spec.ratioMetric.good.metricSource.spec.query', 'sum(rate(http_requests_total{code!~', 'a counter series selector'],
    ['partly-broken.yaml', 'line 29, spec.objectives[0].target', '99.9 is out of range', 'targetPercent: 99.9', ['web-availability-strict']],
  ];

  it.each(cases)('%s: one message naming file, line, field, the problem and what is supported', (name, where, what, supported, loaded = []) => {
    const file = `invalid/${name}`;
    const { definitions, errors } = parseFixture(file);
    expect(errors).toHaveLength(1);
    const [message] = errors as [string];
    expect(message.startsWith(`${file}: ${where}: `), message).toBe(true);
    expect(message).toContain(what);
    if (name === 'ratio-expression.yaml') expect(message).toContain('is not a series selector');
    expect(message).toMatch(/; supported: /);
    expect(message.slice(message.indexOf('; supported: '))).toContain(supported);
    expect(definitions.map((slo) => slo.id)).toEqual(loaded);
  });

  it('broken YAML names the line and column', () => {
    const { definitions, errors } = parseFixture('invalid/broken-yaml.yaml');
    expect(definitions).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^invalid\/broken-yaml\.yaml: line \d+, column \d+: invalid YAML: Missing closing "quote/);
  });

  it('covers every invalid fixture', () => {
    const names = readdirSync(path.join(fixtures, 'invalid')).sort();
    expect(names).toEqual([...cases.map(([name]) => name), 'broken-yaml.yaml'].sort());
  });
});

describe('OpenSLO parser: smaller cases', () => {
  const slo = (spec: string, metadata = '  name: web-availability\n') => `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n${metadata}spec:\n${spec}`;
  const ratioSpec = `${ratioIndicatorYaml('web-ok')}  budgetingMethod: Occurrences\n`;
  const oneError = (text: string): string => {
    const { definitions, errors } = parseOpenSloFile(text, 'slos/web.yaml');
    expect(definitions).toEqual([]);
    expect(errors).toHaveLength(1);
    return errors[0] as string;
  };

  it('rejects a missing timeWindow, objectives or budgetingMethod', () => {
    expect(oneError(slo(`${ratioSpec}  objectives:\n    - target: 0.99\n`))).toMatch(/^slos\/web\.yaml: line 5, spec\.timeWindow: missing; supported: exactly one timeWindow entry/);
    expect(oneError(slo(`${ratioSpec}  timeWindow:\n    - duration: 30d\n`))).toMatch(/spec\.objectives: missing; supported: a list of objectives/);
    expect(oneError(slo(`${ratioSpec.replace('  budgetingMethod: Occurrences\n', '')}  timeWindow:\n    - duration: 30d\n  objectives:\n    - target: 0.99\n`))).toMatch(
      /spec\.budgetingMethod: missing; supported: budgetingMethod Occurrences/,
    );
  });

  it('rejects Timeslices for a ratio and an objective op on a ratio', () => {
    const base = `${ratioSpec}  timeWindow:\n    - duration: 30d\n  objectives:\n    - target: 0.99\n`;
    expect(oneError(slo(base.replace('Occurrences', 'Timeslices')))).toMatch(/spec\.budgetingMethod: "Timeslices" does not fit a ratioMetric indicator; supported: budgetingMethod Occurrences \(for ratioMetric\)/);
    expect(oneError(slo(base.replace('    - target: 0.99\n', '    - target: 0.99\n      op: lte\n')))).toMatch(/spec\.objectives\[0\]\.op: op applies to thresholdMetric SLOs only/);
  });

  it('rejects both or neither of target and targetPercent', () => {
    const base = `${ratioSpec}  timeWindow:\n    - duration: 30d\n  objectives:\n`;
    expect(oneError(slo(`${base}    - target: 0.99\n      targetPercent: 99\n`))).toMatch(/spec\.objectives\[0\]\.targetPercent: both target and targetPercent are set/);
    expect(oneError(slo(`${base}    - displayName: none\n`))).toMatch(/spec\.objectives\[0\]: neither target nor targetPercent is set/);
  });

  it('rejects an invalid name and a DataSource object', () => {
    expect(oneError(slo(`${ratioSpec}`, '  name: Web_Availability\n'))).toMatch(/line 4, metadata\.name: "Web_Availability" is not a valid name; supported: .*RFC 1123/);
    expect(oneError('apiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: prom\nspec:\n  type: Prometheus\n')).toMatch(/line 2, kind: "DataSource" is not supported \(metricSourceRef names a source of the app's config instead\)/);
  });

  it('rejects a thresholdMetric objective without op or value, a bad op and a partial time slice target', () => {
    const threshold = (objective: string) =>
      slo(`  indicator:
    metadata:
      name: p99
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: service:latency:p99{service="web"}
  budgetingMethod: Timeslices
  timeWindow:
    - duration: 7d
      isRolling: true
  objectives:
${objective}`);
    expect(oneError(threshold('    - value: 0.5\n      target: 0.9\n'))).toMatch(/spec\.objectives\[0\]\.op: missing; supported: op: lt, lte, gt or gte/);
    expect(oneError(threshold('    - op: le\n      value: 0.5\n      target: 0.9\n'))).toMatch(/spec\.objectives\[0\]\.op: "le" is not supported; supported: op: lt, lte, gt or gte/);
    expect(oneError(threshold('    - op: lte\n      target: 0.9\n'))).toMatch(/spec\.objectives\[0\]\.value: missing/);
    expect(oneError(threshold('    - op: lte\n      value: 0.5\n      target: 0.9\n      timeSliceTarget: 0.9\n'))).toMatch(/timeSliceTarget: 0\.9 is not supported .*; supported: timeSliceTarget: 1/);
    expect(oneError(threshold('    - op: lte\n      value: 0.5\n      target: 0.9\n      timeSliceWindow: 30s\n'))).toMatch(/timeSliceWindow: "30s" is not supported; supported: timeSliceWindow as minutes/);
  });

  it('reports an SLI that is invalid once, and the SLO that uses it', () => {
    const text = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: web-ok
spec:
  ratioMetric:
    counter: false
---
${slo(`  indicatorRef: web-ok
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 30d
  objectives:
    - target: 0.99
`)}`;
    const { definitions, errors } = parseOpenSloFile(text, 'slos/web.yaml');
    expect(definitions).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/^slos\/web\.yaml: line 7, spec\.ratioMetric\.counter: counter: false/),
      expect.stringMatching(/^slos\/web\.yaml: line 14, spec\.indicatorRef: the SLI "web-ok" \(slos\/web\.yaml: line 4\) is invalid, see its own error/),
    ]);
  });

  it('resolves indicatorRef across files and rejects duplicate names across files', () => {
    const sli = readOpenSloObjects(readFileSync(path.join(fixtures, 'valid/sli-ref.yaml'), 'utf8').split('---\n')[1] as string, 'slis.yaml');
    const slos = readOpenSloObjects(readFileSync(path.join(fixtures, 'valid/sli-ref.yaml'), 'utf8').split('---\n')[0] as string, 'slos.yaml');
    expect(sli.errors).toEqual([]);
    expect(slos.errors).toEqual([]);
    const alone = resolveOpenSloObjects(slos.objects);
    expect(alone.errors).toEqual([expect.stringMatching(/^slos\.yaml: line \d+, spec\.indicatorRef: no SLI named "login-errors"/)]);
    const together = resolveOpenSloObjects([...sli.objects, ...slos.objects, ...slos.objects.map((object) => ({ ...object, file: 'copy.yaml' }))]);
    expect(together.definitions.map((definition) => [definition.id, definition.file, definition.metricSourceRef])).toEqual([['login-success', 'slos.yaml', 'prom-auth']]);
    expect(together.errors).toEqual([expect.stringMatching(/^copy\.yaml: line \d+, metadata\.name: duplicate SLO name "login-success" \(already defined in slos\.yaml: line \d+\)/)]);
  });

  it('follows YAML anchors and aliases', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
spec:
  indicator:
    metadata:
      name: web-ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="web",code!~"5.."}
        total:
          metricSource: &source
            type: Prometheus
            spec:
              query: http_requests_total{service="web"}
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 30d
  objectives:
    - target: 0.99
`;
    const { definitions, errors } = parseOpenSloFile(text, 'web.yaml');
    expect(errors).toEqual([]);
    expect(definitions[0]?.indicator).toEqual({ kind: 'ratio', good: 'http_requests_total{service="web",code!~"5.."}', total: 'http_requests_total{service="web"}' });
  });

  it('an empty file has nothing and no errors', () => {
    expect(parseOpenSloFile('', 'empty.yaml')).toEqual({ definitions: [], errors: [] });
    expect(parseOpenSloFile('# only a comment\n---\n', 'empty.yaml')).toEqual({ definitions: [], errors: [] });
  });

  it('rejects a document that is not a mapping', () => {
    expect(oneError('- a\n- b\n')).toMatch(/^slos\/web\.yaml: line 1, \(document\): expected an OpenSLO object \(apiVersion, kind, metadata, spec\), got a list; supported: kind SLO or SLI/);
  });
});

describe('histogram bucket selectors in PromQL', () => {
  it.each([
    ['http_request_duration_seconds_bucket{service="search",le="0.3"}', [{ metric: 'http_request_duration_seconds_bucket', le: '0.3' }]],
    ['sum(rate(http_request_duration_seconds_bucket{le="0.3", service="search"}[5m]))', [{ metric: 'http_request_duration_seconds_bucket', le: '0.3' }]],
    ['http_request_duration_seconds_bucket{service="search"}', [{ metric: 'http_request_duration_seconds_bucket', le: null }]],
    ['http_request_duration_seconds_bucket', [{ metric: 'http_request_duration_seconds_bucket', le: null }]],
    ['{__name__="rpc_latency_bucket", le="+Inf"}', [{ metric: 'rpc_latency_bucket', le: '+Inf' }]],
    ['rpc_latency_bucket{le=~"0.3|0.5"}', [{ metric: 'rpc_latency_bucket', le: null }]],
    ['http_requests_total{path="/x_bucket"}', []],
    ['http_request_duration_seconds_count{service="search"}', []],
    ['sum by (le) (rate(x_bucket{le="1"}[5m])) # x_bucket in a comment', [{ metric: 'x_bucket', le: '1' }]],
    ['a_bucket{le="0.1"} + b_bucket{job="x"}', [{ metric: 'a_bucket', le: '0.1' }, { metric: 'b_bucket', le: null }]],
    ['a_bucket{job="x\\"}", le="2"}', [{ metric: 'a_bucket', le: '2' }]],
  ])('%s', (query, expected) => {
    expect(bucketSelectors(query)).toEqual(expected);
  });
});

describe('the shipped demo SLOs', () => {
  const demo = () => {
    const files = readdirSync(demoFolder).filter((name) => name.endsWith('.yaml'));
    const results = files.map((name) => parseOpenSloFile(readFileSync(path.join(demoFolder, name), 'utf8'), `slos/${name}`));
    return { errors: results.flatMap((result) => result.errors), all: results.flatMap((result) => result.definitions) };
  };

  it('parse without errors and cover checkout, search and payments', () => {
    const { errors, all } = demo();
    expect(errors).toEqual([]);
    expect(all.map((slo) => [slo.id, slo.service, slo.target, slo.window.label, slo.indicator.kind])).toEqual(
      expect.arrayContaining([
        ['checkout-availability', 'checkout', 0.999, '30d rolling', 'ratio'],
        ['checkout-latency-p99', 'checkout', 0.95, '7d rolling', 'threshold'],
        ['search-latency', 'search', 0.99, '28d rolling', 'ratio'],
        ['payments-availability', 'payments', 0.9995, 'calendar month', 'ratio'],
      ]),
    );
    expect(all.find((slo) => slo.id === 'payments-availability')?.window).toEqual({ kind: 'calendar-month', timeZone: 'UTC', label: 'calendar month' });
    expect(all.find((slo) => slo.id === 'search-latency')?.indicator).toMatchObject({ good: expect.stringContaining('le="0.3"'), total: expect.stringContaining('_count') });
  });

  it('read the demo source and name their service in every query', () => {
    const { all } = demo();
    expect(all.length).toBeGreaterThan(0);
    for (const slo of all) {
      expect(slo.metricSourceRef, slo.id).toBe('demo');
      const queries = slo.indicator.kind === 'threshold' ? [slo.indicator.query] : [slo.indicator.good ?? slo.indicator.bad, slo.indicator.total];
      for (const query of queries) expect(query, slo.id).toContain(`service="${slo.service}"`);
    }
  });
});
