import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, ipcChannel } from '../shared/api';
import { dispatchCommand, type CommandHandlers } from './bridge/command-handlers';
import type { Engine } from './engine/engine';

/**
 * Wires the shared contract onto Electron IPC: every command checks its sender (our own page,
 * main frame) and validates its input in `dispatchCommand`; engine events go to the window.
 */
export function registerIpc(handlers: CommandHandlers, engine: Engine, window: BrowserWindow, rendererUrl: string): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isSamePage(frame.url, rendererUrl);
  };
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(ipcChannel.command(name), (event, input: unknown) =>
      trusted(event)
        ? dispatchCommand(handlers, name, input)
        : { ok: false, error: { code: 'unauthorized', message: 'IPC from an untrusted frame' } },
    );
  }
  const forwarders = EVENT_NAMES.map((event) => {
    const forward = (payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(ipcChannel.event, { event, payload });
    };
    engine.on(event, forward as never);
    return { event, forward };
  });
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(ipcChannel.command(name));
    for (const { event, forward } of forwarders) engine.off(event, forward as never);
  };
}

function isSamePage(url: string, rendererUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(rendererUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
