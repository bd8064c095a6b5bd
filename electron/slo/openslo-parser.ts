import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { DEFAULT_BURN_RULES, type BurnRule } from '../../shared/slo';
import { isSeriesSelector } from './promql';
import { bucketSelectors } from './promql-selectors';
import type { IndicatorDefinition, SloDefinition } from './slo-definition';
import { UNIT_SECONDS, readTimeWindow } from './openslo-window';
import { Field, SloProblem, describe, firstLine } from './yaml-field';

/**
 * OpenSLO v1 files → `SloDefinition`s. The supported subset, fully:
 * kinds SLO and SLI (Service objects are accepted and ignored); `ratioMetric` counters (good or
 * bad, and total) and `thresholdMetric` over Prometheus queries; Occurrences and Timeslices
 * budgeting; one rolling window (m, h, d, w) or a calendar month in a time zone; objectives with
 * `target` or `targetPercent`. Anything outside it is rejected with one message per object:
 * `<file>: line N, <field>: <what is wrong>; supported: <what is>`, and the other objects still load.
 *
 * Two steps, so that an SLO can name an SLI from another file: `readOpenSloObjects` reads one
 * file (YAML, header, SLIs); `resolveOpenSloObjects` turns the SLOs of a whole catalog into
 * definitions. `parseOpenSloFile` does both for one file on its own.
 */

const API_VERSION = 'openslo/v1';
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ANNOTATION_PREFIX = 'oncall-companion/';
/** Annotation (without prefix) → the default rule it overrides. */
const RULE_ANNOTATIONS = new Map<string, BurnRule>(DEFAULT_BURN_RULES.map((rule) => [`${rule.severity}-${rule.long}-${rule.short}`, rule]));
const DEFAULT_SLICE_SECONDS = 60;

const SUPPORTED = {
  kind: 'kind SLO or SLI (Service objects are accepted and ignored)',
  name: 'a name of lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (RFC 1123 label)',
  indicator: 'either an inline indicator (metadata + spec) or indicatorRef naming an SLI',
  indicatorSpec: 'exactly one of ratioMetric or thresholdMetric',
  ratio: 'ratioMetric with counter: true, exactly one of good or bad, and total',
  metricSource: 'metricSource with type: Prometheus (or a metricSourceRef), and spec.query holding a PromQL query',
  budgeting: 'budgetingMethod Occurrences (for ratioMetric) or Timeslices (for thresholdMetric)',
  objectives: 'a list of objectives, each with target (0 < target ≤ 1) or targetPercent (0 < targetPercent ≤ 100)',
  thresholdObjective: 'one objective with op (lt, lte, gt, gte), value, target or targetPercent, optional timeSliceTarget: 1 and timeSliceWindow (default 1m)',
  burnRule: 'a positive number such as "14.4": the burn rate above which the rule fires',
} as const;

// ─── Public types ────────────────────────────────────────────────────────────

/**
 * What an indicator measures, before an objective gives a threshold its op and value. Every query
 * reads the same source: `metricSourceRef`, or null when none is named.
 */
export type OpenSloMeasurement =
  | { kind: 'ratio'; good: string; bad?: undefined; total: string; metricSourceRef: string | null }
  | { kind: 'ratio'; good?: undefined; bad: string; total: string; metricSourceRef: string | null }
  | { kind: 'threshold'; query: string; metricSourceRef: string | null };

interface OpenSloObjectBase {
  name: string;
  /** The file as the user named it, for messages. */
  file: string;
  /** Line of `metadata.name`. */
  line: number;
}

export interface OpenSloSliObject extends OpenSloObjectBase {
  kind: 'SLI';
  /** Null when the SLI is invalid (its error was reported when the file was read). */
  measurement: OpenSloMeasurement | null;
}

export interface OpenSloSloObject extends OpenSloObjectBase {
  kind: 'SLO';
  /** The parsed YAML, checked in `resolveOpenSloObjects` once every SLI is known. */
  readonly source: { readonly document: Document.Parsed; readonly lineCounter: LineCounter };
}

export type OpenSloObject = OpenSloSloObject | OpenSloSliObject;

