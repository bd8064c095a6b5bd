import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A problem in an OpenSLO file, located: `line N, <field path>: <what>; supported: <what is>`. */
export class SloProblem extends Error {
  constructor(
    readonly line: number,
    readonly path: string,
    readonly what: string,
    readonly supported: string,
  ) {
    super(`line ${line}, ${path || '(document)'}: ${what}; supported: ${supported}`);
    this.name = 'SloProblem';
  }
}

export interface Source {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

type YamlNode = NonNullable<Document.Parsed['contents']>;

/** A value in the YAML tree with its field path and line, so every check can say where it failed. */
export class Field {
  readonly node: YamlNode | undefined;

  constructor(
    private readonly source: Source,
    readonly path: string,
    node: unknown,
    /** The line to name when this field is missing: its key's, or its parent's. */
    private readonly fallbackLine: number,
    /** The key this field is under in its mapping. */
    readonly name = '',
  ) {
    const resolved: unknown = isAlias(node) ? node.resolve(source.document) : node;
    this.node = resolved === null || resolved === undefined || (isScalar(resolved) && resolved.value === null) ? undefined : (resolved as YamlNode);
  }

  get present(): boolean {
    return this.node !== undefined;
  }

  /** The line of the key this field is under; for list items and the document, the value's own. */
  get line(): number {
    if (this.name) return this.fallbackLine;
    const range = this.node?.range;
    return range ? this.source.lineCounter.linePos(range[0]).line : this.fallbackLine;
  }

  /** The problem to throw: this field is wrong. */
  problem(what: string, supported: string): SloProblem {
    return new SloProblem(this.line, this.path, what, supported);
  }

  /** Fails (at the key) unless this is a mapping. */
  map(supported: string): this {
    if (!this.present) throw this.problem('missing', supported);
    if (!isMap(this.node)) throw this.problem(`expected a mapping, got ${describe(this.node)}`, supported);
    return this;
  }

  /** The children of a mapping (the field must be one). */
  entries(supported: string): Field[] {
    this.map(supported);
    const items = isMap(this.node) ? this.node.items : [];
    return items.map((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      return new Field(this.source, join(this.path, key), pair.value, this.lineOf(pair.key), key);
    });
  }

  /** The child at `key` (possibly missing) of a mapping; an absent or non-mapping field has only missing children. */
  key(name: string): Field {
    if (isMap(this.node)) {
      for (const pair of this.node.items) {
        if (isScalar(pair.key) && pair.key.value === name) return new Field(this.source, join(this.path, name), pair.value, this.lineOf(pair.key), name);
      }
    }
    return new Field(this.source, join(this.path, name), undefined, this.line, name);
  }

  /** Rejects keys that are not listed: used where ignoring a key would change what is measured. */
  only(allowed: readonly string[], supported: string): this {
    for (const child of this.entries(supported)) {
      if (!allowed.includes(child.name)) {
        throw new SloProblem(child.line, child.path, `unknown key "${child.name}"`, `${supported} (known keys: ${allowed.join(', ')})`);
      }
    }
    return this;
  }

  items(supported: string): Field[] {
    if (!this.present) throw this.problem('missing', supported);
    if (!isSeq(this.node)) throw this.problem(`expected a list, got ${describe(this.node)}`, supported);
    const items = isSeq(this.node) ? this.node.items : [];
    return items.map((item, index) => new Field(this.source, `${this.path}[${index}]`, item, this.line));
  }

  string(supported: string): string {
    const value = this.optionalString(supported);
    if (value === undefined) throw this.problem('missing', supported);
    return value;
  }

  optionalString(supported: string): string | undefined {
    if (!this.present) return undefined;
    const node = this.node;
    if (!isScalar(node) || typeof node.value !== 'string') throw this.problem(`expected a string, got ${describe(node)}`, supported);
    const value = node.value.trim();
    if (value === '') throw this.problem('empty', supported);
    return value;
  }

  /** Strings, numbers and booleans, as text (label and annotation values). */
  optionalText(supported: string): string | undefined {
    if (!this.present) return undefined;
    const node = this.node;
    if (!isScalar(node) || !['string', 'number', 'boolean'].includes(typeof node.value)) throw this.problem(`expected a string, got ${describe(node)}`, supported);
    return String(node.value);
  }

  optionalNumber(supported: string): number | undefined {
    if (!this.present) return undefined;
    const node = this.node;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) throw this.problem(`expected a number, got ${describe(node)}`, supported);
    return node.value;
  }

  optionalBoolean(supported: string): boolean | undefined {
    if (!this.present) return undefined;
    const node = this.node;
    if (!isScalar(node) || typeof node.value !== 'boolean') throw this.problem(`expected true or false, got ${describe(node)}`, supported);
    return node.value;
  }

  private lineOf(node: unknown): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.source.lineCounter.linePos(range[0]).line : this.line;
  }
}

function join(path: string, key: string): string {
  const segment = /^[A-Za-z0-9_-]+$/.test(key) ? key : `"${key}"`;
  return path ? (segment.startsWith('"') ? `${path}[${segment}]` : `${path}.${segment}`) : segment;
}

export function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return JSON.stringify(node.value) ?? String(node.value);
  return 'nothing';
}

export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
