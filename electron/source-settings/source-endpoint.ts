import type { SourceConfig } from '../config/config-schema';
import { resolveToken } from '../secrets/token-reference';
import type { SecretStore } from '../secrets/secret-store';
import { apiUrl } from '../sources/http-json';

/** The one request that shows whether a source's server answers and takes its credentials. */
export interface Endpoint {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Whether credentials go with it (a token or a credential header): a 401/403 then means they were refused. */
  authenticated: boolean;
  /** What answers there, for messages: "Alertmanager", "the status page". */
  what: string;
  /** Tokens read for it: masked in everything the test says. */
  secrets: string[];
}

const SUMMARY_PATH = '/api/v2/summary.json';

/** The endpoint to try for a source; throws when its token cannot be read (the message says where it was looked for). */
export function endpointOf(config: SourceConfig, secrets: SecretStore | undefined): Endpoint | null {
  const tokens: string[] = [];
  const token = (reference: Parameters<typeof resolveToken>[0]) => {
    if (!secrets && 'secret' in reference) throw new Error(`token: cannot read the saved secret "${reference.secret}" here`);
    const value = resolveToken(reference, secrets!);
    tokens.push(value);
    return value;
  };
  const get = (url: URL, what: string, headers: Record<string, string> = {}): Endpoint => ({
    url,
    method: 'GET',
    headers,
    authenticated: 'authorization' in headers,
    what,
    secrets: tokens,
  });
  switch (config.type) {
    case 'demo':
      return null;
    case 'alertmanager':
      return get(apiUrl(config.url, '/api/v2/status'), 'Alertmanager', config.token ? { authorization: `Bearer ${token(config.token)}` } : {});
    case 'prometheus':
      return get(apiUrl(config.url, '/api/v1/status/buildinfo'), 'Prometheus', config.token ? { authorization: `Bearer ${token(config.token)}` } : {});
    case 'statuspage': {
      const base = new URL(config.url);
      const url = config.format === 'feed' || base.pathname.endsWith(SUMMARY_PATH) ? base : apiUrl(config.url, SUMMARY_PATH);
      return get(url, config.format === 'feed' ? 'the status feed' : 'the status page');
    }
    case 'pagerduty':
      return get(apiUrl(config.baseUrl, '/users/me'), 'PagerDuty', { authorization: `Token token=${token(config.token)}`, accept: 'application/vnd.pagerduty+json;version=2' });
    case 'opsgenie':
      return get(apiUrl(config.baseUrl, '/v2/alerts', { limit: '1' }), 'Opsgenie', { authorization: `GenieKey ${token(config.token)}` });
    case 'http': {
      const credentialed = Object.keys(config.headers).some((name) => /auth|token|key|secret|cookie|session/i.test(name));
      return { url: new URL(config.url), method: config.method, headers: config.headers, ...(config.body !== undefined ? { body: config.body } : {}), authenticated: credentialed, what: 'the checked server', secrets: [] };
    }
  }
}

/** A server's own version from its status answer, when it gives one ("Alertmanager 0.27.0"). */
export function versionFrom(config: SourceConfig, body: string): string | null {
  try {
    const json = JSON.parse(body) as { versionInfo?: { version?: unknown }; data?: { version?: unknown } };
    const version = config.type === 'alertmanager' ? json.versionInfo?.version : config.type === 'prometheus' ? json.data?.version : undefined;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}
