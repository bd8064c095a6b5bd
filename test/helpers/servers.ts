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
//
// The code lives in ./servers/ by responsibility; this module is the one tests import:
// - servers/types.ts            ServerKind, RunningServer
// - servers/wait.ts             waitFor, freePort, assertLoopback
// - servers/http.ts             postAlerts, resolveAlerts, createSilence, expireSilence, get*
// - servers/binaries.ts         locating binaries on PATH, the child environment
// - servers/managed-process.ts  spawn/stop/kill/restart one process, safety nets, port retries
// - servers/alertmanager.ts     startAlertmanager
// - servers/prometheus.ts       startPrometheus (incl. the promtool backfill)

export type { RunningServer, ServerKind } from './servers/types';
export { assertLoopback, freePort, sleep, waitFor, type WaitForOptions } from './servers/wait';
export {
  createSilence,
  expireSilence,
  getAlertmanagerAlerts,
  getPrometheusAlerts,
  postAlerts,
  resolveAlerts,
  type AlertmanagerAlert,
  type PostableAlert,
  type PrometheusAlert,
  type SilenceMatcher,
} from './servers/http';
export {
  DEFAULT_ALERTMANAGER_CONFIG,
  startAlertmanager,
  type RunningAlertmanager,
  type StartAlertmanagerOptions,
} from './servers/alertmanager';
export { startPrometheus, type RunningPrometheus, type StartPrometheusOptions } from './servers/prometheus';
