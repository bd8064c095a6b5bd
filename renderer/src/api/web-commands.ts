import { ApiCallError, COMMAND_NAMES, type CommandInput, type CommandName, type CommandOutput, type OnCallApi } from '../../../shared/api';
import { EVENTS_SENT_HEADER, eventsSentInHeader } from '../../../shared/web-bridge-protocol';
import { unwrapApiResult } from './api-result';

/** The slice of `fetch` the bridge needs, so tests can pass a fake without DOM types. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; json(): Promise<unknown> }>;

export type CommandFunctions = Omit<OnCallApi, 'on'>;

export interface WebCommandOptions {
  baseUrl: string;
  token: string | null;
  fetch: FetchLike;
  timeoutMs?: number;
}

/** A command's output with the number of events the bridge had sent when it ran (null if it did not say). */
export interface CountedOutput<N extends CommandName> {
  output: CommandOutput<N>;
  eventsSent: number | null;
}

/** One function per command, each a `POST /api/commands/<name>` with the bearer token. */
export function createWebCommands(options: WebCommandOptions): CommandFunctions {
  const entries = COMMAND_NAMES.map((name) => [name, async (input: CommandInput<CommandName>) => (await postCommand(options, name, input)).output]);
  return Object.fromEntries(entries) as CommandFunctions;
}

export async function postCommand<N extends CommandName>(options: WebCommandOptions, name: N, input: CommandInput<N>): Promise<CountedOutput<N>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(new URL(`/api/commands/${name}`, options.baseUrl).href, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new ApiCallError('failed', `${name}: cannot reach the engine (${errorText(error)})`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    const code = response.status === 401 || response.status === 403 ? 'unauthorized' : 'failed';
    throw new ApiCallError(code, `${name}: the engine answered HTTP ${response.status} without a JSON body`);
  }
  return { output: unwrapApiResult(name, body, `HTTP ${response.status}`), eventsSent: eventsSentInHeader(response.headers.get(EVENTS_SENT_HEADER)) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
