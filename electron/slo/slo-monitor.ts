import { EventEmitter } from 'node:events';
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type Slo, type SloHistory, type SloSet } from '../../shared/slo';
import type { EvaluationRange, SliDataProvider, SloDefinition } from './slo-definition';
import { evaluateSlo } from './slo-math';
import { sloWindowRange } from './slo-window';

export type ProviderChoice = { provider: SliDataProvider; source: string } | { error: string };

export interface SloMonitorOptions {
  /** Which data provider answers for an SLO (its metricSourceRef, else the first Prometheus source). */
  providerFor: (slo: SloDefinition) => ProviderChoice;
  intervalMs?: number;
  /** Limit for one SLO's queries. */
  timeoutMs?: number;
  /** SLOs evaluated at the same time, at most. */
  concurrency?: number;
  now?: () => number;
}

const MAX_CHART_POINTS = 1_000;

/**
 * Evaluates every SLO on its own timer, apart from alert polling: the queries are I/O and the
 * maths is small, so a slow Prometheus delays only its own SLOs. When a source cannot answer,
 * the last computed values stay, marked stale with the error in words.
 */
export class SloMonitor extends EventEmitter<{ changed: [SloSet] }> {
  private definitions: SloDefinition[] = [];
  private fileErrors: string[] = [];
  private readonly results = new Map<string, Slo>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private cycle: Promise<void> | undefined;
  /** Bumped by every change of SLO files or sources: results of an older cycle are thrown away. */
  private generation = 0;
  private cycleGeneration = -1;
  private readonly now: () => number;

  constructor(private options: SloMonitorOptions) {
    super();
    this.now = options.now ?? Date.now;
  }

  /** New SLO files (or a new config): keeps the last results of SLOs that are still there, evaluates at once. */
  setDefinitions(definitions: SloDefinition[], errors: string[]): void {
    this.definitions = definitions;
    this.fileErrors = errors;
    this.generation++;
    const ids = new Set(definitions.map((slo) => slo.id));
    for (const id of this.results.keys()) if (!ids.has(id)) this.results.delete(id);
    this.emitChanged();
    if (this.running) this.evaluateSoon();
  }

  /** Values saved by an earlier run: shown, marked stale, until this run evaluates each SLO. Call before `setDefinitions`. */
  restore(slos: readonly Slo[]): void {
    for (const slo of slos) {
      if (!slo.evaluatedAt || this.results.has(slo.id)) continue;
      this.results.set(slo.id, { ...slo, stale: true, error: `last known values from ${slo.evaluatedAt}; not evaluated yet since the app started` });
    }
  }

  setProviders(providerFor: SloMonitorOptions['providerFor']): void {
    this.options = { ...this.options, providerFor };
    this.generation++;
    if (this.running) this.evaluateSoon();
  }

  start(): void {
    this.running = true;
    this.evaluateSoon();
  }

