import { SourceConfigSchema, type SourceConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { createSource } from '../sources/create-source';
import { redactorFor } from '../sources/http-check/check-redaction';
import { judgeAnswer } from '../sources/http-check/check-verdict';
import { probe, type ProbeOutcome } from '../sources/http-check/http-probe';
import { snippet } from '../sources/http-json';
import type { ConnectionStep, ConnectionTest } from '../../shared/settings';
import { describeIssue } from './config-problems';
import { connectStep, dnsStep, targetOf, tlsStep } from './network-steps';
import { endpointOf, versionFrom, type Endpoint } from './source-endpoint';

export interface ConnectionTestOptions {
  secrets?: SecretStore;
  /** Trusted CA certificates instead of the system's, for the TLS step and the request (tests only). */
  ca?: string | Buffer;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Room above the source's own timeout for the lookup and the handshakes. */
const SLACK_MS = 2_000;

/**
 * Tries a source's settings once, without saving, stage by stage: config, DNS, TCP, TLS, HTTP,
 * credentials, and whether the answer is what that source expects (the real source's poll, or
 * the check's own verdict). Stops at the first failure. Bounded by the source's timeout; no
 * detail ever holds a token or a credential header's value.
 */
export async function testConnection(fields: Record<string, unknown>, options: ConnectionTestOptions = {}): Promise<ConnectionTest> {
  const parsed = SourceConfigSchema.safeParse(fields);
  if (!parsed.success) return finish([{ step: 'config', ok: false, detail: parsed.error.issues.map(describeIssue).join('; ') }]);
  const config = parsed.data;
  let endpoint: Endpoint | null;
  try {
    endpoint = endpointOf(config, options.secrets);
  } catch (error) {
    return finish([{ step: 'config', ok: false, detail: (error as Error).message }]);
  }
  const steps: ConnectionStep[] = [{ step: 'config', ok: true, detail: `the settings of ${config.type} source "${config.name}" are valid` }];
  const signal = AbortSignal.timeout(config.timeout + SLACK_MS);
  if (endpoint) {
    const redact = redactorOf(endpoint);
    const reached = await reach(endpoint, config, signal, options, steps);
    if (!reached) return finish(steps, redact);
    if (!answerSteps(endpoint, config, reached, steps)) return finish(steps, redact);
    steps.push(config.type === 'http' ? verdictStep(config, reached) : await pollStep(config, options, signal, reached));
    return finish(steps, redact);
  }
  steps.push(await pollStep(config, options, signal, null));
  return finish(steps);
}

type Answer = Extract<ProbeOutcome, { kind: 'answer' }>;

/** DNS, TCP, TLS, then the request itself; the answer, or undefined after recording what failed. */
async function reach(endpoint: Endpoint, config: SourceConfig, signal: AbortSignal, options: ConnectionTestOptions, steps: ConnectionStep[]): Promise<Answer | undefined> {
  const target = targetOf(endpoint.url, options.ca);
  const dns = await dnsStep(target, signal);
  steps.push(stripAddress(dns));
  if (!dns.ok || !dns.address) return undefined;
  const connected = await connectStep(target, dns.address, signal);
  steps.push({ step: 'connect', ok: connected.ok, detail: connected.detail });
  if (!connected.socket) return undefined;
  if (target.secure) {
    const tls = await tlsStep(target, connected.socket, signal);
    steps.push(tls);
    if (!tls.ok) return undefined;
  } else {
    connected.socket.destroy();
  }
  const outcome = await probe(
    { url: endpoint.url, method: endpoint.method, headers: endpoint.headers, ...(endpoint.body !== undefined ? { body: endpoint.body } : {}), ...(options.ca ? { ca: options.ca } : {}), connectTimeoutMs: config.timeout, maxBodyBytes: MAX_BODY_BYTES },
    signal,
  );
  if (outcome.kind === 'answer') return outcome;
  const seconds = ((config.timeout + SLACK_MS) / 1000).toFixed(0);
  steps.push({ step: 'http', ok: false, detail: outcome.kind === 'failure' ? outcome.reason : `no answer from ${endpoint.url.host} within ${seconds} s` });
  return undefined;
}

/** The status and what it says about the credentials; false when the test ends here. */
function answerSteps(endpoint: Endpoint, config: SourceConfig, answer: Answer, steps: ConnectionStep[]): boolean {
  const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const refused = answer.status === 401 || answer.status === 403;
  const expectedByCheck = config.type === 'http' && config.expectStatus?.includes(answer.status);
  if (refused && !expectedByCheck) {
    steps.push({ step: 'http', ok: true, detail: `${endpoint.what} answered ${status}` });
    const why = endpoint.authenticated ? 'token rejected' : 'this server wants credentials (add a token)';
    steps.push({ step: 'auth', ok: false, detail: `HTTP ${answer.status}: ${why}` });
    return false;
  }
  // An http check judges its own statuses; for an API, anything but 2xx is the wrong place or a broken server.
  if (config.type !== 'http' && (answer.status < 200 || answer.status >= 300)) {
    const redirect = answer.location ? `; redirects to ${answer.location} (use the final URL)` : '';
    steps.push({ step: 'http', ok: false, detail: `${status} from ${answer.status === 404 ? `${endpoint.url.pathname} (is this ${endpoint.what}?)` : endpoint.url.pathname}${redirect}: ${snippet(answer.body)}` });
    return false;
  }
  const version = versionFrom(config, answer.body);
  steps.push({ step: 'http', ok: true, detail: `${endpoint.what}${version ? ` ${version}` : ''} answered ${status} in ${Math.round(answer.latencyMs)} ms` });
  if (endpoint.authenticated) steps.push({ step: 'auth', ok: true, detail: 'credentials accepted' });
  return true;
}

function verdictStep(config: Extract<SourceConfig, { type: 'http' }>, answer: Answer): ConnectionStep {
  const verdict = judgeAnswer(config, answer);
  return verdict.ok ? { step: 'shape', ok: true, detail: 'the check passes: status and body as expected' } : { step: 'shape', ok: false, detail: `the check fails: ${verdict.summary} (${verdict.detail})` };
}

/** One poll of the real source: its answer has the shape that source reads. */
async function pollStep(config: SourceConfig, options: ConnectionTestOptions, signal: AbortSignal, answer: Answer | null): Promise<ConnectionStep> {
  try {
    const source = createSource(config, options.secrets ? { secrets: options.secrets } : {});
    const result = await source.fetchAlerts(signal);
    const version = answer ? versionFrom(config, answer.body) : null;
    const warnings = result.warnings.length > 0 ? `; warnings: ${result.warnings.join('; ')}` : '';
    const count = `${result.alerts.length} alert${result.alerts.length === 1 ? '' : 's'}`;
    return { step: 'shape', ok: true, detail: `${version ? `version ${version}, ` : ''}answered with ${count}${warnings}` };
  } catch (error) {
    return { step: 'shape', ok: false, detail: `unexpected answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Masks the tokens, the URL's password and, for http checks, every credential header value and its parts. */
function redactorOf(endpoint: Endpoint): (text: string) => string {
  // An API request's headers carry only the tokens (masked whole); an http check's are the user's own, masked like the check masks them.
  const byHeaders = redactorFor(endpoint.url, endpoint.secrets.length > 0 ? {} : endpoint.headers).redact;
  const tokens = [...endpoint.secrets].filter((token) => token.length > 0).sort((a, b) => b.length - a.length);
  return (text) => byHeaders(tokens.reduce((result, token) => result.split(token).join('***'), text));
}

function stripAddress(step: ConnectionStep & { address?: string }): ConnectionStep {
  return { step: step.step, ok: step.ok, detail: step.detail };
}

function finish(steps: ConnectionStep[], redact: (text: string) => string = (text) => text): ConnectionTest {
  const safe = steps.map((step) => ({ ...step, detail: redact(step.detail) }));
  const failed = safe.find((step) => !step.ok);
  const last = safe.at(-1);
  return { ok: !failed, steps: safe, summary: failed ? `Failed at ${failed.step}: ${failed.detail}` : `Connected: ${last?.detail ?? 'ok'}` };
}
