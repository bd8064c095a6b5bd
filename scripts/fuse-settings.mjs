// The Electron fuses flipped in packaged builds (never in development or test builds: Playwright's
// Electron launcher needs the inspect arguments). Read by scripts/after-pack.mjs and by
// test/unit/desktop-packaging.test.ts, so the test checks exactly what ships.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Fuse name (as in FuseV1Options) → state in the packaged app. */
export const FUSES = Object.freeze({
  /** ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter. */
  RunAsNode: false,
  /** NODE_OPTIONS could inject code (--require) into the main process. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect would let anyone on the machine attach a debugger to the main process. */
  EnableNodeCliInspectArguments: false,
  /** The app.asar is checked against the hash recorded at build time (macOS and Windows). */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** Only app.asar is loaded, so a folder dropped beside it cannot replace the app. */
  OnlyLoadAppFromAsar: true,
  /** Cookies on disk are encrypted with the OS keychain. */
  EnableCookieEncryption: true,
  /** file:// pages would get rights beyond a browser's; the app serves its page over app:// and loads no file:// page. */
  GrantFileProtocolExtraPrivileges: false,
});

/** The config for @electron/fuses' flipFuses; `resetAdHocDarwinSignature` for macOS arm64, which refuses a binary whose ad-hoc signature broke. */
export function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, state] of Object.entries(FUSES)) config[FuseV1Options[name]] = state;
  return config;
}
