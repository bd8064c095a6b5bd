import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

// The layering is enforced by lint; this proves the rule still bites.
describe('architecture lint rules', () => {
  it('lets only the five Electron-facing files import electron', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    for (const file of ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/tray.ts', 'electron/ipc.ts']) {
      expect(await restrictedImports(file, code), file).toEqual([]);
    }
    for (const file of ['electron/engine/engine.ts', 'electron/sources/alertmanager.ts', 'shared/model.ts', 'renderer/src/main.tsx']) {
      expect(await restrictedImports(file, code), file).toHaveLength(1);
    }
    expect(await restrictedImports('electron/engine/x.ts', "import { app } from 'electron/main';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/engine/x.ts', "import Store from 'electron-store';\nexport const x = Store;\n")).toHaveLength(1);
  });

  it('keeps main-process code and Node out of the renderer and out of shared/', async () => {
    expect(await restrictedImports('renderer/src/x.ts', "import { Engine } from '../../electron/engine/engine';\nexport const x = Engine;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { Engine } from '../electron/engine/engine';\nexport const x = Engine;\n")).toHaveLength(1);
  });
});
