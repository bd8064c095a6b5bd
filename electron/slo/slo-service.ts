import path from 'node:path';
import type { AppConfig, SourceConfig } from '../config/config-schema';
import { PrometheusSource } from '../sources/prometheus';
import { createDemoSliProvider } from './demo-sli-provider';
import { createPrometheusSliProvider } from './prometheus-sli-provider';
import { loadSloCatalog, watchSloCatalog } from './slo-catalog';
import type { SliDataProvider, SloDefinition } from './slo-definition';
import type { ProviderChoice, SloMonitor } from './slo-monitor';

/**
 * Keeps the SLO monitor in step with the config: which files define the SLOs (reloaded when
 * they change), which source answers for each, and how often they are evaluated.
 */
export class SloService {
  private stopWatching: (() => void) | undefined;
  private generation = 0;

  constructor(
    private readonly monitor: SloMonitor,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async apply(config: AppConfig, configDir: string): Promise<void> {
    const generation = ++this.generation;
    this.stopWatching?.();
    this.monitor.setProviders(providerChooser(config.sources));
    const reload = async () => {
      const catalog = await loadSloCatalog(config.slos, configDir);
      if (generation !== this.generation) return;
      for (const error of catalog.errors) this.log(`slo: ${error}`);
      this.monitor.setDefinitions(catalog.definitions, catalog.errors);
    };
    await reload();
    // A newer config arrived while this one loaded: it installs its own watcher and interval.
    if (generation !== this.generation) return;
    this.stopWatching = config.slos.length > 0 ? watchSloCatalog(config.slos, configDir, () => void reload()) : undefined;
    this.monitor.setInterval(config.sloInterval);
  }

  stop(): void {
    this.generation++;
    this.stopWatching?.();
    this.monitor.stop();
  }
}

/** An SLO's source is the one its metricSourceRef names, else the first Prometheus source. */
export function providerChooser(sources: readonly SourceConfig[]): (slo: SloDefinition) => ProviderChoice {
  const providers = new Map<string, SliDataProvider>();
  for (const source of sources) {
    if (source.type === 'prometheus') providers.set(source.name, createPrometheusSliProvider(new PrometheusSource({ name: source.name, url: source.url })));
    if (source.type === 'demo') providers.set(source.name, createDemoSliProvider());
  }
  const firstPrometheus = sources.find((source) => source.type === 'prometheus')?.name;
  return (slo) => {
    const name = slo.metricSourceRef ?? firstPrometheus;
    if (!name) return { error: `${slo.file}: no prometheus source is configured to evaluate "${slo.name}" against` };
    const provider = providers.get(name);
    if (provider) return { provider, source: name };
    const source = sources.find((candidate) => candidate.name === name);
    return {
      error: source
        ? `${slo.file}: metricSourceRef "${name}" is an ${source.type} source; SLOs need a prometheus source`
        : `${slo.file}: metricSourceRef "${name}" names no configured source (configured: ${sources.map((s) => s.name).join(', ') || 'none'})`,
    };
  };
}

/** SLO paths in the config are relative to the config file. */
export function configDirOf(configFile: string | null): string {
  return configFile ? path.dirname(configFile) : process.cwd();
}
