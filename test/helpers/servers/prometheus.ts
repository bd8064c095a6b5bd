/** Starting a real Prometheus on a free loopback port, optionally backfilled with promtool. */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { childEnv, findExecutable } from './binaries';
import { trimSlash } from './http';
import { publicView, startOnFreePort } from './managed-process';
import type { RunningServer } from './types';
import { assertLoopback } from './wait';

const execFileAsync = promisify(execFile);

export interface RunningPrometheus extends RunningServer {
  readonly kind: 'prometheus';
  readonly configPath: string;
  readonly rulesPath: string;
  /** Replace the rule file and reload. */
  setRules(yaml: string): Promise<void>;
}

export interface StartPrometheusOptions {
  /** Rule file YAML (`groups: [...]`). Default: no groups. */
  rules?: string;
  /** Alertmanager base URLs (loopback only) to send alerts to. */
  alertmanagerUrls?: string[];
  /** Global evaluation_interval. Default '1s'. */
  evaluationInterval?: string;
  /** Global scrape_interval (and scrape_timeout). Default '1s'. */
  scrapeInterval?: string;
  /** Add a scrape job for Prometheus itself (job="prometheus"). Default false. */
  scrapeSelf?: boolean;
  /** `global.external_labels`: added to what Prometheus sends to Alertmanager, not to /api/v1/alerts. */
  externalLabels?: Record<string, string>;
  /**
   * `--rules.alert.resend-delay`. Default '1s' (Prometheus' own default is 1m), so an
   * Alertmanager that restarts gets firing alerts back within seconds. Note Prometheus sets
   * `endsAt` = now + 4 × max(resend delay, evaluation interval) on what it sends.
   */
  resendDelay?: string;
  /**
   * History to start on: OpenMetrics text (`# TYPE x counter`, samples `x_total{…} value
   * timestamp-in-seconds`, per series in time order, ending with `# EOF`), imported with
   * `promtool tsdb create-blocks-from openmetrics` into the data dir before the server starts.
   */
  openMetrics?: string;
  /**
   * `--storage.tsdb.retention.time`. Default '400d': Prometheus' own 15d would delete backfilled
   * history older than 15 days (counted back from the newest sample, not from now).
   */
  retention?: string;
  /** Extra command-line flags. */
  extraArgs?: string[];
  /** Max wait for `/-/ready`. Default 30 000 ms. */
  startTimeoutMs?: number;
}

/**
 * Writes `openMetrics` to a file in `dir` and turns it into TSDB blocks in `tsdbDir` with promtool
 * (`PROMTOOL_BIN` overrides; else `promtool` from PATH). promtool re-reads the whole file for each
 * block it writes, and cuts 2 h blocks by default: the hidden `--max-block-duration` flag (a Go
 * duration; promtool rounds it down to a TSDB block range, 486h for anything from 486h up to
 * 1458h) keeps a month to a few blocks.
 */
async function backfill(openMetrics: string, dir: string, tsdbDir: string): Promise<void> {
  const override = process.env.PROMTOOL_BIN;
  const promtool = findExecutable(override ? [override] : ['promtool']);
  if (!promtool) throw new Error(`Cannot find promtool (looked for ${override ?? 'promtool'} on PATH). Install the Debian package prometheus or set PROMTOOL_BIN.`);
  const input = join(dir, 'backfill.om');
  await writeFile(input, openMetrics.endsWith('\n') ? openMetrics : `${openMetrics}\n`);
  try {
    await execFileAsync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=1000h', input, tsdbDir], {
      cwd: dir,
      env: childEnv(),
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    // execFile's message is the command line followed by promtool's stderr.
    throw new Error(`promtool could not import the OpenMetrics history: ${(error as Error).message.trim()}`, { cause: error });
  } finally {
    await rm(input, { force: true });
  }
}

function alertmanagerConfigs(urls: string[]): unknown[] {
  return urls.map((raw) => {
    assertLoopback(raw);
    const url = new URL(raw);
    const path = trimSlash(url.pathname);
    return {
      scheme: url.protocol.replace(':', ''),
      api_version: 'v2',
      timeout: '2s',
      ...(path ? { path_prefix: path } : {}),
      static_configs: [{ targets: [url.host] }],
    };
  });
}

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<RunningPrometheus> {
  const evaluationInterval = options.evaluationInterval ?? '1s';
  const scrapeInterval = options.scrapeInterval ?? '1s';
  const alertmanagerUrls = options.alertmanagerUrls ?? [];
  for (const url of alertmanagerUrls) assertLoopback(url);
  return startOnFreePort('prometheus', options.startTimeoutMs ?? 30_000, async (port, dataDir) => {
    const configPath = join(dataDir, 'prometheus.yml');
    const rulesPath = join(dataDir, 'rules.yml');
    await writeFile(rulesPath, options.rules ?? 'groups: []\n');
    const config: Record<string, unknown> = {
      global: {
        scrape_interval: scrapeInterval,
        // Must not exceed scrape_interval (Prometheus refuses the config otherwise).
        scrape_timeout: scrapeInterval,
        evaluation_interval: evaluationInterval,
        ...(options.externalLabels ? { external_labels: options.externalLabels } : {}),
      },
      rule_files: [rulesPath],
      scrape_configs: options.scrapeSelf
        ? [{ job_name: 'prometheus', static_configs: [{ targets: [`127.0.0.1:${port}`] }] }]
        : [],
    };
    if (alertmanagerUrls.length) config.alerting = { alertmanagers: alertmanagerConfigs(alertmanagerUrls) };
    await writeFile(configPath, YAML.stringify(config));
    if (options.openMetrics !== undefined) await backfill(options.openMetrics, dataDir, join(dataDir, 'data'));
    const args = [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(dataDir, 'data')}`,
      `--storage.tsdb.retention.time=${options.retention ?? '400d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Otherwise generatorURL links are derived from the machine's hostname.
      `--web.external-url=http://127.0.0.1:${port}`,
      // POST /-/reload, used by reload()/setRules().
      '--web.enable-lifecycle',
      `--rules.alert.resend-delay=${options.resendDelay ?? '1s'}`,
      ...(options.extraArgs ?? []),
    ];
    return {
      args,
      result: (managed): RunningPrometheus => ({
        ...publicView(managed),
        kind: 'prometheus',
        configPath,
        rulesPath,
        async setRules(yaml: string) {
          await writeFile(rulesPath, yaml);
          await managed.reload();
        },
      }),
    };
  });
}
