/**
 * Real Alertmanager and Prometheus servers for integration and e2e tests.
 *
 * Everything binds to 127.0.0.1 on a free port; every helper that takes a URL refuses one
 * whose host is outside 127.0.0.0/8. Alertmanager runs with clustering disabled
 * (`--cluster.listen-address=`) unless a loopback cluster is asked for explicitly.
 *
 * Lifecycle of a `RunningServer`:
 * - `stop()`    graceful (SIGTERM, SIGKILL after a timeout) and final: the temp dir is removed.
 * - `kill()`    SIGKILL, simulating a crash; the data dir is kept so `restart()` can follow.
 * - `restart()` (graceful stop first if running) start again on the same port and data dir.
 * Safety nets for servers a test forgot to stop: a process 'exit' hook (and SIGTERM/SIGINT/SIGHUP
 * hooks, since Vitest ends its fork workers with SIGTERM) SIGKILLs them and removes their temp
 * dirs; and each server runs under `setpriv --pdeathsig SIGKILL` (util-linux, when available) so
 * it dies with the test worker even if that worker is SIGKILLed.
 *
 * Binaries: `PROMETHEUS_BIN` / `ALERTMANAGER_BIN` override; otherwise `prometheus` and
 * `prometheus-alertmanager` (Debian) or `alertmanager` (upstream) from PATH. `startPrometheus`
 * with `openMetrics` also needs `promtool` (`PROMTOOL_BIN`) to backfill history before it starts.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// Types

export type ServerKind = 'alertmanager' | 'prometheus';

export interface RunningServer {
  readonly kind: ServerKind;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The temp dir holding config and data; removed by `stop()`. */
  readonly dataDir: string;
  /** PID of the current process, undefined while not running. */
  pid(): number | undefined;
  /** True while the process is running. */
  running(): boolean;
  /** SIGTERM, wait for exit (SIGKILL after a timeout), remove the temp dir. Final and idempotent. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: a crash. Data dir kept; `restart()` brings it back. */
  kill(): Promise<void>;
  /** Start again on the same port and data dir (graceful stop first if running); waits for ready. */
  restart(): Promise<void>;
  /** `POST /-/reload`: re-read the config (and rule) files; throws when the server rejects them. */
  reload(): Promise<void>;
  /** Everything the server wrote to stdout/stderr across (re)starts, possibly truncated at the front. */
  logs(): string;
}

export interface RunningAlertmanager extends RunningServer {
  readonly kind: 'alertmanager';
  readonly configPath: string;
  /** `127.0.0.1:<port>` of the gossip listener when started with `cluster`, else undefined. */
  readonly clusterAddress: string | undefined;
  /** Replace the config file and reload. */
  setConfig(yaml: string): Promise<void>;
}

export interface RunningPrometheus extends RunningServer {
  readonly kind: 'prometheus';
  readonly configPath: string;
  readonly rulesPath: string;
  /** Replace the rule file and reload. */
  setRules(yaml: string): Promise<void>;
}

export interface StartAlertmanagerOptions {
  /** Alertmanager YAML. Default: one `null` receiver, group_wait 1s, group_interval 1s. */
  config?: string;
  /**
   * Join a loopback gossip cluster: the listener binds 127.0.0.1:<free port>, and `peers` are
   * `127.0.0.1:<port>` gossip addresses (e.g. another server's `clusterAddress`).
   */
  cluster?: { peers?: string[] };
  /** Extra command-line flags, e.g. `--data.maintenance-interval=1s`. */
  extraArgs?: string[];
  /** Max wait for `/-/ready`. Default 30 000 ms. */
  startTimeoutMs?: number;
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

export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface WaitForOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** What is being waited for; appears in the timeout error. */
  description: string;
}

