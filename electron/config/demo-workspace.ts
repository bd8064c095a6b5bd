import type { AppConfig } from './config-schema';

/**
 * What runs when no config file exists: the simulated shop and its SLOs, so the first launch
 * shows a living dashboard. `sloDir` is the folder of the shipped demo SLO files.
 */
export function demoWorkspaceConfig(sloDir?: string): AppConfig {
  return {
    sources: [{ type: 'demo', name: 'demo', interval: 5_000, timeout: 10_000, notify: false }],
    notifications: { minSeverity: 'warning', onResolve: false, summaryThreshold: 3 },
    slos: sloDir ? [sloDir] : [],
    sloInterval: 15_000,
  };
}
