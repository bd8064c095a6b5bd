import type { AppServices } from '../app-services';
import { safeExternalUrl } from '../../../shared/external-url';
import { runCommand } from './run-command';

/** Asks the engine to open an http(s) link in the system browser; the web bridge declines, so the tab opens it. */
export async function openExternalLink({ api, ui }: AppServices, value: string): Promise<void> {
  const url = safeExternalUrl(value)?.href;
  if (!url) return;
  const answer = await runCommand(ui, 'open the link', () => api.openExternal({ url }));
  if (answer && !answer.opened) window.open(url, '_blank', 'noopener,noreferrer');
}
