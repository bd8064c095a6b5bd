import type { ProbeResult } from './probe-history';

/**
 * The on-disk format of one check's probe history: a header line naming the format and its
 * version, then one probe per line, `<start ms> <1|0> <latency ms> <status|->`, e.g.
 * `1764177774000 1 123.4 200`: ~27 bytes a probe, so 28 days at one probe every 30 s is ~2 MB.
 */
export const PROBE_FILE_VERSION = 1;
const HEADER_PREFIX = '# oncall-companion probe history v';
const LINE = /^(\d{1,15}) ([01]) (\d{1,9}(?:\.\d)?) (\d{3}|-)$/;

export function probeFileHeader(check: string, endpoint: string): string {
  // The check and endpoint are for a person reading the file; only the version is read back.
  return `${HEADER_PREFIX}${PROBE_FILE_VERSION} check=${JSON.stringify(check)} endpoint=${endpoint}\n`;
}

export function probeLine(result: ProbeResult): string {
  return `${Math.round(result.at)} ${result.ok ? 1 : 0} ${(Math.round(result.latencyMs * 10) / 10).toFixed(1).replace(/\.0$/, '')} ${result.status ?? '-'}\n`;
}

export interface BadLine {
  number: number;
  text: string;
  reason: string;
}

export type ParsedProbeFile =
  /**
   * `torn`: the last line was cut short (a crash while appending), dropped. `unterminated`: the
   * text does not end with a newline (even when its last line reads fine), so an append would
   * join that line: the file must be rewritten before anything is appended.
   */
  | { kind: 'ok'; results: ProbeResult[]; bad: BadLine[]; torn: boolean; unterminated: boolean }
  /** Not a probe history of any version this app reads: to be set aside whole. */
  | { kind: 'unusable'; reason: string };

export function parseProbeFile(text: string): ParsedProbeFile {
  if (text === '') return { kind: 'ok', results: [], bad: [], torn: false, unterminated: false };
  const lines = text.split('\n');
  const header = lines[0]!;
  if (!header.startsWith(HEADER_PREFIX)) {
    return { kind: 'unusable', reason: text.includes('\u0000') ? 'binary data, not a probe history' : 'its first line is not a probe history header' };
  }
  const version = Number(/^\d+/.exec(header.slice(HEADER_PREFIX.length))?.[0]);
  if (!Number.isInteger(version) || version < 1) return { kind: 'unusable', reason: 'its header has no version number' };
  if (version > PROBE_FILE_VERSION) return { kind: 'unusable', reason: `it is version ${version}, written by a newer version of the app (this one reads version ${PROBE_FILE_VERSION})` };

  // After the final newline `split` leaves one empty string; anything else there was cut short.
  const tail = lines.pop() ?? '';
  const results: ProbeResult[] = [];
  const bad: BadLine[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const result = readLine(line);
    if (result) results.push(result);
    else bad.push({ number: index + 1, text: line, reason: line.includes('\u0000') ? 'binary data' : 'not a probe line' });
  }
  let torn = false;
  if (tail !== '' && lines.length > 0) {
    const result = readLine(tail);
    if (result) results.push(result);
    else torn = true;
  }
  return { kind: 'ok', results, bad, torn, unterminated: !text.endsWith('\n') };
}

function readLine(line: string): ProbeResult | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  return { at: Number(match[1]), ok: match[2] === '1', latencyMs: Number(match[3]), status: match[4] === '-' ? null : Number(match[4]) };
}
