import { z } from 'zod';

/**
 * A label (or annotation) set as monitoring APIs send it: an object whose values are all strings.
 * Checked in one loop rather than with `z.record`, which validates key by key through the schema
 * machinery and costs several times more on 10,000 alerts per poll.
 */
export const LabelSet = z.custom<Record<string, string>>(isLabelSet, { error: (issue) => labelSetProblem(issue.input) });

function isLabelSet(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

function labelSetProblem(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected an object of label names and string values, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
  }
  const [name, bad] = Object.entries(value).find(([, each]) => typeof each !== 'string')!;
  return `expected a string value for label ${JSON.stringify(name)}, got ${JSON.stringify(bad) ?? typeof bad}`;
}