export interface OpenSloParseResult {
  definitions: SloDefinition[];
  errors: string[];
}

// ─── Entry points ────────────────────────────────────────────────────────────

/** One file on its own: its SLOs may only name SLIs defined in the same file. */
export function parseOpenSloFile(text: string, file: string): OpenSloParseResult {
  const read = readOpenSloObjects(text, file);
  const resolved = resolveOpenSloObjects(read.objects);
  return { definitions: resolved.definitions, errors: [...read.errors, ...resolved.errors] };
}

/** Reads every YAML document of one file: checks the header of each, and parses SLIs fully. */
export function readOpenSloObjects(text: string, file: string): { objects: OpenSloObject[]; errors: string[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const objects: OpenSloObject[] = [];
  const errors: string[] = [];
  for (const document of documents) {
    const syntaxError = document.errors[0];
    if (syntaxError) {
      const position = syntaxError.linePos?.[0];
      errors.push(`${file}: ${position ? `line ${position.line}, column ${position.col}: ` : ''}invalid YAML: ${firstLine(syntaxError.message)}`);
      continue;
    }
    if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) continue;
    const startLine = lineCounter.linePos(document.range[0]).line;
    const root = new Field({ document, lineCounter }, '', document.contents, startLine);
    try {
      const header = readHeader(root);
      if (header === null) continue;
      if (header.kind === 'SLO') {
        objects.push({ kind: 'SLO', name: header.name, file, line: header.line, source: { document, lineCounter } });
        continue;
      }
      let measurement: OpenSloMeasurement | null = null;
      try {
        measurement = readIndicatorSpec(root.key('spec'));
      } catch (error) {
        errors.push(describeProblem(file, error));
      }
      objects.push({ kind: 'SLI', name: header.name, file, line: header.line, measurement });
    } catch (error) {
      errors.push(describeProblem(file, error));
    }
  }
  return { objects, errors };
}

/**
 * The SLOs of a whole catalog (objects from every file, in order) as definitions. `indicatorRef`
 * names an SLI among these objects; names must be unique per kind across the catalog (the first keeps it).
 */
export function resolveOpenSloObjects(objects: readonly OpenSloObject[]): OpenSloParseResult {
  const definitions: SloDefinition[] = [];
  const errors: string[] = [];
  const slis = new Map<string, OpenSloSliObject>();
  const slos = new Map<string, OpenSloSloObject>();
  for (const object of objects) {
    const seen = object.kind === 'SLI' ? slis : slos;
    const first = seen.get(object.name);
    if (first) {
      errors.push(
        `${object.file}: line ${object.line}, metadata.name: duplicate ${object.kind} name "${object.name}" (already defined in ${first.file}: line ${first.line}); supported: one ${object.kind} per name across all SLO files`,
      );
      continue;
    }
    if (object.kind === 'SLI') slis.set(object.name, object);
    else slos.set(object.name, object);
  }
  for (const slo of slos.values()) {
    try {
      definitions.push(...buildDefinitions(slo, slis));
    } catch (error) {
      errors.push(describeProblem(slo.file, error));
    }
  }
  return { definitions, errors };
}

// ─── Problems and located YAML values ────────────────────────────────────────

/** Why an object is rejected, and where. */

function describeProblem(file: string, error: unknown): string {
  if (error instanceof SloProblem) return `${file}: ${error.message}`;
  throw error;
}


// ─── Header, SLI and SLO ─────────────────────────────────────────────────────

/** apiVersion, kind and name; null for objects that are accepted and ignored (Service). */
function readHeader(root: Field): { kind: 'SLO' | 'SLI'; name: string; line: number } | null {
  if (!isMap(root.node)) throw root.problem(`expected an OpenSLO object (apiVersion, kind, metadata, spec), got ${describe(root.node)}`, SUPPORTED.kind);
  const apiVersionField = root.key('apiVersion');
  const apiVersion = apiVersionField.string(`apiVersion: ${API_VERSION}`);
  if (apiVersion !== API_VERSION) throw apiVersionField.problem(`"${apiVersion}" is not supported`, `apiVersion: ${API_VERSION}`);
  const kindField = root.key('kind');
  const kind = kindField.string(SUPPORTED.kind);
  if (kind === 'Service') return null;
  if (kind === 'DataSource') throw kindField.problem('"DataSource" is not supported (metricSourceRef names a source of the app\'s config instead)', SUPPORTED.kind);
  if (kind !== 'SLO' && kind !== 'SLI') throw kindField.problem(`"${kind}" is not supported`, SUPPORTED.kind);
  const metadata = root.key('metadata').map('metadata with a name');
  const nameField = metadata.key('name');
  const name = nameField.string(SUPPORTED.name);
  if (!NAME.test(name)) throw nameField.problem(`"${name}" is not a valid name`, SUPPORTED.name);
  return { kind, name, line: nameField.line };
}

