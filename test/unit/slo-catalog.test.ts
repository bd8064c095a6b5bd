import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSloCatalog, watchSloCatalog } from '../../electron/slo/slo-catalog';
import { ratioSloYaml } from '../helpers/openslo-yaml';
import { useTempFolder } from '../helpers/temp-folder';
import { useWatcherProbe } from '../helpers/watcher';

const sloYaml = (name: string, indicator?: string) => ratioSloYaml({ name, ...(indicator ? { indicator } : {}) });

const sliYaml = (name: string) => `apiVersion: openslo/v1
kind: SLI
metadata:
  name: ${name}
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prom
        type: Prometheus
        spec:
          query: http_requests_total{service="web",code=~"5.."}
    total:
      metricSource:
        metricSourceRef: prom
        type: Prometheus
        spec:
          query: http_requests_total{service="web"}
`;

const folder = useTempFolder('slo-catalog-');
const { write } = folder;

describe('loadSloCatalog', () => {
  it('reads files and folders relative to the base folder: *.yaml and *.yml, sorted, not recursive', async () => {
    await write('slos/b.yml', sloYaml('b-slo'));
    await write('slos/a.yaml', sloYaml('a-slo'));
    await write('slos/notes.txt', 'not an SLO');
    await write('slos/nested/c.yaml', sloYaml('nested-slo'));
    await write('extra/one.yaml', sloYaml('one-slo'));
    const { definitions, errors } = await loadSloCatalog(['slos', 'extra/one.yaml'], folder.dir);
    expect(errors).toEqual([]);
    expect(definitions.map((slo) => [slo.id, slo.file])).toEqual([
      ['a-slo', path.join('slos', 'a.yaml')],
      ['b-slo', path.join('slos', 'b.yml')],
      ['one-slo', 'extra/one.yaml'],
    ]);
  });

  it('resolves indicatorRef across files and folders', async () => {
    await write('slis/web.yaml', sliYaml('web-errors'));
    await write('slos/web.yaml', sloYaml('web-availability', '  indicatorRef: web-errors\n'));
    const { definitions, errors } = await loadSloCatalog(['slos/', 'slis/web.yaml'], folder.dir);
    expect(errors).toEqual([]);
    expect(definitions).toHaveLength(1);
    expect(definitions[0]).toMatchObject({
      id: 'web-availability',
      file: path.join('slos/', 'web.yaml'),
      metricSourceRef: 'prom',
      indicator: { kind: 'ratio', bad: 'http_requests_total{service="web",code=~"5.."}', total: 'http_requests_total{service="web"}' },
    });
  });

  it('rejects the same SLO name in two files (the first keeps it) and an indicatorRef to a missing SLI', async () => {
    await write('slos/a.yaml', sloYaml('web-availability'));
    await write('slos/b.yaml', sloYaml('web-availability'));
    await write('slos/c.yaml', sloYaml('web-latency', '  indicatorRef: nowhere\n'));
    const { definitions, errors } = await loadSloCatalog(['slos'], folder.dir);
    expect(definitions.map((slo) => [slo.id, slo.file])).toEqual([['web-availability', path.join('slos', 'a.yaml')]]);
    expect(errors).toEqual([
      `${path.join('slos', 'b.yaml')}: line 4, metadata.name: duplicate SLO name "web-availability" (already defined in ${path.join('slos', 'a.yaml')}: line 4); supported: one SLO per name across all SLO files`,
      expect.stringMatching(/^slos\/c\.yaml: line 7, spec\.indicatorRef: no SLI named "nowhere" in the SLO files; supported: /),
    ]);
  });

  // Resolving the paths (absolute ones, a file named twice, missing ones) is the shared resolver's (watch-paths.test.ts).
  it('reports missing paths, then file errors with the file as written in the config, and still loads the rest', async () => {
    await write('slos/broken.yaml', 'apiVersion: openslo/v1\nkind: [\n');
    await write('slos/good.yaml', sloYaml('good-slo'));
    const { definitions, errors } = await loadSloCatalog(['slos', 'missing/'], folder.dir);
    expect(definitions.map((slo) => slo.id)).toEqual(['good-slo']);
    expect(errors).toEqual([
      `missing/: not found (looked for ${path.join(folder.dir, 'missing')})`,
      expect.stringMatching(/^slos\/broken\.yaml: line \d+, column \d+: invalid YAML/),
    ]);
  });
});

describe('watchSloCatalog', () => {
  const watcher = useWatcherProbe();

  // Editing, adding, removing, debouncing and stopping are the shared watcher's (watch-paths.test.ts).
  it('watches the *.yaml and *.yml files at the top of the named folders, relative to the base folder', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    await watcher.start((onChange, intervalMs) => watchSloCatalog(['slos'], folder.dir, onChange, intervalMs));
    await watcher.expectNoChange(() => Promise.all([write('slos/notes.txt', 'not an SLO'), write('slos/nested/c.yaml', sloYaml('nested-slo'))]));
    await watcher.expectChange(() => write('slos/a.yaml', sloYaml('a-slo-edited')));
    await watcher.expectChange(() => write('slos/b.yml', sloYaml('b-slo')));
  });
});
