import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../electron/config/config-schema';
import { providerChooser } from '../../electron/slo/slo-service';
import { makeSloDefinition } from '../helpers/slo-definitions';

const source = (type: SourceConfig['type'], name: string): SourceConfig =>
  ({ type, name, url: 'http://127.0.0.1:9090', interval: 15_000, timeout: 10_000, notify: true, silenced: true, inhibited: true }) as SourceConfig;

describe('which source evaluates an SLO', () => {
  const sources = [source('alertmanager', 'am'), source('prometheus', 'prom-eu'), source('prometheus', 'prom-us'), source('demo', 'demo')];
  const choose = providerChooser(sources);

  it('is the source its metricSourceRef names, else the first prometheus source', () => {
    expect(choose(makeSloDefinition({ metricSourceRef: 'prom-us' }))).toMatchObject({ source: 'prom-us' });
    expect(choose(makeSloDefinition({ metricSourceRef: null }))).toMatchObject({ source: 'prom-eu' });
    expect(choose(makeSloDefinition({ metricSourceRef: 'demo' }))).toMatchObject({ source: 'demo' });
  });

  it('explains a reference it cannot use', () => {
    expect(choose(makeSloDefinition({ metricSourceRef: 'am' }))).toEqual({ error: 'slos/api.yaml: metricSourceRef "am" is an alertmanager source; SLOs need a prometheus source' });
    expect(choose(makeSloDefinition({ metricSourceRef: 'nope' }))).toEqual({
      error: 'slos/api.yaml: metricSourceRef "nope" names no configured source (configured: am, prom-eu, prom-us, demo)',
    });
    expect(providerChooser([source('alertmanager', 'am')])(makeSloDefinition())).toEqual({
      error: 'slos/api.yaml: no prometheus source is configured to evaluate "api-availability" against',
    });
  });
});