/** The `spec` of an SLI (or of an inline indicator). */
function readIndicatorSpec(spec: Field): OpenSloMeasurement {
  spec.only(['description', 'ratioMetric', 'thresholdMetric'], SUPPORTED.indicatorSpec);
  const ratio = spec.key('ratioMetric');
  const threshold = spec.key('thresholdMetric');
  if (ratio.present && threshold.present) throw threshold.problem('both ratioMetric and thresholdMetric are set', SUPPORTED.indicatorSpec);
  if (ratio.present) return readRatioMetric(ratio);
  if (threshold.present) {
    const source = readMetricSource(threshold, 'thresholdMetric with metricSource (type: Prometheus, spec.query)');
    return { kind: 'threshold', query: source.query, metricSourceRef: source.ref };
  }
  throw spec.problem('neither ratioMetric nor thresholdMetric is set', SUPPORTED.indicatorSpec);
}

function readRatioMetric(ratio: Field): OpenSloMeasurement {
  ratio.only(['counter', 'good', 'bad', 'total', 'raw', 'rawType'], SUPPORTED.ratio);
  for (const key of ['raw', 'rawType']) {
    const field = ratio.key(key);
    if (field.present) throw field.problem('a precomputed ratio (raw, rawType) is not supported', SUPPORTED.ratio);
  }
  const counterField = ratio.key('counter');
  const counter = counterField.optionalBoolean(SUPPORTED.ratio);
  if (counter === undefined) throw counterField.problem('missing', SUPPORTED.ratio);
  if (!counter) {
    throw counterField.problem('counter: false (good and total as gauges) is not supported', 'counter: true: good (or bad) and total are monotonically increasing counters, read with rate()');
  }
  const good = ratio.key('good');
  const bad = ratio.key('bad');
  const total = ratio.key('total');
  if (good.present && bad.present) throw bad.problem('both good and bad are set', 'exactly one of good or bad, with total');
  if (!good.present && !bad.present) throw ratio.problem('neither good nor bad is set', 'exactly one of good or bad, with total');
  if (!total.present) throw total.problem('missing', 'total: the counter of all events, with good or bad');
  const numeratorField = good.present ? good : bad;
  const numerator = readMetricSource(numeratorField, SUPPORTED.metricSource);
  const denominator = readMetricSource(total, SUPPORTED.metricSource);
  if (numerator.ref !== denominator.ref) {
    throw denominator.refField.problem(
      `${quoteOrNone(denominator.ref)} differs from ${quoteOrNone(numerator.ref)} in ${numeratorField.name}`,
      `the same metricSourceRef (or none) on ${numeratorField.name} and total: both are read from one Prometheus`,
    );
  }
  for (const [part, field] of [[numerator, numeratorField], [denominator, total]] as const) {
    if (!isSeriesSelector(part.query)) {
      throw part.queryField.problem(
        `${JSON.stringify(part.query)} is not a series selector`,
        `a counter series selector such as http_requests_total{service="api",code=~"5.."} in ${field.name}: it is read with increase() over each window`,
      );
    }
  }
  checkHistogramNumerator(numerator.query, numerator.queryField);
  checkHistogramTotal(denominator.query, denominator.queryField);
  const metricSourceRef = numerator.ref;
  return good.present
    ? { kind: 'ratio', good: numerator.query, total: denominator.query, metricSourceRef }
    : { kind: 'ratio', bad: numerator.query, total: denominator.query, metricSourceRef };
}

