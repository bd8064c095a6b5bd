// electron-builder's afterPack hook: flips the Electron fuses (scripts/fuse-settings.mjs) in the
// packaged binary, before signing and before the installers are made.
import { flipFuses } from '@electron/fuses';
import path from 'node:path';
import { fuseConfig } from './fuse-settings.mjs';

/** Where the Electron binary of a packed app is, per platform. */
export function packedElectronPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = packedElectronPath(context);
  // electron-builder's Arch enum: 3 is arm64, 4 universal (which holds an arm64 slice).
  const isMacArm = context.electronPlatformName === 'darwin' && (context.arch === 3 || context.arch === 4);
  await flipFuses(binary, fuseConfig({ resetAdHocDarwinSignature: isMacArm }));
  console.log(`  • fuses flipped  file=${binary}`);
}
