import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, ipcChannel } from '../shared/api';
import type { CommandHandlers } from './bridge/command-handlers';
import type { Engine } from './engine/engine';
import { handleIpcCommand, type IpcSender } from './security/ipc-sender-policy';

/**
 * Wires the shared contract onto Electron IPC: every command goes through `handleIpcCommand`
 * (sender check, then the shared schema in `dispatchCommand`); engine events go to the window.
 * The trusted page is the app's own (DASHBOARD_URL, electron/security/app-protocol.ts).
 */
export function registerIpc(handlers: CommandHandlers, engine: Engine, window: BrowserWindow): () => void {
  const senderOf = (event: IpcMainInvokeEvent): IpcSender => {
    const frame = event.senderFrame;
    return {
      frameUrl: frame?.url ?? null,
      isMainFrame: frame !== null && frame !== undefined && frame.parent === null,
      fromDashboard: !window.isDestroyed() && event.sender.id === window.webContents.id,
    };
  };
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(ipcChannel.command(name), (event, input: unknown) => handleIpcCommand(handlers, name, input, senderOf(event)));
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
