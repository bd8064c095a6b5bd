import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import afterPack, { packedElectronPath } from '../../scripts/after-pack.mjs';
import { FUSES } from '../../scripts/fuse-settings.mjs';
import { useTempFolder } from '../helpers/temp-folder';

const root = path.resolve(import.meta.dirname, '../..');
const readConfig = async () => parse(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Configuration & Record<string, unknown>;
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));
const targetsOf = (targets: unknown) => (targets as Array<string | { target: string; arch?: string[] }>).map((t) => (typeof t === 'string' ? { target: t } : t));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validate(await readConfig())).resolves.toBeUndefined();
  });

  it('would catch a mistake (the validation is not a no-op)', async () => {
    const config = await readConfig();
    await expect(validate({ ...config, linux: { ...config.linux, targetz: ['AppImage'] } } as Configuration)).rejects.toThrow(/configuration\.linux/);
    await expect(validate({ ...config, asarUnpak: ['node_modules/node-notifier/vendor/**'] } as Configuration)).rejects.toThrow(/asarUnpak/);
  });

  it('builds AppImage and deb, a universal dmg and an NSIS installer, with the generated icons', async () => {
    const config = await readConfig();
    expect(config.appId).toBe('dev.oncall-companion.app');
    expect(config.productName).toBe('On-Call Companion');
    expect(targetsOf(config.linux?.target)).toEqual([{ target: 'AppImage' }, { target: 'deb' }]);
    expect(targetsOf(config.mac?.target)).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(targetsOf(config.win?.target)).toEqual([{ target: 'nsis' }]);
    expect([config.linux?.icon, config.mac?.icon, config.win?.icon]).toEqual(['build/icons/png', 'build/icons/icon.icns', 'build/icons/icon.ico']);
  });

  it("keeps node-notifier's helpers out of the asar, registers oncall:// and flips the fuses after packing", async () => {
    const config = await readConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/node-notifier/vendor/**']);
    expect(config.protocols).toEqual([{ name: expect.any(String), schemes: ['oncall'] }]);
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
  });

  it('packs the three builds the app loads and package.json, nothing else from out/ (no browser-mode bundle, no scratch)', async () => {
    const config = await readConfig();
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map']);
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toMatch(/^out\/main\//);
    // What main.ts loads next to itself: the preload and the renderer, both inside the packed folders.
    const main = await readFile(path.join(root, 'electron/main.ts'), 'utf8');
    expect(main).toContain("'../preload/preload.cjs'");
    expect(main).toContain("'../renderer/index.html'");
  });

  it('ships every resource the app reads from the resources folder, and only those', async () => {
    const config = await readConfig();
    const shipped = (config.extraResources as Array<{ from: string; to: string }>).map(({ from, to }) => {
      expect(from).toBe(`resources/${to}`);
      return to;
    });
    // Every `path.join(resourcesDir, '<name>'…)` in the code that reads the resources folder.
    const readers = ['electron/main.ts', 'electron/tray.ts', 'electron/app/start-engine.ts'];
    const read = new Set<string>();
    for (const file of readers) {
      const text = await readFile(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/path\.join\((?:options\.)?resourcesDir, '([^']+)'/g)) read.add(match[1]!);
    }
    expect([...read].sort()).toEqual(['demo', 'icon.png', 'templates', 'tray']);
    expect([...shipped].sort()).toEqual([...read].sort());
    for (const name of shipped) expect(existsSync(path.join(root, 'resources', name)), name).toBe(true);
  });
});

describe('fuses', () => {
  const temp = useTempFolder('oncall-fuses-');

  it('are the seven the security checklist asks for', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('are flipped by the afterPack hook in the packed binary, other fuses left as they were', async () => {
    // A stand-in for the Electron binary: filler, then the fuse sentinel, wire version 1, 9 fuses in Electron's default state.
    const defaults = '101100011';
    const wire = Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.alloc(64, 7)]);
    const context = { appOutDir: temp.dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'On-Call Companion' }, executableName: 'on-call-companion' } };
    const binary = packedElectronPath(context);
    expect(binary).toBe(path.join(temp.dir, 'on-call-companion'));
    await writeFile(binary, wire);

    await afterPack(context);

    const fuses = await getCurrentFuseWire(binary);
    for (const [name, enabled] of Object.entries(FUSES)) {
      expect(fuses[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(enabled ? FuseState.ENABLE : FuseState.DISABLE);
    }
    expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
  });

  it('finds the binary on macOS and Windows too', () => {
    const packager = { appInfo: { productFilename: 'On-Call Companion' }, executableName: 'on-call-companion' };
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(path.join('/o', 'On-Call Companion.app'));
    expect(packedElectronPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(path.join('/o', 'On-Call Companion.exe'));
  });
});
