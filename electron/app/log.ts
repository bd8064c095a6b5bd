/** One line per event on stderr, with a timestamp. Never pass secrets here. */
export function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}
