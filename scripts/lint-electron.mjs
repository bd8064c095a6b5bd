// Electronegativity over electron/ (the TypeScript sources: it cannot parse the built bundle's
// class private fields). Fails on any finding; a finding that is not a problem is suppressed
// inline with `// eng-disable CHECK_ID: reason`. CSPGlobalCheck is left out because the CSP is
// built in code (electron/security) and asserted by the tests instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const report = path.join(root, 'node_modules/.cache/electronegativity.csv');
mkdirSync(path.dirname(report), { recursive: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', 'electron', '-e', electronVersion, '-r', '-v', 'false', '-x', 'CSPGlobalCheck', '-o', report], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const findings = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
if (findings.length > 0) {
  console.error(`Electronegativity findings (fix them, or suppress inline with // eng-disable CHECK_ID: reason):\n${findings.join('\n')}`);
  process.exit(1);
}
console.log(`Electronegativity: no findings in electron/ (Electron ${electronVersion})`);