function readMetricSource(part: Field, supported: string): { query: string; queryField: Field; ref: string | null; refField: Field } {
  part.only(['metricSource'], supported);
  const source = part.key('metricSource');
  source.only(['metricSourceRef', 'type', 'spec'], supported);
  const refField = source.key('metricSourceRef');
  const ref = refField.optionalString('metricSourceRef naming a source of the app\'s config') ?? null;
  const typeField = source.key('type');
  const type = typeField.optionalString('type: Prometheus');
  if (type === undefined && ref === null) throw typeField.problem('missing', 'type: Prometheus, or a metricSourceRef naming a Prometheus source of the app\'s config');
  if (type !== undefined && type.toLowerCase() !== 'prometheus') throw typeField.problem(`"${type}" is not supported`, 'type: Prometheus');
  const spec = source.key('spec');
  spec.only(['query'], 'spec.query holding a PromQL query');
  const queryField = spec.key('query');
  const query = queryField.string('spec.query holding a PromQL query');
  return { query, queryField, ref, refField };
}

const LATENCY_SUPPORTED = 'a latency SLO over a histogram needs le="<threshold>" on the good _bucket selector (e.g. le="0.3"), with total = the histogram\'s _count';

/** good (or bad) over a histogram: a bucket without `le` would count every request. */
function checkHistogramNumerator(query: string, field: Field): void {
  for (const selector of bucketSelectors(query)) {
    if (selector.le === null) throw field.problem(`selects histogram buckets "${selector.metric}" without an le matcher`, LATENCY_SUPPORTED);
  }
}

/** total over a histogram is its `_count`, or the `+Inf` bucket. */
function checkHistogramTotal(query: string, field: Field): void {
  for (const selector of bucketSelectors(query)) {
    if (selector.le !== '+Inf') {
      throw field.problem(
        `selects histogram buckets "${selector.metric}" ${selector.le === null ? 'without an le matcher' : `with le="${selector.le}"`}`,
        'total of a latency SLO is the histogram\'s _count, or its _bucket with le="+Inf"',
      );
    }
  }
}

function buildDefinitions(slo: OpenSloSloObject, slis: ReadonlyMap<string, OpenSloSliObject>): SloDefinition[] {
  const root = new Field(slo.source, '', slo.source.document.contents, slo.line);
  const metadata = root.key('metadata');
  const displayName = metadata.key('displayName').optionalString('a display name') ?? slo.name;
  const metadataLabels = readLabels(metadata.key('labels'));
  const rules = readRules(metadata.key('annotations'));
  const spec = root.key('spec').map('spec with indicator (or indicatorRef), timeWindow, budgetingMethod and objectives');
  const alertPolicies = spec.key('alertPolicies');
  if (alertPolicies.present) {
    throw alertPolicies.problem('alert policies are not supported', `burn-rate thresholds per SLO in metadata.annotations: ${[...RULE_ANNOTATIONS.keys()].map((key) => ANNOTATION_PREFIX + key).join(', ')}`);
  }
  const description = spec.key('description').optionalString('a description') ?? '';
  const service = spec.key('service').optionalString('the name of the service') ?? null;
  const measurement = readSloIndicator(spec, slis);
  readBudgetingMethod(spec.key('budgetingMethod'), measurement.kind);
  const window = readTimeWindow(spec.key('timeWindow'));
  const objectivesField = spec.key('objectives');
  const items = objectivesField.items(SUPPORTED.objectives);
  if (items.length === 0) throw objectivesField.problem('empty', SUPPORTED.objectives);
  if (measurement.kind === 'threshold' && items.length > 1) throw objectivesField.problem(`${items.length} objectives for a thresholdMetric`, SUPPORTED.thresholdObjective);
  const objectives = items.map((item) => readObjective(item, measurement.kind));
  const labels = { ...metadataLabels, ...(service === null ? {} : { service }) };
  const several = objectives.length > 1;
  return objectives.map((objective, index) => ({
    id: several ? `${slo.name}/${index}` : slo.name,
    name: slo.name,
    displayName,
    description,
    service,
    objective: several ? (objective.displayName ?? `objective ${index + 1}`) : objective.displayName,
    file: slo.file,
    metricSourceRef: measurement.metricSourceRef,
    target: objective.target,
    window: { ...window },
    indicator: indicatorDefinition(measurement, objective),
    rules: rules.map((rule) => ({ ...rule })),
    labels: { ...labels },
  }));
}

