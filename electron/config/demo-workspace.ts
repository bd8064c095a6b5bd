import path from 'node:path';
import type { AppConfig } from './config-schema';

/**
 * What runs when no config file exists: the simulated shop with its SLOs and runbooks, so the
 * first launch shows a living dashboard. `demoDir` is the shipped `resources/demo` folder.
 */
export function demoWorkspaceConfig(demoDir?: string): AppConfig {
  return {
    sources: [{ type: 'demo', name: 'demo', interval: 5_000, timeout: 10_000, notify: false }],
    notifications: { minSeverity: 'warning', onResolve: false, summaryThreshold: 3 },
    slos: demoDir ? [path.join(demoDir, 'slos')] : [],
    sloInterval: 15_000,
    runbooks: demoDir ? [path.join(demoDir, 'runbooks')] : [],
  };
}
