import { existsSync } from 'node:fs';
import type NodeNotifierModule from 'node-notifier';
import { sanitizeNotificationText, type NotificationText } from './notification-text';

/** Shows desktop notifications. Plain Node: node-notifier runs the platform's own tool. */
export interface DesktopNotifier {
  show(text: NotificationText, onClick: () => void): void;
}

export interface NodeNotifierSettings {
  appName?: string;
  /** Shown when the file exists. */
  iconPath?: string;
  /** Windows only: the AppUserModelID the app registered (`app.setAppUserModelId`), so toasts are attributed to it. */
  windowsAppId?: string;
  /** Failures (e.g. notify-send missing) arrive here; `show` never throws. */
  onError?: (message: string) => void;
}

/** Which tool node-notifier picked for this OS when it was loaded. */
export type NotifierBackend = 'notify-send' | 'notification-center' | 'windows-toaster' | 'other';

type NotifierOptions = Record<string, string | boolean>;

const ZERO_WIDTH_SPACE = '\u200B';
/**
 * notify-send's `--expire-time` is in milliseconds and 0 means "never expire" (the
 * Desktop Notifications spec's expire_timeout). node-notifier passes `--expire-time 10000`
 * unless told otherwise, and multiplies a *number* by 1000 (it takes seconds); a string goes
 * through as written, so this stays milliseconds whatever the conversion.
 */
const NEVER_EXPIRE = '0';
const MAX_ERROR_LENGTH = 500;

/**
 * Where a click can be reported (macOS NotificationCenter, Windows toaster) `wait` makes
 * node-notifier keep the tool running and answer 'activate' on a click, and `onClick` runs.
 * On Linux notify-send cannot report clicks, so `onClick` never runs there.
 *
 * node-notifier caches whether `notify-send` is on PATH for the life of the process: install
 * it, then restart the app.
 */
export function createNodeNotifier(settings: NodeNotifierSettings = {}): DesktopNotifier {
  const iconPath = settings.iconPath && existsSync(settings.iconPath) ? settings.iconPath : undefined;
  const report = (error: unknown) => settings.onError?.(errorMessage(error));
  return {
    show(text, onClick) {
      // In the order shown: every notification waits for the same load.
      void loadNodeNotifier().then((nodeNotifier) => notify(nodeNotifier, text, onClick), report);
    },
  };

  function notify(nodeNotifier: NodeNotifier, text: NotificationText, onClick: () => void): void {
    const options = nodeNotifierOptions(backendOf(nodeNotifier), text, { ...settings, iconPath });
    let answered = false; // the Windows toaster may answer twice
    try {
      nodeNotifier.notify(options as NodeNotifierModule.Notification, (error, response) => {
        if (answered) return;
        answered = true;
        try {
          if (error) report(error);
          else if (response === 'activate') onClick();
        } catch (clickError) {
          report(clickError);
        }
      });
    } catch (error) {
      report(error);
    }
  }
}

type NodeNotifier = typeof NodeNotifierModule;
let loadingNodeNotifier: Promise<NodeNotifier> | undefined;

/** node-notifier (and what it loads) took ~30 ms of the engine's start: it loads with the first notification. */
function loadNodeNotifier(): Promise<NodeNotifier> {
  return (loadingNodeNotifier ??= import('node-notifier').then((module) => module.default));
}

export async function nodeNotifierBackend(): Promise<NotifierBackend> {
  return backendOf(await loadNodeNotifier());
}

function backendOf(nodeNotifier: NodeNotifier): NotifierBackend {
  if (nodeNotifier instanceof nodeNotifier.NotifySend) return 'notify-send';
  if (nodeNotifier instanceof nodeNotifier.NotificationCenter) return 'notification-center';
  if (nodeNotifier instanceof nodeNotifier.WindowsToaster) return 'windows-toaster';
  return 'other';
}

/**
 * The options node-notifier gets for one notification. The text is already sanitised (no
 * control characters, so no newlines); node-notifier quotes it for the shell itself.
 */
export function nodeNotifierOptions(
  backend: NotifierBackend,
  text: NotificationText,
  settings: Pick<NodeNotifierSettings, 'appName' | 'iconPath' | 'windowsAppId'>,
): NotifierOptions {
  const message = text.body || ' '; // node-notifier refuses an empty message
  switch (backend) {
    case 'notify-send':
      // Flag names as notify-send spells them: node-notifier drops the ones it does not know.
      return withDefined({
        title: notOption(text.title),
        message: notOption(escapeMarkup(message)),
        urgency: text.urgency,
        'app-name': settings.appName,
        icon: settings.iconPath,
        'expire-time': text.urgency === 'critical' ? NEVER_EXPIRE : undefined,
      });
    case 'notification-center':
      return withDefined({ title: text.title, message, icon: settings.iconPath, wait: true });
    case 'windows-toaster':
      return withDefined({
        title: text.title,
        message,
        icon: settings.iconPath,
        appID: settings.windowsAppId,
        wait: true,
      });
    case 'other':
      return withDefined({ title: text.title, message, icon: settings.iconPath });
  }
}

/**
 * notify-send parses options anywhere on its command line, and node-notifier cannot put `--`
 * before the text: a body like `-5% traffic` fails with "Unknown option", and `--urgency=low`
 * would change the notification. An invisible zero-width space in front keeps it text.
 */
function notOption(text: string): string {
  return text.startsWith('-') ? ZERO_WIDTH_SPACE + text : text;
}

/** Most notification servers read the body as Pango markup: show `<b>` as text, not as bold or links. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function withDefined(options: Record<string, string | boolean | undefined>): NotifierOptions {
  return Object.fromEntries(
    Object.entries(options).filter((entry): entry is [string, string | boolean] => entry[1] !== undefined),
  );
}

/** Error messages name the command line, which holds untrusted text: keep them to one safe line. */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return sanitizeNotificationText(message, MAX_ERROR_LENGTH) || 'unknown error';
}
