import path from 'node:path';
import { AppConfigSchema, type AppConfig } from './config-schema';

/**
 * What runs when no config file exists: the simulated shop with its SLOs and runbooks, so the
 * first launch shows a living dashboard. `demoDir` is the shipped `resources/demo` folder.
 */
export function demoWorkspaceConfig(demoDir?: string): AppConfig {
  return AppConfigSchema.parse({
    sources: [{ type: 'demo', name: 'demo', interval: '5s', timeout: '10s', notify: false }],
    slos: demoDir ? [path.join(demoDir, 'slos')] : [],
    sloInterval: '15s',
    runbooks: demoDir ? [path.join(demoDir, 'runbooks')] : [],
  });
}
