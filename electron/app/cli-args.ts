import { parseArgs } from 'node:util';

export interface CliArgs {
  config?: string;
  port?: number;
  help: boolean;
}

export const USAGE = `Usage: on-call-companion [--config PATH] [--port N]

  --config PATH  the YAML config file (default: $ONCALL_CONFIG, else config.yaml in the user's config folder)
  --port N       browser mode only: the loopback port to serve on (default: a free port)
  --help         show this text`;

/** Reads our flags and ignores the rest (Electron and Chromium add their own). */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: { config: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
  });
  const args: CliArgs = { help: values.help === true };
  if (typeof values.config === 'string') args.config = values.config;
  if (values.config === true) throw new Error('--config needs a file path, e.g. --config ~/oncall.yaml');
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (typeof values.port !== 'string' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port expects a port number between 0 and 65535, got ${JSON.stringify(values.port)}`);
    }
    args.port = port;
  }
  return args;
}
