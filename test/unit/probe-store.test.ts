import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PROBES_PER_CHECK, MIN_PROBE_AGE_MS, ProbeArchive, endpointKey, probeFileName, probeHistoryShortfall, retentionFor } from '../../electron/sources/http-check/probe-archive';
import { parseProbeFile, probeFileHeader, probeLine } from '../../electron/sources/http-check/probe-file';
import type { ProbeResult } from '../../electron/sources/http-check/probe-history';
import { CheckProbeLog, type ProbeRetention } from '../../electron/sources/http-check/probe-log';
import { ProbeSeries } from '../../electron/sources/http-check/probe-series';
import { checkConfig } from '../helpers/http-check/check-config';
import { useTempFolder } from '../helpers/temp-folder';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const probe = (secondsAgo: number, ok = true, latencyMs = 42.5, status: number | null = ok ? 200 : 503): ProbeResult => ({ at: NOW - secondsAgo * 1000, ok, latencyMs, status });

describe('the probe history file', () => {
  const folder = useTempFolder('occ-probes-');
  const problems: string[] = [];
  const openLog = (retention: ProbeRetention = { maxAgeMs: MIN_PROBE_AGE_MS, maxCount: 400_000 }, file = path.join(folder.dir, 'probes', 'api.probes')) =>
    new CheckProbeLog({ file, check: 'api', endpoint: 'abc123', retention, onProblem: (message) => problems.push(message), now: () => NOW });

  it('is appended as probes come and read back in full after a restart', async () => {
    problems.length = 0;
    const first = openLog();
    const probes = [probe(90), probe(60, false, 3000.1, null), probe(30, true, 0.3, 204)];
    for (const result of probes) first.record(result);
    await first.close();
    const text = await readFile(first.file, 'utf8');
    expect(text.split('\n')).toEqual([
      '# oncall-companion probe history v1 check="api" endpoint=abc123',
      `${NOW - 90_000} 1 42.5 200`,
      `${NOW - 60_000} 0 3000.1 -`,
      `${NOW - 30_000} 1 0.3 204`,
      '',
    ]);

    const second = openLog();
    await second.ready;
    expect(second.all()).toEqual(probes);
    second.record(probe(0));
    await second.close();
    expect((await readFile(first.file, 'utf8')).split('\n')).toHaveLength(6);
    expect(problems).toEqual([]);
  });

  it('keeps probes recorded while the file is still being read, after those in it', async () => {
    const seed = openLog();
    seed.record(probe(20));
    await seed.close();
    const log = openLog();
    log.record(probe(10));
    log.record(probe(5));
    await log.close();
    expect(log.all().map((result) => result.at)).toEqual([NOW - 20_000, NOW - 10_000, NOW - 5_000]);
    expect(parseProbeFile(await readFile(log.file, 'utf8'))).toMatchObject({ kind: 'ok', results: log.all() });
  });

  it('drops probes older than the retention on reading, and rewrites the file without them', async () => {
    const file = path.join(folder.dir, 'probes', 'api.probes');
    await openLog().close();
    const lines = [probe(3 * 3600), probe(2 * 3600), probe(1800), probe(60)].map(probeLine);
    await writeFile(file, probeFileHeader('api', 'abc123') + lines.join(''));
    const log = openLog({ maxAgeMs: 3_600_000, maxCount: 1000 });
    await log.ready;
    expect(log.all()).toEqual([probe(1800), probe(60)]);
    // Two of four lines are gone: not yet worth a rewrite (a quarter more plus 1,000 lines).
    await log.close();
    expect(parseProbeFile(await readFile(file, 'utf8'))).toMatchObject({ kind: 'ok', results: [probe(3 * 3600), probe(2 * 3600), probe(1800), probe(60)] });

    // 1,100 probes past the retention and two within it: well past the slack, so the file is rewritten.
    const old = Array.from({ length: 1_100 }, (_, n) => probe(2 * 3600 + n)).reverse();
    await writeFile(file, probeFileHeader('api', 'abc123') + [...old, probe(1800), probe(60)].map(probeLine).join(''));
    const compacting = openLog({ maxAgeMs: 3_600_000, maxCount: 1000 });
    await compacting.close();
    expect(await readFile(file, 'utf8')).toBe(probeFileHeader('api', 'abc123') + probeLine(probe(1800)) + probeLine(probe(60)));
  });

  it('rewrites a file whose last line lost only its newline, so the next probe is not glued onto it', async () => {
    problems.length = 0;
    const file = path.join(folder.dir, 'probes', 'api.probes');
    const cut = probeFileHeader('api', 'abc123') + probeLine(probe(30)) + probeLine(probe(20)).trimEnd();
    await folder.write('probes/api.probes', cut);
    expect(parseProbeFile(cut)).toEqual({ kind: 'ok', results: [probe(30), probe(20)], bad: [], torn: false, unterminated: true });
    const log = openLog();
    log.record(probe(10));
    await log.close();
    expect(await readFile(file, 'utf8')).toBe(probeFileHeader('api', 'abc123') + [probe(30), probe(20), probe(10)].map(probeLine).join(''));
    const reopened = openLog();
    await reopened.close();
    expect(reopened.all()).toEqual([probe(30), probe(20), probe(10)]);
    expect(problems).toEqual([]);
    expect(await readdir(path.dirname(file))).toEqual(['api.probes']);
  });

  it('rewrites a history that is only a header without its newline', async () => {
    const file = path.join(folder.dir, 'probes', 'api.probes');
    await folder.write('probes/api.probes', probeFileHeader('api', 'abc123').trimEnd());
    const log = openLog();
    log.record(probe(5));
    await log.close();
    expect(await readFile(file, 'utf8')).toBe(probeFileHeader('api', 'abc123') + probeLine(probe(5)));
  });

  it('stays bounded by count: compaction rewrites the file with the newest probes only', async () => {
    const log = openLog({ maxAgeMs: MIN_PROBE_AGE_MS, maxCount: 100 });
    for (let n = 5000; n > 0; n--) log.record(probe(n));
    await log.close();
    expect(log.length).toBe(100);
    const parsed = parseProbeFile(await readFile(log.file, 'utf8'));
    if (parsed.kind !== 'ok') throw new Error(parsed.reason);
    // Never more than the kept probes plus the slack before a compaction.
    expect(parsed.results.length).toBeLessThanOrEqual(100 * 1.25 + 1_001);
    expect(parsed.results.length).toBeGreaterThanOrEqual(100);
    expect(parsed.results.slice(-100)).toEqual(log.all());
    const reopened = openLog({ maxAgeMs: MIN_PROBE_AGE_MS, maxCount: 100 });
    await reopened.ready;
    expect(reopened.all()).toEqual(log.all());
    expect(reopened.all()[0]).toEqual(probe(100));
    await reopened.close();
  });

  it('moves a damaged file aside whole, says where, and starts afresh', async () => {
    problems.length = 0;
    const file = path.join(folder.dir, 'probes', 'api.probes');
    const garbage = Buffer.from(Array.from({ length: 200 }, (_, n) => (n * 91 + 7) % 256));
    await folder.write('probes/api.probes', '');
    await writeFile(file, garbage);
    const log = openLog();
    log.record(probe(1));
    await log.close();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^probe history ${escape(file)} cannot be used \\(.*\\); kept it as ${escape(file)}\\.corrupt-.* and started a new history for check "api"$`));
    const aside = (await readdir(path.dirname(file))).find((name) => name.startsWith('api.probes.corrupt-'))!;
    expect(await readFile(path.join(path.dirname(file), aside))).toEqual(garbage);
    expect(log.all()).toEqual([probe(1)]);
    expect(parseProbeFile(await readFile(file, 'utf8'))).toEqual({ kind: 'ok', results: [probe(1)], bad: [], torn: false, unterminated: false });
  });

  it('moves aside a history written by a newer version of the app instead of reading it wrongly', async () => {
    problems.length = 0;
    await folder.write('probes/api.probes', '# oncall-companion probe history v2 check="api"\n1764177774000|1|42\n');
    await openLog().close();
    expect(problems[0]).toMatch(/cannot be used \(it is version 2, written by a newer version of the app \(this one reads version 1\)\); kept it as .*\.corrupt-/);
  });

  it('keeps damaged lines in <file>.rejected and the good ones in the history', async () => {
    problems.length = 0;
    const file = path.join(folder.dir, 'probes', 'api.probes');
    await folder.write('probes/api.probes', probeFileHeader('api', 'abc123') + probeLine(probe(30)) + 'garbage here\n' + probeLine(probe(20)) + `${NOW - 10_000} 1 4`);
    const log = openLog();
    await log.close();
    expect(log.all()).toEqual([probe(30), probe(20)]);
    expect(problems).toEqual([
      `probe history ${file}: its last line was cut short (the app stopped while writing it); dropped that probe`,
      `probe history ${file}: 1 damaged line skipped (line 3: not a probe line); kept it in ${file}.rejected`,
    ]);
    expect(await readFile(`${file}.rejected`, 'utf8')).toMatch(/line 3: not a probe line\ngarbage here\n$/);
    // Rewritten clean, so the same lines are not reported at every start.
    expect(parseProbeFile(await readFile(file, 'utf8'))).toEqual({ kind: 'ok', results: [probe(30), probe(20)], bad: [], torn: false, unterminated: false });
  });
});

describe('the probe archive', () => {
  const folder = useTempFolder('occ-probe-archive-');

  it('starts a fresh history when a check of the same name points at another endpoint', async () => {
    const archive = new ProbeArchive(folder.dir, () => undefined, () => NOW);
    const old = archive.forCheck(checkConfig({ name: 'api', url: 'http://127.0.0.1:1/health' }));
    old.record(probe(60, false));
    expect(archive.forCheck(checkConfig({ name: 'api', url: 'http://127.0.0.1:1/health', interval: '5s' }))).toBe(old);
    const moved = archive.forCheck(checkConfig({ name: 'api', url: 'http://127.0.0.1:2/health' }));
    await moved.ready;
    expect(moved).not.toBe(old);
    expect(moved.length).toBe(0);
    await archive.close();
    expect((await readdir(folder.dir)).sort()).toEqual([probeFileName('api', endpointKey({ method: 'GET', url: 'http://127.0.0.1:1/health' })), probeFileName('api', endpointKey({ method: 'GET', url: 'http://127.0.0.1:2/health' }))].sort());

    // Back on the first endpoint after a restart: its history is there again.
    const again = new ProbeArchive(folder.dir, () => undefined, () => NOW).forCheck(checkConfig({ name: 'api', url: 'http://127.0.0.1:1/health' }));
    await again.ready;
    expect(again.all()).toEqual([probe(60, false)]);
  });

  it('removes the files of checks gone for longer than any SLO window, and only those', async () => {
    await folder.write('old-abcdef012345.probes', probeFileHeader('old', 'abcdef012345'));
    await folder.write('recent-abcdef012345.probes', probeFileHeader('recent', 'abcdef012345'));
    await folder.write('notes.txt', 'not ours');
    const longAgo = new Date(NOW - 92 * 86_400_000);
    await utimes(path.join(folder.dir, 'old-abcdef012345.probes'), longAgo, longAgo);
    await utimes(path.join(folder.dir, 'notes.txt'), longAgo, longAgo);
    const archive = new ProbeArchive(folder.dir, () => undefined, () => NOW);
    expect(await archive.removeStaleFiles()).toEqual([path.join(folder.dir, 'old-abcdef012345.probes')]);
    expect((await readdir(folder.dir)).sort()).toEqual(['notes.txt', 'recent-abcdef012345.probes']);
  });

  it('names files safely, without the URL, and keeps at least 28 days or the SLO window', () => {
    expect(probeFileName('../shop health', 'abcdef012345')).toBe('__shop_health-abcdef012345.probes');
    expect(endpointKey({ method: 'GET', url: 'https://x.test/?token=s3cret' })).toMatch(/^[0-9a-f]{12}$/);
    expect(endpointKey({ method: 'POST', url: 'https://x.test/' })).not.toBe(endpointKey({ method: 'GET', url: 'https://x.test/' }));
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/' })).maxAgeMs).toBe(28 * 86_400_000);
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', slo: { availability: 99, window: '1h' } })).maxAgeMs).toBe(28 * 86_400_000);
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', slo: { availability: 99, window: '60d' } })).maxAgeMs).toBe(60 * 86_400_000);
  });

  it('keeps as many probes as the window holds at the check interval (with headroom), up to a hard maximum', () => {
    // 5 s over 28 days is 483,840 probes: more than a fixed 400,000 held.
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', interval: '5s' })).maxCount).toBe(Math.ceil(483_840 * 1.1));
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', interval: '10s', slo: { availability: 99, window: '90d' } })).maxCount).toBe(Math.ceil(777_600 * 1.1));
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', interval: '1s' })).maxCount).toBe(MAX_PROBES_PER_CHECK);
    expect(retentionFor(checkConfig({ url: 'http://127.0.0.1/', interval: '1h' })).maxCount).toBe(10_000);
    expect(probeHistoryShortfall(checkConfig({ url: 'http://127.0.0.1/', interval: '5s', slo: { availability: 99 } }))).toBeNull();
    expect(probeHistoryShortfall(checkConfig({ url: 'http://127.0.0.1/', interval: '1s', slo: { availability: 99, window: '7d' } }))).toBeNull();
    expect(probeHistoryShortfall(checkConfig({ url: 'http://127.0.0.1/', interval: '1s', slo: { availability: 99 } }))).toBe(
      'only the last 2,000,000 probes (about 23.1 days at one every 1 s) are kept, less than the window',
    );
  });
});

describe('probe series', () => {
  it('keeps time order when the clock goes back, trims by age and count, and counts (after, until]', () => {
    const series = new ProbeSeries();
    for (let n = 0; n < 3000; n++) series.push({ at: n * 1000, ok: n % 10 !== 0, latencyMs: n % 7 === 0 ? 800 : 100, status: 200 });
    series.push({ at: 500, ok: true, latencyMs: 1, status: 200 });
    expect(series.get(0).at).toBe(0);
    expect(series.get(1).at).toBe(500);
    expect(series.get(2).at).toBe(1000);
    // (0, 10 s]: 500, 1000, …, 10000 = 11 probes; 10000 fails; 7000 is slow.
    expect(series.countsBetween(0, 10_000)).toEqual({ good: 10, total: 11 });
    expect(series.countsBetween(0, 10_000, 500)).toEqual({ good: 9, total: 11 });
    expect(series.trim(1000, 10_000)).toBe(2);
    expect(series.get(0).at).toBe(1000);
    expect(series.trim(0, 50)).toBe(2949);
    expect(series.all().map((result) => result.at)).toEqual(Array.from({ length: 50 }, (_, n) => (2950 + n) * 1000));
    expect(series.newestAt()).toBe(2_999_000);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
