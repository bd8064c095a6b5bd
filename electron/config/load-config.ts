import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppConfigSchema, type AppConfig } from './config-schema';

/** A config file that cannot be used; `message` names the file, the line, the field and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export async function loadConfigFile(file: string): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? (error as Error).message})`]);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): AppConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        return `${position ? `line ${position.line}, column ${position.col}: ` : ''}invalid YAML: ${firstLine(error.message)}`;
      }),
    );
  }
  const raw: unknown = document.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, ['expected a mapping with the keys "sources" and "notifications" at the top level']);
  }
  const parsed = AppConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.map((issue) => describeIssue(issue, document, lineCounter)));
  }
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue, document: ReturnType<typeof parseDocument>, lineCounter: LineCounter): string {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const field = path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
  const line = lineOf(document, lineCounter, path);
  const where = `${line ? `line ${line}, ` : ''}${field || '(top level)'}`;
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${where}: missing, expected ${issue.expected}`;
  }
  return `${where}: ${issue.message}`;
}

function lineOf(document: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: (string | number)[]): number | null {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
