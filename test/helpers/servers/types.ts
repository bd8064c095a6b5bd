/** Types shared by every server the harness starts (see ../servers.ts for the lifecycle). */

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
