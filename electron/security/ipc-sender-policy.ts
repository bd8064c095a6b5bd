import type { ApiResult } from '../../shared/api';
import { dispatchCommand, type CommandHandlers } from '../bridge/command-handlers';
import { isDashboardUrl } from './navigation-policy';

/** What main knows about the frame behind one IPC message (from Electron's `event.senderFrame`). */
export interface IpcSender {
  /** The frame's URL; null when the frame is gone (navigated or destroyed) before main looked. */
  frameUrl: string | null;
  /** True when the frame has no parent (it is a top-level frame, not an iframe). */
  isMainFrame: boolean;
  /** True when the message came from the dashboard window's own web contents (not DevTools, not another window). */
  fromDashboard: boolean;
}

/** Only the dashboard window's main frame showing the app's own page may call the engine. */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.fromDashboard && sender.isMainFrame && sender.frameUrl !== null && isDashboardUrl(sender.frameUrl);
}

/**
 * The one path of every IPC command: the sender is checked, then `dispatchCommand` validates the
 * input with the shared zod schema and runs it. Failures come back as `{ ok: false, error }`
 * envelopes with their message, never as a rejected invoke (whose message Electron would mangle).
 */
export async function handleIpcCommand(handlers: CommandHandlers, name: string, input: unknown, sender: IpcSender): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(sender)) {
    return { ok: false, error: { code: 'unauthorized', message: `${name}: IPC from an untrusted frame (${describeFrame(sender)})` } };
  }
  return dispatchCommand(handlers, name, input);
}

function describeFrame(sender: IpcSender): string {
  if (!sender.fromDashboard) return 'not the dashboard window';
  if (!sender.isMainFrame) return 'a subframe';
  if (sender.frameUrl === null) return 'a frame that is gone';
  return 'not the app page';
}