function readSloIndicator(spec: Field, slis: ReadonlyMap<string, OpenSloSliObject>): OpenSloMeasurement {
  const inline = spec.key('indicator');
  const ref = spec.key('indicatorRef');
  if (inline.present && ref.present) throw ref.problem('both indicator and indicatorRef are set', SUPPORTED.indicator);
  if (inline.present) {
    inline.only(['metadata', 'spec'], SUPPORTED.indicator);
    return readIndicatorSpec(inline.key('spec'));
  }
  if (!ref.present) throw spec.problem('neither indicator nor indicatorRef is set', SUPPORTED.indicator);
  const name = ref.string(SUPPORTED.indicator);
  const sli = slis.get(name);
  if (!sli) throw ref.problem(`no SLI named "${name}" in the SLO files`, 'indicatorRef naming an SLI (kind: SLI) defined in one of the SLO files');
  if (!sli.measurement) throw ref.problem(`the SLI "${name}" (${sli.file}: line ${sli.line}) is invalid, see its own error`, 'indicatorRef naming a valid SLI');
  return sli.measurement;
}

function readBudgetingMethod(field: Field, kind: OpenSloMeasurement['kind']): void {
  const method = field.string(SUPPORTED.budgeting);
  const normalized = method.toLowerCase();
  if (normalized !== 'occurrences' && normalized !== 'timeslices') throw field.problem(`"${method}" is not supported`, SUPPORTED.budgeting);
  const expected = kind === 'ratio' ? 'occurrences' : 'timeslices';
  if (normalized !== expected) throw field.problem(`"${method}" does not fit a ${kind === 'ratio' ? 'ratioMetric' : 'thresholdMetric'} indicator`, SUPPORTED.budgeting);
}

// ─── Time window ─────────────────────────────────────────────────────────────

// ─── Objectives ──────────────────────────────────────────────────────────────

interface Objective {
  displayName: string | null;
  target: number;
  threshold: { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number; sliceSeconds: number } | null;
}

const OPS = ['lt', 'lte', 'gt', 'gte'] as const;

function readObjective(item: Field, kind: OpenSloMeasurement['kind']): Objective {
  const supported = kind === 'threshold' ? SUPPORTED.thresholdObjective : SUPPORTED.objectives;
  item.only(['displayName', 'op', 'value', 'target', 'targetPercent', 'timeSliceTarget', 'timeSliceWindow'], supported);
  const displayName = item.key('displayName').optionalText('a display name')?.trim() || null;
  const target = readTarget(item);
  if (kind === 'ratio') {
    // value (written by some tools on ratio objectives) and the time-slice fields have no meaning with Occurrences; op would.
    const op = item.key('op');
    if (op.present) throw op.problem('op applies to thresholdMetric SLOs only', 'objectives of a ratioMetric SLO: displayName and target or targetPercent');
    return { displayName, target, threshold: null };
  }
  const opField = item.key('op');
  const op = opField.string('op: lt, lte, gt or gte');
  if (!(OPS as readonly string[]).includes(op)) throw opField.problem(`"${op}" is not supported`, 'op: lt, lte, gt or gte');
  const valueField = item.key('value');
  const value = valueField.optionalNumber('value: the number the query is compared with');
  if (value === undefined) throw valueField.problem('missing', 'value: the number the query is compared with');
  const sliceTargetField = item.key('timeSliceTarget');
  const sliceTarget = sliceTargetField.optionalNumber('timeSliceTarget: 1 (or omitted)');
  if (sliceTarget !== undefined && sliceTarget !== 1) {
    throw sliceTargetField.problem(`${sliceTarget} is not supported (a time slice is good when the query meets the threshold)`, 'timeSliceTarget: 1 (or omitted)');
  }
  return { displayName, target, threshold: { op: op as (typeof OPS)[number], value, sliceSeconds: readSliceWindow(item.key('timeSliceWindow')) } };
}

