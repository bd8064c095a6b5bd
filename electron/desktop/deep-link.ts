/**
 * Deep links `oncall://alert/<fingerprint>` and `oncall://runbook/<id>`. A link can come from any
 * web page or chat message, so it is parsed strictly by hand (no URL normalisation that could turn
 * `..` into something else) and anything unexpected is refused with a reason for the log.
 */
export const DEEP_LINK_SCHEME = 'oncall';
export const MAX_DEEP_LINK_LENGTH = 2048;
/** Alertmanager fingerprints are 16 hex digits; PagerDuty and Opsgenie ones are `pagerduty:<id>`, `opsgenie:<id>`. */
const FINGERPRINT = /^[A-Za-z0-9._:-]{1,200}$/;
/** A runbook id is a relative path with forward slashes, optionally `#<n>` when two files share a name. */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const RUNBOOK_SEGMENT = /^[^\u0000-\u001f\u007f\\]{1,255}$/u;
const MAX_RUNBOOK_SEGMENTS = 32;

export type DeepLink = { kind: 'alert'; fingerprint: string } | { kind: 'runbook'; id: string };
export type ParsedDeepLink = { ok: true; link: DeepLink } | { ok: false; reason: string };

export function parseDeepLink(raw: unknown): ParsedDeepLink {
  if (typeof raw !== 'string') return refuse('is not text');
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(`is longer than ${MAX_DEEP_LINK_LENGTH} characters`);
  const prefix = `${DEEP_LINK_SCHEME}://`;
  if (raw.slice(0, prefix.length).toLowerCase() !== prefix) return refuse(`does not start with ${prefix}`);
  // Query and fragment mean nothing to the app (a chat tool may add tracking parameters): dropped.
  const rest = raw.slice(prefix.length).split(/[?#]/, 1)[0]!;
  const slash = rest.indexOf('/');
  const kind = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  const segments = slash < 0 ? [] : rest.slice(slash + 1).replace(/\/$/, '').split('/');
  const decoded = decodeSegments(segments);
  if (typeof decoded === 'string') return refuse(decoded);
  if (kind === 'alert') {
    if (decoded.length !== 1) return refuse('needs exactly one fingerprint after alert/');
    if (!FINGERPRINT.test(decoded[0]!)) return refuse('has a fingerprint with characters other than letters, digits and . _ : -');
    return { ok: true, link: { kind: 'alert', fingerprint: decoded[0]! } };
  }
  if (kind === 'runbook') {
    // An id may come as one encoded segment (`db%2Fdisk.md`) or as plain path parts (`db/disk.md`).
    const parts = decoded.join('/').split('/');
    if (parts.length > MAX_RUNBOOK_SEGMENTS) return refuse(`has a runbook id of more than ${MAX_RUNBOOK_SEGMENTS} parts`);
    const bad = parts.find((part) => part === '.' || part === '..' || !RUNBOOK_SEGMENT.test(part));
    if (bad !== undefined) return refuse(`has a runbook id with an empty, "." or ".." part, a backslash or a control character`);
    return { ok: true, link: { kind: 'runbook', id: parts.join('/') } };
  }
  return refuse('is neither oncall://alert/<fingerprint> nor oncall://runbook/<id>');
}

/** The first argument that is an `oncall:` link (Windows and Linux pass the link on the command line), or undefined. */
export function findDeepLinkArgument(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`);
}

export interface DeepLinkTarget {
  focusAlert(fingerprint: string): void;
  focusRunbook(id: string): void;
  showWindow(): void;
}

/** Opens what a link points at and brings the window up; a refused link is logged (never thrown) and the window still shows. */
export function followDeepLink(raw: string, target: DeepLinkTarget, log: (message: string) => void): boolean {
  const parsed = parseDeepLink(raw);
  target.showWindow();
  if (!parsed.ok) {
    log(`deep link ignored: ${parsed.reason}`);
    return false;
  }
  if (parsed.link.kind === 'alert') target.focusAlert(parsed.link.fingerprint);
  else target.focusRunbook(parsed.link.id);
  return true;
}

function decodeSegments(segments: string[]): string[] | string {
  const decoded: string[] = [];
  for (const segment of segments) {
    if (segment === '') return 'has an empty path part';
    try {
      decoded.push(decodeURIComponent(segment));
    } catch {
      return 'has a malformed percent-encoding';
    }
  }
  return decoded;
}

function refuse(reason: string): ParsedDeepLink {
  return { ok: false, reason: `the link ${reason}` };
}
