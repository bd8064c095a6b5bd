import type { EventName, EventPayload, OnCallApi } from '../../../shared/api';
import type { EventFrame } from './event-frame';

type AnyListener = (payload: unknown) => void;

/** Listeners per event name; one throwing listener must not starve the others. */
export function createEventHub(): { on: OnCallApi['on']; emit(frame: EventFrame): void } {
  const listeners = new Map<EventName, Set<AnyListener>>();
  return {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      const entry = listener as AnyListener;
      set.add(entry);
      return () => set.delete(entry);
    },
    emit(frame) {
      for (const listener of [...(listeners.get(frame.event) ?? [])]) {
        try {
          listener(frame.payload);
        } catch (error) {
          console.error(`listener for ${frame.event} failed`, error);
        }
      }
    },
  };
}
