import { snippet } from '../http-json';

export type JsonScalar = string | number | boolean | null;

export interface CheckExpectations {
  /** Status codes that count as up; default any 2xx. A 3xx is a status like any other: redirects are not followed. */
  expectStatus?: readonly number[];
  bodyContains?: string;
  json?: { path: string; equals: JsonScalar };
}

export interface CheckAnswer {
  status: number;
  statusText: string;
  /** The Location header, for redirects. */
  location?: string;
  body: string;
  /** Set when the body was longer than this many bytes and only they were read. */
  truncatedAt?: number;
}

export type Verdict = { ok: true } | { ok: false; summary: string; detail: string };

/** Whether an answer passes the check; a failure says what came and what was expected, in words. */
export function judgeAnswer(expect: CheckExpectations, answer: CheckAnswer): Verdict {
  const answered = `answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  if (!statusExpected(expect.expectStatus, answer.status)) {
    const redirect = answer.status >= 300 && answer.status < 400 && answer.location ? `redirects to ${answer.location} (redirects are not followed); ` : '';
    return { ok: false, summary: `${answered}, expected ${describeExpectedStatus(expect.expectStatus)}`, detail: `${redirect}body: ${snippet(answer.body)}` };
  }
  const readPart = answer.truncatedAt === undefined ? '' : ` (only the first ${describeBytes(answer.truncatedAt)} read)`;
  if (expect.bodyContains !== undefined && !answer.body.includes(expect.bodyContains)) {
    return {
      ok: false,
      summary: `${answered} but the body does not contain ${JSON.stringify(expect.bodyContains)}`,
      detail: `body${readPart}: ${snippet(answer.body)}`,
    };
  }
  if (expect.json) return judgeJson(expect.json, answer, answered, readPart);
  return { ok: true };
}

function judgeJson(expected: { path: string; equals: JsonScalar }, answer: CheckAnswer, answered: string, readPart: string): Verdict {
  const wanted = JSON.stringify(expected.equals);
  let document: unknown;
  try {
    document = JSON.parse(answer.body);
  } catch {
    const why = answer.truncatedAt === undefined ? '' : ` (longer than the ${describeBytes(answer.truncatedAt)} read)`;
    return { ok: false, summary: `${answered} but the body is not JSON${why}`, detail: `expected ${wanted} at ${expected.path}; body${readPart}: ${snippet(answer.body)}` };
  }
  const found = jsonAt(document, expected.path);
  if (!found.found) {
    return { ok: false, summary: `${answered} but its JSON has nothing at ${found.missing}`, detail: `expected ${wanted} at ${expected.path}; body: ${snippet(answer.body)}` };
  }
  if (found.value !== expected.equals) {
    return {
      ok: false,
      summary: `${answered} but its JSON has ${describeJson(found.value)} at ${expected.path}, expected ${wanted}`,
      detail: `body: ${snippet(answer.body)}`,
    };
  }
  return { ok: true };
}

function statusExpected(expected: readonly number[] | undefined, status: number): boolean {
  return expected ? expected.includes(status) : status >= 200 && status < 300;
}

function describeExpectedStatus(expected: readonly number[] | undefined): string {
  if (!expected) return '2xx';
  if (expected.length === 1) return String(expected[0]);
  return `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`;
}

export type JsonLookup = { found: true; value: unknown } | { found: false; missing: string };

/** The value at a dotted path ("checks.0.state": object keys and array indices). */
export function jsonAt(document: unknown, path: string): JsonLookup {
  let value = document;
  const walked: string[] = [];
  for (const key of path.split('.')) {
    walked.push(key);
    if (Array.isArray(value) && /^\d+$/.test(key) && Number(key) < value.length) value = value[Number(key)];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)) value = (value as Record<string, unknown>)[key];
    else return { found: false, missing: walked.join('.') };
  }
  return { found: true, value };
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
