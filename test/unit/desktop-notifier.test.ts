import childProcess, { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  createNodeNotifier,
  nodeNotifierBackend,
  nodeNotifierOptions,
  type NotifierBackend,
} from '../../electron/notifications/desktop-notifier';
import {
  firingNotification,
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
  type NotificationText,
} from '../../electron/notifications/notification-text';
import type { Alert } from '../../shared/model';
import { installRecordingNotifySend, waitForNotifications, type NotifySendRecorder } from '../helpers/recording-notify-send';
import { makeAlert } from '../helpers/alerts';

const ZWSP = '\u200B';
const ICON = join(import.meta.dirname, '../../resources/tray/tray-critical.png');

function alert(overrides: Partial<Alert> = {}): Alert {
  return makeAlert({ fingerprint: 'f1', severity: 'critical', labels: { alertname: 'HighErrorRate', severity: 'critical' }, annotations: {}, startsAt: '2025-01-15T12:00:00Z', ...overrides });
}

const codePoints = (text: string) => Array.from(text).length;

describe.runIf((await nodeNotifierBackend()) === 'notify-send')('createNodeNotifier through notify-send', () => {
  let recorder: NotifySendRecorder;
  let canaryDir: string;
  let originalPath: string | undefined;
  let exec: MockInstance<typeof childProcess.exec>;

  beforeAll(async () => {
    exec = vi.spyOn(childProcess, 'exec'); // passes through; lets a test wait for the command to end
    recorder = await installRecordingNotifySend();
    canaryDir = await mkdtemp(join(tmpdir(), 'occ-canary-'));
    originalPath = process.env.PATH;
    process.env.PATH = recorder.pathEnv; // before the first notification: node-notifier caches the lookup
  });

  afterAll(async () => {
    exec.mockRestore();
    process.env.PATH = originalPath;
    await recorder.dispose();
    await rm(canaryDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await recorder.clear();
  });

  /** Shows one notification and returns the argv the fake notify-send received. */
  async function showAndRecord(text: NotificationText, settings: { iconPath?: string } = {}): Promise<string[]> {
    const errors: string[] = [];
    let clicks = 0;
    const execCalls = exec.mock.results.length;
    createNodeNotifier({ appName: 'On-Call Companion', ...settings, onError: (m) => errors.push(m) }).show(
      text,
      () => clicks++,
    );
    // node-notifier (loaded with the first notification) runs the command a moment later; it
    // answers on the shell's 'close', before this listener: then errors are in.
    await vi.waitFor(() => expect(exec.mock.results.length).toBeGreaterThan(execCalls));
    await once(exec.mock.results[execCalls]!.value as ChildProcess, 'close');
    const calls = await waitForNotifications(recorder, 1, 5_000);
    expect(calls).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(clicks).toBe(0); // notify-send cannot report clicks
    return calls[0]!;
  }

  it('hands shell metacharacters, quotes and backslashes over as text and runs nothing', async () => {
    const pwned = (n: number) => join(canaryDir, `pwned-${n}`);
    const text = firingNotification(
      alert({
        name: `$(touch ${pwned(1)})`,
        labels: { service: `\`touch ${pwned(2)}\`` },
        annotations: {
          summary: `say "hi" it's \\n a\\\\b $HOME $(touch ${pwned(3)})\n\`touch ${pwned(4)}\`\r\n\ttabbed; touch ${pwned(5)} | x & y`,
        },
      }),
    );
    const expectedTitle = `CRITICAL · $(touch ${pwned(1)}) · \`touch ${pwned(2)}\``;
    const expectedBody = `say "hi" it's \\n a\\\\b $HOME $(touch ${pwned(3)}) \`touch ${pwned(4)}\` tabbed; touch ${pwned(5)} | x & y (prod-am)`;
    expect(text.title).toBe(expectedTitle);
    expect(text.body).toBe(expectedBody);

    const argv = await showAndRecord(text);

    expect(argv).toEqual([
      expectedTitle,
      expectedBody.replace('&', '&amp;'),
      '--urgency',
      'critical',
      '--app-name',
      'On-Call Companion',
      '--expire-time',
      '0',
    ]);
    expect(await readdir(canaryDir)).toEqual([]);
  });

  it('passes 10 kB of hostile text cut to the limits', async () => {
    const chunk = `"$\`\\'\n🔥`;
    const text = firingNotification(
      alert({ name: chunk.repeat(1_500), annotations: { summary: chunk.repeat(1_500) } }),
    );
    expect(chunk.repeat(1_500).length).toBeGreaterThan(10_000);

    const argv = await showAndRecord(text);

    expect(argv).toHaveLength(8);
    expect(argv.slice(2)).toEqual(['--urgency', 'critical', '--app-name', 'On-Call Companion', '--expire-time', '0']);
    expect(argv[0]).toBe(text.title);
    expect(argv[1]).toBe(text.body);
    expect(codePoints(argv[0]!)).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(codePoints(argv[1]!)).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(argv[0]).toMatch(/^CRITICAL · "\$`\\' 🔥"\$`\\' 🔥/);
    expect(argv[0]).toMatch(/…$/);
    expect(argv[1]).toMatch(/… \(prod-am\)$/);
    expect(argv.join('')).not.toMatch(/[\n\r\uFFFD]/);
  });

  it('keeps text that starts with a dash from being read as a notify-send option', async () => {
    const text = firingNotification(
      alert({ name: '--help', severity: 'none', labels: {}, annotations: { summary: '--urgency=low -5% traffic' } }),
    );
    expect(text.title).toBe('--help');

    const argv = await showAndRecord(text);

    expect(argv).toEqual([
      `${ZWSP}--help`,
      `${ZWSP}--urgency=low -5% traffic (prod-am)`,
      '--urgency',
      'low',
      '--app-name',
      'On-Call Companion',
      '--expire-time',
      '10000',
    ]);
  });

  it('escapes Pango markup in the body, not in the title', async () => {
    const text = firingNotification(
      alert({ name: '<i>Name</i>', annotations: { summary: '<b>bold</b> <a href="https://evil.example">x</a> & co' } }),
    );

    const argv = await showAndRecord(text);

    expect(argv[0]).toBe('CRITICAL · <i>Name</i>');
    expect(argv[1]).toBe('&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; co (prod-am)');
  });

  it('passes the icon only when the file exists', async () => {
    expect(existsSync(ICON)).toBe(true);
    const text: NotificationText = { title: 'T', body: 'B', fingerprint: null, urgency: 'normal' };

    expect(await showAndRecord(text, { iconPath: ICON })).toEqual([
      'T', 'B', '--urgency', 'normal', '--app-name', 'On-Call Companion', '--icon', ICON, '--expire-time', '10000',
    ]);
    await recorder.clear();
    expect(await showAndRecord(text, { iconPath: join(canaryDir, 'missing.png') })).toEqual([
      'T', 'B', '--urgency', 'normal', '--app-name', 'On-Call Companion', '--expire-time', '10000',
    ]);
  });

  it.each<[NotificationText['urgency'], string]>([
    ['critical', '0'], // never expires: an on-call page must stay until dismissed
    ['normal', '10000'], // node-notifier's default, in milliseconds
    ['low', '10000'],
  ])('a %s notification gets --expire-time %s', async (urgency, expireTime) => {
    const argv = await showAndRecord({ title: 'T', body: 'B', fingerprint: 'f', urgency });
    expect(argv).toEqual(['T', 'B', '--urgency', urgency, '--app-name', 'On-Call Companion', '--expire-time', expireTime]);
  });

  // Last: after this, PATH no longer leads to the recorder.
  it('reports a missing notify-send through onError and does not throw', async () => {
    const emptyBin = await mkdtemp(join(tmpdir(), 'occ-empty-bin-'));
    process.env.PATH = emptyBin;
    try {
      const error = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('onError was not called')), 5_000);
        const notifier = createNodeNotifier({
          onError: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
        });
        expect(() => notifier.show({ title: 'T', body: 'B', fingerprint: 'f', urgency: 'low' }, () => {})).not.toThrow();
      });
      expect(await error).toMatch(/notify-send/);
      expect(await recorder.read()).toEqual([]);
    } finally {
      process.env.PATH = recorder.pathEnv;
      await rm(emptyBin, { recursive: true, force: true });
    }
  });
});

describe('nodeNotifierOptions', () => {
  const text: NotificationText = { title: '-T', body: '<b>', fingerprint: 'f', urgency: 'critical' };
  const settings = { appName: 'On-Call Companion', iconPath: '/icon.png', windowsAppId: 'com.example.oncall' };

  it.each<[NotifierBackend, Record<string, string | boolean>]>([
    [
      'notify-send',
      {
        title: `${ZWSP}-T`,
        message: '&lt;b&gt;',
        urgency: 'critical',
        'app-name': 'On-Call Companion',
        icon: '/icon.png',
        'expire-time': '0',
      },
    ],
    ['notification-center', { title: '-T', message: '<b>', icon: '/icon.png', wait: true }],
    ['windows-toaster', { title: '-T', message: '<b>', icon: '/icon.png', appID: 'com.example.oncall', wait: true }],
    ['other', { title: '-T', message: '<b>', icon: '/icon.png' }],
  ])('%s', (backend, expected) => {
    expect(nodeNotifierOptions(backend, text, settings)).toEqual(expected);
  });

  it('leaves out settings that are not given and never sends an empty message', () => {
    expect(nodeNotifierOptions('notify-send', { ...text, body: '' }, {})).toEqual({
      title: `${ZWSP}-T`,
      message: ' ',
      urgency: 'critical',
      'expire-time': '0',
    });
  });

  it('asks notify-send never to expire a critical notification, and leaves the default for the rest', () => {
    expect(nodeNotifierOptions('notify-send', text, {})).toHaveProperty('expire-time', '0');
    for (const urgency of ['normal', 'low'] as const) {
      expect(nodeNotifierOptions('notify-send', { ...text, urgency }, {})).not.toHaveProperty('expire-time');
    }
  });
});
