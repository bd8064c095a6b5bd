/** Starting a real Alertmanager on a free loopback port. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publicView, startOnFreePort } from './managed-process';
import type { RunningServer } from './types';
import { assertLoopback, freePort } from './wait';

export interface RunningAlertmanager extends RunningServer {
  readonly kind: 'alertmanager';
  readonly configPath: string;
  /** `127.0.0.1:<port>` of the gossip listener when started with `cluster`, else undefined. */
  readonly clusterAddress: string | undefined;
  /** Replace the config file and reload. */
  setConfig(yaml: string): Promise<void>;
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
