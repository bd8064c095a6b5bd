import type { SecretStore } from '../secrets/secret-store';
import { describeTokenReference, resolveToken, type TokenReference } from '../secrets/token-reference';
import { SourceError } from './http-json';

/** Headers for one request, worked out when the request is made. */
export type RequestHeaders = () => Record<string, string>;

/**
 * `Authorization: Bearer <token>` for a server behind authentication (Grafana's
 * Alertmanager-compatible API takes a service-account token). The reference is resolved for every
 * request, so a rotated token is used at once; a failure names where the token was looked for,
 * never the token. Undefined when the source has no `token`.
 */
export function bearerHeaders(server: string, reference: TokenReference | undefined, secrets?: SecretStore, env: NodeJS.ProcessEnv = process.env): RequestHeaders | undefined {
  if (!reference) return undefined;
  return () => {
    if ('secret' in reference && !secrets) {
      throw new SourceError(`${server} token: cannot read ${describeTokenReference(reference)}, this app was started without a secret store`, 'api', true);
    }
    try {
      return { authorization: `Bearer ${resolveToken(reference, secrets ?? NO_SECRETS, env)}` };
    } catch (error) {
      throw new SourceError(`${server} token: ${error instanceof Error ? error.message : String(error)}`, 'api', true);
    }
  };
}

const NO_SECRETS = { get: () => undefined } as unknown as SecretStore;
