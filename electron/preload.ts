import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadApi } from '../shared/api';
import { COMMAND_NAMES, EVENT_NAMES, ipcChannel, type EventName } from '../shared/api-names';

/**
 * Exposes one intention-named function per command of the shared contract, answering with the
 * command's ApiResult envelope, and `on` for its events. Never ipcRenderer itself, never event
 * objects. Main validates every input; the renderer checks every answer.
 */
const api: Record<string, unknown> = {};
for (const name of COMMAND_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(ipcChannel.command(name), input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const handler = (_: unknown, frame: { event: EventName; payload: unknown }) => {
    if (frame.event === event) listener(frame.payload);
  };
  ipcRenderer.on(ipcChannel.event, handler);
  return () => void ipcRenderer.removeListener(ipcChannel.event, handler);
};

contextBridge.exposeInMainWorld('onCall', api as PreloadApi);