  setInterval(intervalMs: number): void {
    if (this.options.intervalMs === intervalMs) return;
    this.options = { ...this.options, intervalMs };
    if (this.running) this.evaluateSoon();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  get set(): SloSet {
    return {
      slos: this.definitions.map((slo) => this.results.get(slo.id) ?? this.placeholder(slo)),
      errors: this.fileErrors,
    };
  }

  /** Runs one evaluation of every SLO now and resolves when it is done (tests, wake from sleep). */
  async evaluateAll(): Promise<void> {
    // A cycle started before the SLO files or sources changed does not count: run another.
    for (;;) {
      if (!this.cycle) {
        this.cycleGeneration = this.generation;
        this.cycle = this.runCycle(this.generation).finally(() => (this.cycle = undefined));
      }
      const generation = this.cycleGeneration;
      await this.cycle;
      if (generation === this.generation) return;
    }
  }

  /** Chart data for one SLO: burn-down of its budget over the window and the 1 h burn rate, ≤ ~1,000 points. */
  async history(id: string): Promise<SloHistory> {
    const slo = this.definitions.find((definition) => definition.id === id);
    if (!slo) throw new Error(`no SLO with id "${id}"`);
    const choice = this.options.providerFor(slo);
    if ('error' in choice) throw new Error(choice.error);
    const at = new Date(this.now());
    const window = sloWindowRange(slo.window, at);
    const stepSeconds = Math.max(60, Math.ceil(window.elapsedSeconds / MAX_CHART_POINTS / 60) * 60);
    const from = new Date(at.getTime() - window.elapsedSeconds * 1000 + stepSeconds * 1000);
    const data = await choice.provider.history(slo, from, at, stepSeconds, AbortSignal.timeout(this.options.timeoutMs ?? 30_000));
    return { id, stepSeconds, t: data.t, budgetRemaining: burnDown(data.good, data.total, slo.target), burnRate1h: data.burnRate1h, rules: slo.rules };
  }

  private evaluateSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.evaluateAll().finally(() => {
        if (!this.running) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.evaluateSoon(), this.options.intervalMs ?? 60_000);
      });
    }, 0);
  }

  private async runCycle(generation: number): Promise<void> {
    const queue = [...this.definitions];
    const workers = Array.from({ length: Math.min(this.options.concurrency ?? 3, queue.length) }, async () => {
      for (let slo = queue.shift(); slo; slo = queue.shift()) await this.evaluateOne(slo, generation);
    });
    await Promise.all(workers);
    if (generation === this.generation) this.emitChanged();
  }

  private async evaluateOne(slo: SloDefinition, generation: number): Promise<void> {
    const choice = this.options.providerFor(slo);
    const previous = this.results.get(slo.id);
    const keep = (result: Slo) => {
      if (generation === this.generation) this.results.set(slo.id, result);
    };
    if ('error' in choice) {
      keep(this.failed(slo, previous, choice.error, null));
      return;
    }
    const at = new Date(this.now());
    const window = sloWindowRange(slo.window, at);
    const ranges = { window: window.elapsedSeconds } as Record<EvaluationRange, number>;
    for (const w of BURN_WINDOWS) ranges[w] = BURN_WINDOW_SECONDS[w];
    try {
      const counts = await choice.provider.counts(slo, ranges, at, AbortSignal.timeout(this.options.timeoutMs ?? 30_000));
      const evaluation = evaluateSlo(slo, counts, at, window);
      if (evaluation.status === 'no-data' && choice.provider.describeNoData) evaluation.statusReason = choice.provider.describeNoData(slo);
      // Numbers over less than the window must say so, whatever the status.
      if (slo.probe?.historyShortfall) evaluation.statusReason = `${evaluation.statusReason}; ${slo.probe.historyShortfall}`;
      keep({
        ...this.base(slo, choice),
        ...evaluation,
        window: { label: slo.window.label, start: window.start.toISOString(), end: window.end.toISOString(), seconds: window.seconds },
        evaluatedAt: at.toISOString(),
        stale: false,
        error: null,
      });
    } catch (error) {
      keep(this.failed(slo, previous, errorText(error), choice));
    }
  }

  /** Keeps the last good numbers, marked stale; without any, the SLO shows the error. */
  private failed(slo: SloDefinition, previous: Slo | undefined, error: string, choice: ProviderChoice | null): Slo {
    if (previous?.evaluatedAt) return { ...previous, stale: true, error };
    return { ...this.placeholder(slo, choice), status: 'error', statusReason: error, error };
  }

  private placeholder(slo: SloDefinition, choice: ProviderChoice | null = null): Slo {
    const at = new Date(this.now());
    const window = sloWindowRange(slo.window, at);
    return {
      ...this.base(slo, choice),
      window: { label: slo.window.label, start: window.start.toISOString(), end: window.end.toISOString(), seconds: window.seconds },
      sli: null,
      budget: { remaining: null, consumed: null, remainingSeconds: null, totalSeconds: (1 - slo.target) * window.seconds },
      burnRates: Object.fromEntries(BURN_WINDOWS.map((w) => [w, null])) as Slo['burnRates'],
      status: 'no-data',
      statusReason: 'not evaluated yet',
      forecast: { exhaustedAt1h: null, exhaustedAt6h: null },
      evaluatedAt: null,
      stale: false,
      error: null,
      dataErrors: [],
    };
  }

  private base(slo: SloDefinition, choice: ProviderChoice | null) {
    const provider = choice && 'provider' in choice ? choice : null;
    const emptyQueries = { sli: '', good: '', total: '', burnRate: Object.fromEntries(BURN_WINDOWS.map((w) => [w, ''])) as Slo['queries']['burnRate'] };
    return {
      id: slo.id,
      name: slo.name,
      displayName: slo.displayName,
      description: slo.description,
      service: slo.service,
      objective: slo.objective,
      file: slo.file,
      source: provider?.source ?? slo.metricSourceRef,
      target: slo.target,
      indicator: slo.indicator.kind,
      rules: slo.rules,
      labels: slo.labels,
      queries: provider ? provider.provider.queries(slo) : emptyQueries,
    };
  }

  private emitChanged(): void {
    this.emit('changed', this.set);
  }
}

/**
 * The budget left at each step if the window's budget is (1 − target) of all its events so far:
 * starts at 100 % and falls with every bad event, ending at today's remaining budget.
 */
export function burnDown(good: Array<number | null>, total: Array<number | null>, target: number): Array<number | null> {
  const allTotal = total.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const allowedBad = (1 - target) * allTotal;
  let bad = 0;
  return total.map((value, index) => {
    // Gaps stay gaps; with no budget at all (100 % target, or no traffic) there is no fraction to draw.
    if (value === null || good[index] === null || allowedBad <= 0) return null;
    bad += Math.max(0, value - good[index]!);
    return 1 - bad / allowedBad;
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  return error instanceof Error ? error.message : String(error);
}
