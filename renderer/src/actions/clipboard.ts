/** What copying needs from the Clipboard API (typed here so the pure code checks without the DOM library too). */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

function systemClipboard(): ClipboardWriter | undefined {
  return (globalThis as { navigator?: { clipboard?: ClipboardWriter } }).navigator?.clipboard;
}

/** Copies text to the clipboard; false when the clipboard refused (no permission, no focus, no API). */
export async function copyText(text: string, clipboard: ClipboardWriter | undefined = systemClipboard()): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
