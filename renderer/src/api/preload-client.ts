import {
  ApiCallError,
  COMMAND_NAMES,
  type ApiError,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type OnCallApi,
} from '../../../shared/api';
import { checkCommandOutput } from './api-result';
import type { EngineConnection } from './connection';
import { checkEventFrame, reportDroppedFrame } from './event-frame';
import { createEventHub } from './event-hub';
import type { CommandFunctions } from './web-commands';

const ERROR_CODES: ReadonlyArray<ApiError['code']> = ['invalid-input', 'unknown-command', 'failed', 'unauthorized'];

/**
 * The engine through the Electron preload (`window.onCall`). IPC is always there, so the
 * connection is simply up. What crosses is checked exactly as on the web bridge, with the same
 * helpers: command results against the shared output schemas (`checkCommandOutput`, a bad one
 * rejects with `ApiCallError`), events against the event schemas (`checkEventFrame`, a bad one
 * is dropped and reported), and listeners are called through the same hub.
 */
export function wrapPreloadApi(preload: OnCallApi): EngineConnection {
  const hub = createEventHub();
  /** One preload subscription per event name, made when the first listener for it arrives. */
  const subscriptions = new Map<EventName, () => void>();
  let closed = false;

  const subscribe = (event: EventName) => {
    if (closed || subscriptions.has(event)) return;
    const unsubscribe = preload.on(event, (payload: unknown) => {
      const checked = checkEventFrame(event, payload);
      if (checked.ok) hub.emit(checked.frame);
      else reportDroppedFrame(checked.reason);
    });
    subscriptions.set(event, unsubscribe);
  };

  const on: OnCallApi['on'] = (event, listener) => {
    subscribe(event);
    return hub.on(event, listener);
  };

  return {
    api: { ...preloadCommands(preload), on },
    onStatus(listener) {
      listener({ state: 'connected', lastError: null });
      return () => undefined;
    },
    close() {
      closed = true;
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
}

function preloadCommands(preload: OnCallApi): CommandFunctions {
  const entries = COMMAND_NAMES.map((name) => [name, (input: CommandInput<CommandName>) => callPreload(preload, name, input)]);
  return Object.fromEntries(entries) as CommandFunctions;
}

async function callPreload<N extends CommandName>(preload: OnCallApi, name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  let result: unknown;
  try {
    const command = preload[name] as (input: CommandInput<N>) => Promise<unknown>;
    result = await command.call(preload, input);
  } catch (error) {
    throw preloadError(name, error);
  }
  return checkCommandOutput(name, result);
}

/**
 * The preload rethrows an engine error as `Error('<code>: <message>')`, and contextBridge keeps
 * only an error's message: rebuild the `ApiCallError` the web bridge would have produced. Any
 * other failure (no IPC handler, a missing function) becomes 'failed', naming the command.
 */
function preloadError(name: CommandName, error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  const message = errorText(error);
  const match = /^([a-z-]+): ([\s\S]*)$/.exec(message);
  const code = ERROR_CODES.find((known) => known === match?.[1]);
  if (match && code) return new ApiCallError(code, match[2] ?? '');
  return new ApiCallError('failed', `${name}: ${message}`);
}

function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
