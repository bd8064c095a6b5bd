import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSloCatalog, watchSloCatalog } from '../../electron/slo/slo-catalog';

/** A complete ratio SLO named `name`; `indicator` replaces the inline indicator (e.g. with an indicatorRef). */
function sloYaml(name: string, indicator?: string): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: web
${
  indicator ??
  `  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="web",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="web"}
`
}  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;
}

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

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'slo-catalog-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(relative: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), text);
}

describe('loadSloCatalog', () => {
  it('reads files and folders relative to the base folder: *.yaml and *.yml, sorted, not recursive', async () => {
    await write('slos/b.yml', sloYaml('b-slo'));
    await write('slos/a.yaml', sloYaml('a-slo'));
    await write('slos/notes.txt', 'not an SLO');
    await write('slos/nested/c.yaml', sloYaml('nested-slo'));
    await write('extra/one.yaml', sloYaml('one-slo'));
    const { definitions, errors } = await loadSloCatalog(['slos', 'extra/one.yaml'], dir);
    expect(errors).toEqual([]);
    expect(definitions.map((slo) => [slo.id, slo.file])).toEqual([
      ['a-slo', path.join('slos', 'a.yaml')],
      ['b-slo', path.join('slos', 'b.yml')],
      ['one-slo', 'extra/one.yaml'],
    ]);
  });

  it('accepts absolute paths and reads a file named twice once', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    const { definitions, errors } = await loadSloCatalog([path.join(dir, 'slos'), path.join(dir, 'slos', 'a.yaml')], '/somewhere/else');
    expect(errors).toEqual([]);
    expect(definitions.map((slo) => slo.id)).toEqual(['a-slo']);
  });

  it('names a missing path and still loads the others', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    const { definitions, errors } = await loadSloCatalog(['missing/', 'slos/', 'gone.yaml'], dir);
    expect(definitions.map((slo) => slo.id)).toEqual(['a-slo']);
    expect(errors).toEqual([`missing/: not found (looked for ${path.join(dir, 'missing')})`, `gone.yaml: not found (looked for ${path.join(dir, 'gone.yaml')})`]);
  });

  it('resolves indicatorRef across files and folders', async () => {
    await write('slis/web.yaml', sliYaml('web-errors'));
    await write('slos/web.yaml', sloYaml('web-availability', '  indicatorRef: web-errors\n'));
    const { definitions, errors } = await loadSloCatalog(['slos/', 'slis/web.yaml'], dir);
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
    const { definitions, errors } = await loadSloCatalog(['slos'], dir);
    expect(definitions.map((slo) => [slo.id, slo.file])).toEqual([['web-availability', path.join('slos', 'a.yaml')]]);
    expect(errors).toEqual([
      `${path.join('slos', 'b.yaml')}: line 4, metadata.name: duplicate SLO name "web-availability" (already defined in ${path.join('slos', 'a.yaml')}: line 4); supported: one SLO per name across all SLO files`,
      expect.stringMatching(/^slos\/c\.yaml: line 7, spec\.indicatorRef: no SLI named "nowhere" in the SLO files; supported: /),
    ]);
  });

  it('reports file errors with the file as written in the config', async () => {
    await write('slos/broken.yaml', 'apiVersion: openslo/v1\nkind: [\n');
    const { errors } = await loadSloCatalog(['slos'], dir);
    expect(errors).toEqual([expect.stringMatching(/^slos\/broken\.yaml: line \d+, column \d+: invalid YAML/)]);
  });
});

describe('watchSloCatalog', () => {
  const INTERVAL = 25;
  let stop: (() => void) | undefined;
  let calls = 0;
  let waiters: Array<() => void> = [];

  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  function start(paths: string[], interval = INTERVAL): void {
    calls = 0;
    waiters = [];
    stop = watchSloCatalog(paths, dir, () => {
      calls++;
      for (const resolve of waiters.splice(0)) resolve();
    }, interval);
  }

  /** Resolves on the next onChange; fails the test if none comes within `ms`. */
  function nextChange(ms = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** fs.watchFile takes its first stat asynchronously: let it settle before changing anything. */
  const settle = (interval = INTERVAL) => new Promise((resolve) => setTimeout(resolve, interval * 4));

  it('fires when a file in a watched folder is edited, added or removed', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    start(['slos/']);
    await settle();
    expect(calls).toBe(0);

    let change = nextChange();
    await write('slos/a.yaml', sloYaml('a-slo-renamed'));
    await change;

    change = nextChange();
    await write('slos/b.yaml', sloYaml('b-slo'));
    await change;
    await settle();

    // The added file is watched too.
    change = nextChange();
    await write('slos/b.yaml', sloYaml('b-slo-edited'));
    await change;

    change = nextChange();
    await unlink(path.join(dir, 'slos/a.yaml'));
    await change;
  });

  it('fires when a named file is edited, and when a missing path appears', async () => {
    await write('one.yaml', sloYaml('one-slo'));
    start(['one.yaml', 'later/']);
    await settle();

    let change = nextChange();
    await write('one.yaml', sloYaml('one-slo-edited'));
    await change;

    change = nextChange();
    await write('later/x.yaml', sloYaml('x-slo'));
    await change;
    await settle();

    change = nextChange();
    await write('later/x.yaml', sloYaml('x-slo-edited'));
    await change;
  });

  it('ignores other files in the folder and debounces changes that come together', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    await write('slos/b.yaml', sloYaml('b-slo'));
    start(['slos'], 60);
    await settle(60);
    const change = nextChange();
    await write('slos/a.yaml', sloYaml('a-slo-edited'));
    await write('slos/b.yaml', sloYaml('b-slo-edited'));
    await change;
    await settle(60);
    expect(calls).toBe(1);
  });

  it('stops: nothing fires after the stop function', async () => {
    await write('slos/a.yaml', sloYaml('a-slo'));
    start(['slos']);
    await settle();
    stop?.();
    stop?.(); // twice is harmless
    await write('slos/a.yaml', sloYaml('a-slo-edited'));
    await write('slos/b.yaml', sloYaml('b-slo'));
    await settle();
    expect(calls).toBe(0);
  });
});
