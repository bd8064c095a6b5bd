import type { AppConfig } from './config-schema';

/** What runs when no config file exists: the simulated shop, so the first launch shows a living dashboard. */
export function demoWorkspaceConfig(): AppConfig {
  return {
    sources: [{ type: 'demo', name: 'demo', interval: 5_000, timeout: 10_000, notify: false }],
    notifications: { minSeverity: 'warning', onResolve: false, summaryThreshold: 3 },
  };
}
