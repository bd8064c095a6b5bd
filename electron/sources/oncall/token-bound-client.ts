import type { SecretStore } from '../../secrets/secret-store';
import { describeTokenReference, resolveToken, type TokenReference } from '../../secrets/token-reference';
import { SourceError } from '../http-json';

/**
 * An API client bound to the token a reference names right now. The reference is resolved at
 * every poll, so a token changed in the secret store, the environment or the file is used at
 * once; the client is rebuilt only when the token differs. Failures name where the token was
 * looked for, never the token.
 */
export class TokenBoundClient<C> {
  #token: string | undefined;
  #client: C | undefined;

  constructor(
    private readonly service: string,
    private readonly reference: TokenReference,
    private readonly secrets: SecretStore | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly build: (token: string) => C,
  ) {}

  /** The client for the current token; `fresh` when it was just built (first poll, or the token changed). */
  current(): { client: C; fresh: boolean } {
    const token = this.resolve();
    if (this.#client !== undefined && token === this.#token) return { client: this.#client, fresh: false };
    this.#token = token;
    this.#client = this.build(token);
    return { client: this.#client, fresh: true };
  }

  private resolve(): string {
    if ('secret' in this.reference && !this.secrets) {
      throw new SourceError(`${this.service} token: cannot read ${describeTokenReference(this.reference)}, this app was started without a secret store`, 'api', true);
    }
    try {
      // Only the `secret` reference reads the store; the others never touch it.
      return resolveToken(this.reference, this.secrets ?? NO_SECRETS, this.env);
    } catch (error) {
      throw new SourceError(`${this.service} token: ${error instanceof Error ? error.message : String(error)}`, 'api', true);
    }
  }
}

const NO_SECRETS = { get: () => undefined } as unknown as SecretStore;
