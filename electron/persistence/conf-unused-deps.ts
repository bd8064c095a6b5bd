/**
 * Stands in for ajv, ajv-formats and semver in browser mode's bundle (vite.web.config.ts). conf
 * imports them for JSON Schema validation and for its own migrations, neither of which the app
 * uses: settings.json is checked and migrated with zod before conf opens it, and
 * settings-store.ts gives conf no schema and no migrations. Evaluating them took 40–70 ms of every
 * start and a few MB of heap. Should conf ever reach them, the error says why they are missing.
 */
function leftOut(name: string): () => never {
  return () => {
    throw new Error(`${name} is left out of this build (conf only needs it for a schema or migrations, which the app does not give it)`);
  };
}

/** ajv/dist/2020.js */
export class Ajv2020 {
  constructor() {
    leftOut('ajv')();
  }
}

/** ajv-formats' default export (a function), and semver's (an object of functions): conf's only uses of either. */
const stub = Object.assign(leftOut('ajv-formats'), {
  eq: leftOut('semver'),
  clean: leftOut('semver'),
  satisfies: leftOut('semver'),
  lte: leftOut('semver'),
  gt: leftOut('semver'),
});
export default stub;