function readTarget(item: Field): number {
  const targetField = item.key('target');
  const percentField = item.key('targetPercent');
  const supported = 'either target (0 < target ≤ 1, e.g. 0.999) or targetPercent (0 < targetPercent ≤ 100, e.g. 99.9)';
  if (targetField.present && percentField.present) throw percentField.problem('both target and targetPercent are set', supported);
  const target = targetField.optionalNumber(supported);
  if (target !== undefined) {
    if (!(target > 0 && target <= 1)) throw targetField.problem(`${target} is out of range`, 'target: 0 < target ≤ 1, e.g. 0.999 (or targetPercent: 99.9)');
    return target;
  }
  const percent = percentField.optionalNumber(supported);
  if (percent !== undefined) {
    if (!(percent > 0 && percent <= 100)) throw percentField.problem(`${percent} is out of range`, 'targetPercent: 0 < targetPercent ≤ 100, e.g. 99.9 (or target: 0.999)');
    return Number((percent / 100).toPrecision(15));
  }
  throw item.problem('neither target nor targetPercent is set', supported);
}

function readSliceWindow(field: Field): number {
  const supported = 'timeSliceWindow as minutes (a number) or a duration of whole minutes, hours or days such as 1m, 5m or 1h (default 1m)';
  if (!field.present) return DEFAULT_SLICE_SECONDS;
  const text = field.optionalText(supported)?.trim() ?? '';
  if (/^\d+$/.test(text) && Number(text) > 0) return Number(text) * 60;
  const match = /^(\d+)([mhd])$/.exec(text);
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number) : 0;
  if (seconds <= 0) throw field.problem(`"${text}" is not supported`, supported);
  return seconds;
}

function indicatorDefinition(measurement: OpenSloMeasurement, objective: Objective): IndicatorDefinition {
  if (measurement.kind === 'threshold') {
    const threshold = objective.threshold as NonNullable<Objective['threshold']>;
    return { kind: 'threshold', query: measurement.query, op: threshold.op, value: threshold.value, sliceSeconds: threshold.sliceSeconds };
  }
  return measurement.good !== undefined ? { kind: 'ratio', good: measurement.good, total: measurement.total } : { kind: 'ratio', bad: measurement.bad, total: measurement.total };
}

// ─── Metadata ────────────────────────────────────────────────────────────────

/** metadata.labels: strings, or lists of strings joined with ",". */
function readLabels(field: Field): Record<string, string> {
  const supported = 'labels as a mapping of names to strings or lists of strings';
  const labels: Record<string, string> = {};
  if (!field.present) return labels;
  for (const child of field.entries(supported)) {
    labels[child.name] = isSeq(child.node) ? child.items(supported).map((item) => item.optionalText(supported) ?? '').join(',') : (child.optionalText(supported) ?? '');
  }
  return labels;
}

/** The default burn-rate rules, with thresholds overridden by `oncall-companion/<severity>-<long>-<short>` annotations. */
function readRules(field: Field): BurnRule[] {
  const overrides = new Map<string, number>();
  if (field.present) {
    for (const child of field.entries('annotations as a mapping of names to strings')) {
      if (!child.name.startsWith(ANNOTATION_PREFIX)) continue;
      const key = child.name.slice(ANNOTATION_PREFIX.length);
      if (!RULE_ANNOTATIONS.has(key)) {
        throw new SloProblem(child.line, child.path, `unknown annotation "${child.name}"`, [...RULE_ANNOTATIONS.keys()].map((known) => ANNOTATION_PREFIX + known).join(', '));
      }
      const text = child.optionalText(SUPPORTED.burnRule)?.trim() ?? '';
      const threshold = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(threshold) || threshold <= 0) throw child.problem(`"${text}" is not a positive number`, SUPPORTED.burnRule);
      overrides.set(key, threshold);
    }
  }
  return DEFAULT_BURN_RULES.map((rule) => ({ ...rule, threshold: overrides.get(`${rule.severity}-${rule.long}-${rule.short}`) ?? rule.threshold }));
}

function quoteOrNone(ref: string | null): string {
  return ref === null ? 'none' : `"${ref}"`;
}
