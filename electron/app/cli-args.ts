import { parseArgs } from 'node:util';

export interface CliArgs {
  config?: string;
  port?: number;
  /** Desktop app: start in the tray without showing the window (how a launch at login starts it). */
  hidden?: boolean;
  help: boolean;
}

export const USAGE = `Usage: on-call-companion [--config PATH] [--port N] [--hidden]

  --config PATH  the YAML config file (default: $ONCALL_CONFIG, else config.yaml in the user's config folder)
  --port N       browser mode only: the loopback port to serve on (default: a free port)
  --hidden       desktop app only: start in the tray, window closed (start at login uses it)
  --help         show this text`;

const CONFIG_NEEDS_PATH = '--config needs a file path, e.g. --config ~/oncall.yaml';
const PORT_NEEDS_NUMBER = '--port needs a port number, e.g. --port 4173';

/**
 * Reads our flags and ignores the rest (Electron and Chromium add their own). A flag given twice
 * keeps the last value.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: { config: { type: 'string' }, port: { type: 'string' }, hidden: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  // `--help` wins over anything else on the line, right or wrong.
  if (values.help === true) return { help: true };
  // Non-strict parseArgs takes the next word as the value even when it is another flag
  // (`--config --port 80` would read the file "--port"): only `--config=-x` may start with '-'.
  const flagAsConfig = tokens.some((token) => token.kind === 'option' && token.name === 'config' && !token.inlineValue && token.value?.startsWith('-'));
  if (flagAsConfig) throw new Error(CONFIG_NEEDS_PATH);
  const args: CliArgs = { help: false };
  if (values.config !== undefined) {
    if (typeof values.config !== 'string' || values.config.trim() === '') throw new Error(CONFIG_NEEDS_PATH);
    args.config = values.config;
  }
  if (values.port !== undefined) args.port = parsePort(values.port);
  if (values.hidden !== undefined) {
    if (values.hidden !== true) throw new Error('--hidden takes no value');
    args.hidden = true;
  }
  return args;
}

/** Decimal digits only: `Number()` would also take '', ' 80', '0x50' and '8e1'. */
function parsePort(value: string | boolean): number {
  if (typeof value !== 'string') throw new Error(PORT_NEEDS_NUMBER);
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new Error(`--port expects a port number between 0 and 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}
