import type { Shift } from '../../../shared/shift';
import type { AppServices } from '../app-services';
import { copyText, type ClipboardWriter } from './clipboard';
import { runCommand } from './run-command';

/** "My shift" from the engine: on call or not, the period, its alerts and incidents. */
export function fetchShift({ api, ui }: Pick<AppServices, 'api' | 'ui'>): Promise<Shift | undefined> {
  return runCommand(ui, 'load your shift', () => api.getShift({}));
}

/** The hand-off report as Markdown, or undefined when the engine refused (said in the error banner). */
export function fetchShiftReport({ api, ui }: Pick<AppServices, 'api' | 'ui'>): Promise<string | undefined> {
  return runCommand(ui, 'write the hand-off report', async () => (await api.exportShiftReport({})).markdown);
}

/** Copies the report; 'failed' when the clipboard refused, with the text returned so it can be shown to copy by hand. */
export async function copyShiftReport(
  services: Pick<AppServices, 'api' | 'ui'>,
  clipboard?: ClipboardWriter,
): Promise<{ outcome: 'copied' | 'failed' | 'refused'; markdown: string | undefined }> {
  const markdown = await fetchShiftReport(services);
  if (markdown === undefined) return { outcome: 'refused', markdown };
  const copied = clipboard ? await copyText(markdown, clipboard) : await copyText(markdown);
  return { outcome: copied ? 'copied' : 'failed', markdown };
}

/** "shift-handoff-2026-11-26-0700.md", in local time: the file name a download gets. */
export function shiftReportFileName(to: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `shift-handoff-${to.getFullYear()}-${pad(to.getMonth() + 1)}-${pad(to.getDate())}-${pad(to.getHours())}${pad(to.getMinutes())}.md`;
}