// ---------------------------------------------------------------------------------------------
// Small utilities

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`freePort: unexpected address ${String(address)}`));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/** Throws unless `hostOrUrl` (a URL or host[:port]) names an address in 127.0.0.0/8. */
export function assertLoopback(hostOrUrl: string): void {
  let hostname: string;
  try {
    hostname = new URL(hostOrUrl.includes('://') ? hostOrUrl : `http://${hostOrUrl}`).hostname;
  } catch {
    throw new Error(`Not a URL or host:port: ${JSON.stringify(hostOrUrl)}`);
  }
  const octets = hostname.split('.');
  const loopback =
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
  if (!loopback) {
    throw new Error(`Tests may only talk to 127.0.0.0/8; refusing ${JSON.stringify(hostOrUrl)}`);
  }
}

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, and returns it.
 * A probe that throws counts as "not yet". On timeout, throws naming `description` and the
 * last value or error seen.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100, description }: WaitForOptions,
): Promise<T> {
  const started = Date.now();
  let last: { value: unknown } | { error: unknown } | undefined;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      let lastText = 'no attempt finished';
      if (last && 'error' in last) {
        lastText = `last error: ${last.error instanceof Error ? last.error.message : String(last.error)}`;
      } else if (last) {
        lastText = `last value: ${describeValue(last.value)}`;
      }
      throw new Error(`Timed out after ${elapsed} ms (${attempts} attempts) waiting for ${description}; ${lastText}`);
    }
    await sleep(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed)));
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function requestJson(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<unknown> {
  assertLoopback(url);
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} failed: HTTP ${response.status} ${response.statusText}: ${text.slice(0, 2000)}`);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Alertmanager / Prometheus API helpers

/** `POST /api/v2/alerts`; throws with status and body on failure. */
export async function postAlerts(alertmanagerUrl: string, alerts: PostableAlert[]): Promise<void> {
  await requestJson('POST', `${trimSlash(alertmanagerUrl)}/api/v2/alerts`, alerts);
}

/**
 * Re-posts `alerts` with `endsAt` = now (or `at`), so Alertmanager resolves them and drops
 * them from `GET /api/v2/alerts`.
 */
export async function resolveAlerts(alertmanagerUrl: string, alerts: PostableAlert[], at: Date = new Date()): Promise<void> {
  const endsAt = at.toISOString();
  await postAlerts(
    alertmanagerUrl,
    alerts.map((alert) => ({ ...alert, endsAt })),
  );
}

/** One alert as `GET /api/v2/alerts` returns it (the fields tests use). */
export interface AlertmanagerAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  receivers: Array<{ name: string }>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** `GET /api/v2/alerts`, optionally with `filter` matchers such as `alertname="X"`. */
export async function getAlertmanagerAlerts(alertmanagerUrl: string, filter: string[] = []): Promise<AlertmanagerAlert[]> {
  const query = new URLSearchParams();
  for (const matcher of filter) query.append('filter', matcher);
  const suffix = filter.length ? `?${query.toString()}` : '';
  return (await requestJson('GET', `${trimSlash(alertmanagerUrl)}/api/v2/alerts${suffix}`)) as AlertmanagerAlert[];
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex?: boolean;
  isEqual?: boolean;
}

/** `POST /api/v2/silences`; returns the silence ID. Defaults: now → +1h, createdBy "test". */
export async function createSilence(
  alertmanagerUrl: string,
  silence: { matchers: SilenceMatcher[]; startsAt?: string; endsAt?: string; createdBy?: string; comment?: string },
): Promise<string> {
  const now = Date.now();
  const result = (await requestJson('POST', `${trimSlash(alertmanagerUrl)}/api/v2/silences`, {
    matchers: silence.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex ?? false, isEqual: m.isEqual ?? true })),
    startsAt: silence.startsAt ?? new Date(now).toISOString(),
    endsAt: silence.endsAt ?? new Date(now + 3_600_000).toISOString(),
    createdBy: silence.createdBy ?? 'test',
    comment: silence.comment ?? 'created by the test harness',
  })) as { silenceID?: unknown };
  if (typeof result.silenceID !== 'string') throw new Error(`createSilence: unexpected response ${describeValue(result)}`);
  return result.silenceID;
}

/** `DELETE /api/v2/silence/{id}` (expires it). */
export async function expireSilence(alertmanagerUrl: string, silenceId: string): Promise<void> {
  await requestJson('DELETE', `${trimSlash(alertmanagerUrl)}/api/v2/silence/${encodeURIComponent(silenceId)}`);
}

/** One alert as Prometheus' `GET /api/v1/alerts` returns it. */
export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value: string;
}

/** Prometheus `GET /api/v1/alerts` → `data.alerts`. */
export async function getPrometheusAlerts(prometheusUrl: string): Promise<PrometheusAlert[]> {
  const body = (await requestJson('GET', `${trimSlash(prometheusUrl)}/api/v1/alerts`)) as {
    status?: string;
    data?: { alerts?: PrometheusAlert[] };
  };
  if (body.status !== 'success' || !body.data?.alerts) throw new Error(`unexpected /api/v1/alerts body ${describeValue(body)}`);
  return body.data.alerts;
}

// ---------------------------------------------------------------------------------------------
// Process management

const LOG_LIMIT = 512 * 1024;
const STOP_TIMEOUT_MS = 10_000;

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

function emergencyCleanupAll(): void {
  for (const server of live) server.emergencyCleanup();
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', emergencyCleanupAll);
  // Vitest ends its fork workers with SIGTERM, which skips 'exit' hooks. Clean up, then let the
  // signal take its default course unless someone else (the test runner) handles it.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      emergencyCleanupAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

function findExecutable(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
  for (const name of names) {
    if (name.includes('/')) {
      if (isExecutable(name)) return name;
      continue;
    }
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function resolveBinary(kind: ServerKind): string {
  const override = kind === 'prometheus' ? process.env.PROMETHEUS_BIN : process.env.ALERTMANAGER_BIN;
  const names = override ? [override] : kind === 'prometheus' ? ['prometheus'] : ['prometheus-alertmanager', 'alertmanager'];
  const found = findExecutable(names);
  if (!found) {
    throw new Error(
      `Cannot find the ${kind} binary (looked for ${names.join(', ')} on PATH). ` +
        `Install the Debian package (${kind === 'prometheus' ? 'prometheus' : 'prometheus-alertmanager'}) ` +
        `or set ${kind === 'prometheus' ? 'PROMETHEUS_BIN' : 'ALERTMANAGER_BIN'}.`,
    );
  }
  return found;
}

/** Child environment: no proxy settings, so nothing is ever routed off the machine. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(https?|all|no|ftp)_proxy$/i.test(key)) continue;
    env[key] = value;
  }
  env.NO_PROXY = '*';
  return env;
}

const setpriv = findExecutable(['setpriv']);

class StartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

class ManagedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private truncated = false;
  private disposed = false;

  constructor(
    readonly kind: ServerKind,
    private readonly binary: string,
    private readonly args: string[],
    readonly port: number,
    readonly dataDir: string,
    private readonly startTimeoutMs: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  pid(): number | undefined {
    return this.running() ? this.child?.pid : undefined;
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): string {
    return (this.truncated ? '[… earlier output truncated …]\n' : '') + this.output;
  }

  private append(text: string): void {
    this.output += text;
    if (this.output.length > LOG_LIMIT) {
      this.output = this.output.slice(this.output.length - LOG_LIMIT);
      this.truncated = true;
    }
  }

  private tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error(`${this.kind} on port ${this.port} was stopped (its data dir is removed); start a new one`);
    if (this.running()) throw new Error(`${this.kind} on port ${this.port} is already running`);
    installExitHook();
    live.add(this);

    const [command, args] = setpriv
      ? [setpriv, ['--pdeathsig', 'SIGKILL', '--', this.binary, ...this.args]]
      : [this.binary, this.args];
    this.append(`--- ${new Date().toISOString()} starting: ${[this.binary, ...this.args].join(' ')}\n`);
    const child = spawn(command, args, { cwd: this.dataDir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let spawnError: Error | undefined;
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.append(`--- ${new Date().toISOString()} exited: ${signal ?? `code ${String(code)}`}\n`);
        resolve();
      });
      child.once('error', (error) => {
        spawnError = error;
        this.append(`--- spawn error: ${error.message}\n`);
        // 'exit' is not emitted when the spawn itself fails.
        if (child.pid === undefined) resolve();
      });
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.append(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.append(chunk));

    const started = Date.now();
    let outcome: { ready: true } | { failed: string };
    try {
      outcome = await waitFor<{ ready: true } | { failed: string }>(
        async () => {
          // An early exit or spawn failure ends the wait at once instead of after the timeout.
          if (spawnError) return { failed: `could not spawn ${this.binary}: ${spawnError.message}` };
          if (!this.running()) {
            return { failed: `exited before becoming ready (${child.signalCode ?? `exit code ${String(child.exitCode)}`})` };
          }
          const response = await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
          await response.body?.cancel();
          return response.status === 200 ? { ready: true } : false;
        },
        { timeoutMs: this.startTimeoutMs, intervalMs: 50, description: `${this.kind} /-/ready` },
      );
    } catch (error) {
      outcome = { failed: error instanceof Error ? error.message : String(error) };
    }
    if ('failed' in outcome) {
      await this.killAndWait();
      throw new StartError(
        `${this.kind} failed to start on 127.0.0.1:${this.port} after ${Date.now() - started} ms: ${outcome.failed}\n` +
          `--- last output of ${this.kind} ---\n${this.tail()}`,
        /address already in use/i.test(this.output),
      );
    }
  }

  private async killAndWait(): Promise<void> {
    if (this.running()) this.child?.kill('SIGKILL');
    await this.exited;
  }

  async terminate(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    if (!this.running()) {
      await this.exited;
      return;
    }
    this.child?.kill('SIGTERM');
    const timedOut = await Promise.race([this.exited.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      this.append(`--- no exit ${timeoutMs} ms after SIGTERM; sending SIGKILL\n`);
      await this.killAndWait();
    }
  }

  async kill(): Promise<void> {
    await this.killAndWait();
  }

  async restart(): Promise<void> {
    if (this.disposed) throw new Error(`${this.kind} on port ${this.port} was stopped (its data dir is removed); restart() needs kill() instead`);
    await this.terminate();
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.terminate();
    live.delete(this);
    await rm(this.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }

  async reload(): Promise<void> {
    const response = await fetch(`${this.url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${this.kind} reload failed: HTTP ${response.status}: ${text.trim()}`);
  }

  /** Synchronous, for the process 'exit' hook. */
  emergencyCleanup(): void {
    try {
      if (this.running()) this.child?.kill('SIGKILL');
    } catch {
      // best effort
    }
    try {
      rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort
    }
  }
}

function publicView(managed: ManagedProcess): RunningServer {
  return {
    kind: managed.kind,
    url: managed.url,
    port: managed.port,
    dataDir: managed.dataDir,
    pid: () => managed.pid(),
    running: () => managed.running(),
    stop: () => managed.stop(),
    kill: () => managed.kill(),
    restart: () => managed.restart(),
    reload: () => managed.reload(),
    logs: () => managed.logs(),
  };
}

/** Pick a port, prepare, start; retry with a new port if another process took it meanwhile. */
async function startOnFreePort<T>(
  kind: ServerKind,
  startTimeoutMs: number,
  prepare: (port: number, dataDir: string) => Promise<{ args: string[]; result: (managed: ManagedProcess) => T }>,
): Promise<T> {
  const binary = resolveBinary(kind);
  for (let attempt = 1; ; attempt += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), `occ-${kind}-`));
    const port = await freePort();
    let managed: ManagedProcess | undefined;
    try {
      const { args, result } = await prepare(port, dataDir);
      managed = new ManagedProcess(kind, binary, args, port, dataDir, startTimeoutMs);
      await managed.start();
      return result(managed);
    } catch (error) {
      if (managed) await managed.stop();
      else await rm(dataDir, { recursive: true, force: true });
      if (error instanceof StartError && error.addressInUse && attempt < 3) continue;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Alertmanager

export const DEFAULT_ALERTMANAGER_CONFIG = `route:
  receiver: 'null'
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: 'null'
`;

export async function startAlertmanager(options: StartAlertmanagerOptions = {}): Promise<RunningAlertmanager> {
  const peers = options.cluster?.peers ?? [];
  for (const peer of peers) assertLoopback(peer);
  return startOnFreePort('alertmanager', options.startTimeoutMs ?? 30_000, async (port, dataDir) => {
    const configPath = join(dataDir, 'alertmanager.yml');
    await writeFile(configPath, options.config ?? DEFAULT_ALERTMANAGER_CONFIG);
    let clusterAddress: string | undefined;
    const clusterArgs: string[] = [];
    if (options.cluster) {
      clusterAddress = `127.0.0.1:${await freePort()}`;
      clusterArgs.push(`--cluster.listen-address=${clusterAddress}`, `--cluster.advertise-address=${clusterAddress}`);
      for (const peer of peers) clusterArgs.push(`--cluster.peer=${peer}`);
    } else {
      // An empty value disables HA mode: no gossip listener on 0.0.0.0:9094, no peer lookups.
      clusterArgs.push('--cluster.listen-address=');
    }
    const args = [
      `--config.file=${configPath}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Otherwise links (and the default external URL) are derived from the machine's hostname.
      `--web.external-url=http://127.0.0.1:${port}`,
      ...clusterArgs,
      ...(options.extraArgs ?? []),
    ];
    return {
      args,
      result: (managed): RunningAlertmanager => ({
        ...publicView(managed),
        kind: 'alertmanager',
        configPath,
        clusterAddress,
        async setConfig(yaml: string) {
          await writeFile(configPath, yaml);
          await managed.reload();
        },
      }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Prometheus

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
