import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, ConfigError } from '../../electron/config/load-config';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/config', name);

async function problemOf(name: string): Promise<string> {
  const error = await loadConfigFile(fixture(name)).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('config validation', () => {
  it('reads a complete config with defaults filled in', async () => {
    const config = await loadConfigFile(fixture('valid.yaml'));
    expect(config.sources.map((source) => [source.type, source.name, source.interval, source.timeout])).toEqual([
      ['alertmanager', 'prod-am-1', 15_000, 10_000],
      ['alertmanager', 'prod-am-2', 90_000, 5_000],
      ['prometheus', 'prod-prom', 15_000, 10_000],
      ['demo', 'demo', 5_000, 10_000],
    ]);
    expect(config.sources[1]).toMatchObject({ url: 'http://127.0.0.1:9094/alertmanager', silenced: false, inhibited: true });
    expect(config.notifications).toEqual({ minSeverity: 'critical', onResolve: true, summaryThreshold: 3, offCall: 'critical', rules: [] });
  });

  it('treats an empty file as an empty config', async () => {
    const { parseConfigText } = await import('../../electron/config/load-config');
    expect(parseConfigText('', 'empty.yaml')).toEqual({
      sources: [],
      notifications: { minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [] },
      slos: [],
      sloInterval: 60_000,
      runbooks: [],
      acknowledgement: { duration: 15 * 60_000, upstream: true },
      history: { maxAge: 30 * 24 * 3_600_000, maxEpisodes: 200_000 },
      silenceExpiryWarning: 10 * 60_000,
    });
  });

  // Each broken file: the message names the file, the line, the field and what was expected.
  const cases: Array<[string, RegExp[]]> = [
    ['bad-url.yaml', [/line 4, sources\[0\]\.url: expected an http:\/\/ or https:\/\/ URL, got "ftp:\/\/127\.0\.0\.1:9093"/]],
    ['bad-type.yaml', [/sources\[0\]\.type: expected "type" to be one of "alertmanager", "prometheus", "demo"/]],
    ['bad-interval.yaml', [/line 5, sources\[0\]\.interval: expected a duration such as "15s", "2m" or "1h30m", got "soon"/]],
    ['too-fast-interval.yaml', [/sources\[0\]\.interval: expected a duration between 1s and 1h, got "10ms"/]],
    ['duplicate-names.yaml', [/line 6, sources\[1\]\.name: duplicate source name "prom" \(also used by sources\[0\]\)/]],
    ['unknown-key.yaml', [/sources\[0\]: unknown key "intervall"/]],
    ['bad-severity.yaml', [/line 2, notifications\.minSeverity: .*"critical".*"warning".*"info".*"none"/]],
    ['missing-url.yaml', [/sources\[0\]\.url: missing, expected string/]],
    ['broken-yaml.yaml', [/line \d+, column \d+: invalid YAML/]],
    ['not-a-mapping.yaml', [/expected a mapping with the keys "sources" and "notifications"/]],
    ['sources-not-list.yaml', [/line 1, sources: .*expected array/i]],
    ['bad-name.yaml', [/sources\[0\]\.name: expected a name of letters, digits/]],
  ];
  it.each(cases)('%s gives a clear error', async (name, patterns) => {
    const message = await problemOf(name);
    expect(message.startsWith(fixture(name))).toBe(true);
    for (const pattern of patterns) expect(message).toMatch(pattern);
  });

  it('names a missing file', async () => {
    expect(await problemOf('does-not-exist.yaml')).toMatch(/does-not-exist\.yaml: file not found/);
  });
});
