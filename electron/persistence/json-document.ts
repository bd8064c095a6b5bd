export type ParsedDocument = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses a whole file's bytes as JSON. The reason of a failure says what kind of damage it is
 * (empty, binary, cut short, not JSON) as a phrase that follows the file's name.
 */
export function parseJsonDocument(bytes: Buffer): ParsedDocument {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { ok: false, reason: bytes.length === 0 ? 'is empty' : 'holds only white space' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // U+FFFD stands in for bytes that are not UTF-8; JSON never holds a raw NUL.
    if (text.includes('\u0000') || text.includes('\uFFFD')) return { ok: false, reason: 'holds binary data, not JSON' };
    const message = error instanceof Error ? error.message : String(error);
    if (endsTooSoon(text, message)) return { ok: false, reason: `is cut short: the JSON ends before it is complete (${message})` };
    return { ok: false, reason: `is not valid JSON (${message})` };
  }
}

/** True when V8's parse error is at the end of the text: the JSON was fine as far as it goes. */
function endsTooSoon(text: string, message: string): boolean {
  if (/end of JSON input|Unterminated string/.test(message)) return true;
  const position = /at position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

/** "an array", "a string", "null": for messages about a document that is not a JSON object. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
