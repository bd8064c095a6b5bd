import {
  ApiCallError,
  COMMAND_NAMES,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type OnCallApi,
  type PreloadApi,
} from '../../../shared/api';
import { unwrapApiResult } from './api-result';
import type { EngineConnection } from './connection';
import { checkEventFrame, reportDroppedFrame } from './event-frame';
import { createEventHub } from './event-hub';
import type { CommandFunctions } from './web-commands';

/**
 * The engine through the Electron preload (`window.onCall`). IPC is always there, so the
 * connection is simply up. What crosses is checked exactly as on the web bridge, with the same
 * helpers: answers through `unwrapApiResult` (a bad one rejects with `ApiCallError`), events
 * against the event schemas (`checkEventFrame`, a bad one is dropped and reported), and
 * listeners are called through the same hub.
 */
export function wrapPreloadApi(preload: PreloadApi): EngineConnection {
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

function preloadCommands(preload: PreloadApi): CommandFunctions {
  const entries = COMMAND_NAMES.map((name) => [name, (input: CommandInput<CommandName>) => callPreload(preload, name, input)]);
  return Object.fromEntries(entries) as CommandFunctions;
}

async function callPreload<N extends CommandName>(preload: PreloadApi, name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  let answer: unknown;
  try {
    const command = preload[name] as (input: CommandInput<N>) => Promise<unknown>;
    answer = await command.call(preload, input);
  } catch (error) {
    // The preload never throws on purpose: this is IPC itself failing (no handler, a closed window).
    throw new ApiCallError('failed', `${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return unwrapApiResult(name, answer, 'IPC');
}
