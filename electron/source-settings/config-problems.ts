import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppConfigSchema } from '../config/config-schema';

/**
 * What is wrong with a config text, one problem per entry, each naming the field as a path
 * (`sources[2].url: expected an http:// or https:// URL, got "x"`); empty when it is valid.
 */
export function configProblems(text: string): string[] {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return document.errors.map((error) => `invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
  const parsed = AppConfigSchema.safeParse(document.toJS() ?? {});
  return parsed.success ? [] : parsed.error.issues.map(describeIssue);
}

/** An issue as "field.path: what was expected". */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const field = path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '') || '(top level)';
  if (issue.code === 'unrecognized_keys') return `${field}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${field}: missing, expected ${issue.expected}`;
  return `${field}: ${issue.message}`;
}
