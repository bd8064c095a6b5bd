/**
 * Spawning, stopping and restarting one server process, with the safety nets for servers a test
 * forgot to stop (process exit/signal hooks, `setpriv --pdeathsig SIGKILL`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, findExecutable, resolveBinary } from './binaries';
import type { RunningServer, ServerKind } from './types';
import { freePort, sleep, waitFor } from './wait';

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

export class ManagedProcess {
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

export function publicView(managed: ManagedProcess): RunningServer {
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
export async function startOnFreePort<T>(
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
