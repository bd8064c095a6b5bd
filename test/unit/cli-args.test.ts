import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE, type CliArgs } from '../../electron/app/cli-args';

describe('parseCliArgs', () => {
  it.each<[string, string[], CliArgs]>([
    ['nothing', [], { help: false }],
    ['--config PATH', ['--config', '/etc/oncall.yaml'], { help: false, config: '/etc/oncall.yaml' }],
    ['--config=PATH', ['--config=~/oncall.yaml'], { help: false, config: '~/oncall.yaml' }],
    ['--config=PATH with "=" in the path', ['--config=a=b.yaml'], { help: false, config: 'a=b.yaml' }],
    ['--config=PATH starting with a dash', ['--config=-odd.yaml'], { help: false, config: '-odd.yaml' }],
    ['a relative path is kept as given', ['--config', 'oncall.yaml'], { help: false, config: 'oncall.yaml' }],
    ['--port N', ['--port', '4173'], { help: false, port: 4173 }],
    ['--port=N', ['--port=4173'], { help: false, port: 4173 }],
    ['--port 0 (any free port)', ['--port', '0'], { help: false, port: 0 }],
    ['--port 65535', ['--port', '65535'], { help: false, port: 65535 }],
    ['both, in any order', ['--port', '80', '--config', 'c.yaml'], { help: false, config: 'c.yaml', port: 80 }],
    ['the last of a repeated flag', ['--config', 'a.yaml', '--config', 'b.yaml'], { help: false, config: 'b.yaml' }],
    ['--hidden (a launch at login)', ['--hidden'], { help: false, hidden: true }],
    ['--hidden with the others, after the app path', ['.', '--config', 'c.yaml', '--hidden'], { help: false, config: 'c.yaml', hidden: true }],
    ['--help', ['--help'], { help: true }],
    ['--help wins over anything else', ['--port', 'x', '--help', '--config'], { help: true }],
    ['--help=false is not --help', ['--help=false'], { help: false }],
  ])('%s', (_, argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['Electron and Chromium switches', ['--no-sandbox', '--enable-logging', '--inspect=9229', '--enable-features=A,B', '--config', 'c.yaml']],
    ['a switch with a separate value', ['--user-data-dir', '/tmp/profile', '--config', 'c.yaml']],
    ['macOS process serial numbers and short flags', ['-psn_0_12345', '-v', '--config', 'c.yaml']],
    ['the app path Electron leaves in dev mode', ['.', '--config', 'c.yaml']],
    ['unknown flags after ours', ['--config', 'c.yaml', '--disable-gpu', 'stray']],
  ])('ignores %s', (_, argv) => {
    expect(parseCliArgs(argv)).toEqual({ help: false, config: 'c.yaml' });
  });

  it('leaves everything after "--" alone', () => {
    expect(parseCliArgs(['--', '--config', 'c.yaml', '--port', 'x'])).toEqual({ help: false });
  });

  it.each<[string, string[]]>([
    ['--config at the end', ['--config']],
    ['--config followed by another flag', ['--config', '--port', '80']],
    ['--config followed by an unknown flag', ['--config', '--no-sandbox']],
    ['--config=', ['--config=']],
    ['--config with a blank path', ['--config', '  ']],
  ])('refuses %s, asking for a path', (_, argv) => {
    expect(() => parseCliArgs(argv)).toThrow('--config needs a file path');
  });

  it.each<[string, string[], string]>([
    ['--port at the end', ['--port'], '--port needs a port number'],
    ['an empty port', ['--port', ''], 'got ""'],
    ['--port=', ['--port='], 'got ""'],
    ['a negative port', ['--port', '-1'], 'got "-1"'],
    ['--port=-1', ['--port=-1'], 'got "-1"'],
    ['a port above 65535', ['--port', '65536'], 'got "65536"'],
    ['a word', ['--port', 'http'], 'got "http"'],
    ['a fraction', ['--port', '80.5'], 'got "80.5"'],
    ['hexadecimal', ['--port', '0x50'], 'got "0x50"'],
    ['an exponent', ['--port', '8e1'], 'got "8e1"'],
    ['spaces', ['--port', ' 80'], 'got " 80"'],
    ['a flag instead of a number', ['--port', '--config', 'c.yaml'], 'got "--config"'],
    ['a huge number', ['--port', '99999999999999999999'], 'got "99999999999999999999"'],
  ])('refuses %s', (_, argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('refuses --hidden with a value', () => {
    expect(() => parseCliArgs(['--hidden=no'])).toThrow('--hidden takes no value');
  });

  it('explains every flag in the usage text', () => {
    for (const flag of ['--config PATH', '--port N', '--hidden', '--help']) expect(USAGE).toContain(flag);
  });
});
