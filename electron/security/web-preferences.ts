/**
 * The dashboard window's `webPreferences`, every item of Electron's security checklist spelled out
 * (even where it is already Electron's default, so a change of default or a careless edit shows
 * up in review and in test/unit/security-policies.test.ts). Plain data, no Electron import.
 * DevTools only in development: a packaged app gives nobody at the keyboard a console into the page.
 */
export function secureWebPreferences(preloadPath: string, options: { packaged: boolean }) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // enableBlinkFeatures is deliberately absent: no Blink feature beyond the defaults.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    disableDialogs: false,
    devTools: !options.packaged,
  } as const;
}
