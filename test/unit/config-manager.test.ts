import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigManager } from '../../electron/config/config-manager';
import { loadConfigFile } from '../../electron/config/load-config';
import { waitFor } from '../helpers/servers';

const EXAMPLE = path.resolve(import.meta.dirname, '../../docs/config.example.yaml');
const good = (name: string) => `sources:\n  - type: prometheus\n    name: ${name}\n    url: http://127.0.0.1:9090\n`;

describe('config manager', () => {
  let dir: string;
  let file: string;
  let manager: ConfigManager | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-config-'));
    file = path.join(dir, 'config.yaml');
  });
  afterEach(async () => {
    manager?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the documented example is a valid config', async () => {
    const config = await loadConfigFile(EXAMPLE);
    expect(config.sources.map((source) => [source.name, source.type])).toEqual([
      ['prod-am-1', 'alertmanager'],
      ['prod-am-2', 'alertmanager'],
      ['prod-prom', 'prometheus'],
      ['checkout-health', 'http'],
      ['github', 'statuspage'],
      ['pagerduty', 'pagerduty'],
    ]);
  });

  it('runs the demo workspace when there is no file, and switches when one appears', async () => {
    manager = new ConfigManager({ file, explicit: false }, 50);
    await manager.load();
    expect(manager.status).toEqual({ path: file, demo: true, error: null });
    expect(manager.current.sources.map((source) => source.type)).toEqual(['demo']);
    manager.watch();
    await writeFile(file, good('first'));
    await waitFor(async () => manager!.current.sources[0]?.name === 'first', { description: 'the new file to load' });
    expect(manager.status.demo).toBe(false);
  });

  it('runs no sources, rather than demo data, when a named file is missing', async () => {
    manager = new ConfigManager({ file, explicit: true });
    await manager.load();
    expect(manager.status).toEqual({ path: file, demo: false, error: `${file}: file not found; no sources run until it exists` });
    expect(manager.current.sources).toEqual([]);
  });

  it('runs no sources when the file is broken from the start, and names the problem', async () => {
    await writeFile(file, 'sources:\n  - type: nagios\n');
    manager = new ConfigManager({ file, explicit: false });
    const announced: number[] = [];
    manager.on('config', (config) => announced.push(config.sources.length));
    await manager.load();
    expect(manager.status.demo).toBe(false);
    expect(manager.status.error).toMatch(/sources\[0\]\.type: expected "type" to be one of .* \(no sources run until it is fixed\)$/);
    expect(announced).toEqual([0]);
  });

  it('keeps the last good config when an edit breaks the file, and recovers on the next good edit', async () => {
    await writeFile(file, good('first'));
    manager = new ConfigManager({ file, explicit: true }, 50);
    await manager.load();
    manager.watch();
    await writeFile(file, good('first') + '    interval: often\n');
    await waitFor(async () => manager!.status.error ?? undefined, { description: 'the broken edit to be reported' });
    expect(manager.status.error).toMatch(/config\.yaml: line 5, sources\[0\]\.interval: expected a duration.*\(keeping the last good config\)/);
    expect(manager.current.sources[0]?.name).toBe('first');
    await writeFile(file, good('second'));
    await waitFor(async () => manager!.current.sources[0]?.name === 'second', { description: 'the fixed file to load' });
    expect(manager.status.error).toBeNull();
  });
});
