import path from 'node:path';
import type { AppConfig, SourceConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { bearerHeaders } from '../sources/bearer-token';
import type { ProbeArchive } from '../sources/http-check/probe-archive';
import { PrometheusSource } from '../sources/prometheus';
import { createDemoSliProvider } from './demo-sli-provider';
import { createProbeSliProvider } from './probe-sli-provider';
import { probeSloDefinitions } from './probe-slo-definitions';
import { createPrometheusSliProvider } from './prometheus-sli-provider';
import { loadSloCatalog, watchSloCatalog } from './slo-catalog';
import type { SliDataProvider, SloDefinition } from './slo-definition';
import type { ProviderChoice, SloMonitor } from './slo-monitor';

/**
 * Keeps the SLO monitor in step with the config: which files define the SLOs (reloaded when
 * they change), which source answers for each, and how often they are evaluated. The SLOs of
 * http checks with `slo:` are added to the files' SLOs and answered from the checks' probes.
 */
export class SloService {
  private stopWatching: (() => void) | undefined;
  private generation = 0;

  constructor(
    private readonly monitor: SloMonitor,
    private readonly log: (message: string) => void = () => undefined,
    /** The http checks' probe histories; without it, probe SLOs show an error instead of numbers. */
    private readonly probes?: ProbeArchive,
    /** Where `{ secret: … }` tokens of Prometheus sources are read from. */
    private readonly secrets?: SecretStore,
  ) {}

  async apply(config: AppConfig, configDir: string): Promise<void> {
    const generation = ++this.generation;
    this.stopWatching?.();
    this.monitor.setProviders(providerChooser(config.sources, this.probes, this.secrets));
    const fromProbes = probeSloDefinitions(config.sources);
    const reload = async () => {
      const catalog = await loadSloCatalog(config.slos, configDir);
      if (generation !== this.generation) return;
      const merged = mergeDefinitions(fromProbes, catalog.definitions);
      const errors = [...catalog.errors, ...merged.errors];
      for (const error of errors) this.log(`slo: ${error}`);
      this.monitor.setDefinitions(merged.definitions, errors);
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

/** The checks' SLOs first; an SLO file's SLO with the same id as one of them is left out, and said so. */
export function mergeDefinitions(fromProbes: SloDefinition[], fromFiles: SloDefinition[]): { definitions: SloDefinition[]; errors: string[] } {
  const checkOf = new Map(fromProbes.map((slo) => [slo.id, slo.probe?.check ?? slo.id]));
  const errors: string[] = [];
  const kept = fromFiles.filter((slo) => {
    const check = checkOf.get(slo.id);
    if (check === undefined) return true;
    errors.push(`${slo.file}: SLO "${slo.id}" has the name of an SLO of the http check "${check}" in the config; left out (rename it)`);
    return false;
  });
  return { definitions: [...fromProbes, ...kept], errors };
}

/**
 * An SLO's source is the one its metricSourceRef names, else the first Prometheus source; an
 * http check's own SLOs are answered by its probe history.
 */
export function providerChooser(sources: readonly SourceConfig[], probes?: ProbeArchive, secrets?: SecretStore): (slo: SloDefinition) => ProviderChoice {
  const providers = new Map<string, SliDataProvider>();
  const probeProviders = new Map<string, SliDataProvider>();
  for (const source of sources) {
    if (source.type === 'http' && source.slo && probes) probeProviders.set(source.name, createProbeSliProvider(probes.reader(source)));
  }
  for (const source of sources) {
    if (source.type === 'prometheus') providers.set(source.name, createPrometheusSliProvider(new PrometheusSource({ name: source.name, url: source.url, headers: bearerHeaders(source.name, source.token, secrets) })));
    if (source.type === 'demo') providers.set(source.name, createDemoSliProvider());
  }
  const firstPrometheus = sources.find((source) => source.type === 'prometheus')?.name;
  return (slo) => {
    if (slo.probe) {
      const provider = probeProviders.get(slo.probe.check);
      return provider ? { provider, source: slo.probe.check } : { error: `the probe history of check "${slo.probe.check}" is not available` };
    }
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
