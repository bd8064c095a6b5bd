import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, ipcChannel } from '../../shared/api-names';

/**
 * The preload runs against a fake contextBridge/ipcRenderer (the Electron binary cannot run
 * here): what it exposes to the page is inspected for real.
 */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, (...args: unknown[]) => void>(),
  ipcRenderer: undefined as unknown,
}));

vi.mock('electron', () => {
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true, result: null });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => void fake.listeners.set(channel, listener),
    removeListener: (channel: string) => void fake.listeners.delete(channel),
    send: () => undefined,
  };
  fake.ipcRenderer = ipcRenderer;
  return { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api) }, ipcRenderer };
});

await import('../../electron/preload');

describe('the preload', () => {
  const api = fake.exposed.get('onCall') as Record<string, unknown>;

  it('exposes one object, `onCall`, with one intention-named function per command and `on` for events — nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['onCall']);
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'on'].sort());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
  });

  it('never hands over ipcRenderer or any of its methods', () => {
    const ipc = fake.ipcRenderer as Record<string, unknown>;
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipc);
      for (const method of Object.values(ipc)) expect(value).not.toBe(method);
    }
    expect(Object.keys(api)).not.toEqual(expect.arrayContaining(['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']));
  });

  it('sends only the command’s own channel and the input, and passes events on without Electron’s event object', async () => {
    await (api.pauseNotifications as (input: unknown) => Promise<unknown>)({ minutes: 5 });
    expect(fake.invoked.at(-1)).toEqual([ipcChannel.command('pauseNotifications'), { minutes: 5 }]);
    const received: unknown[] = [];
    const off = (api.on as (event: string, listener: (payload: unknown) => void) => () => void)('alertsChanged', (...args) => received.push(args));
    fake.listeners.get(ipcChannel.event)!({ sender: 'electron event' }, { event: 'alertsChanged', payload: { count: 1 } });
    fake.listeners.get(ipcChannel.event)!({ sender: 'electron event' }, { event: 'sourcesChanged', payload: {} });
    expect(received).toEqual([[{ count: 1 }]]);
    off();
    expect(fake.listeners.has(ipcChannel.event)).toBe(false);
    expect(() => (api.on as (event: string, listener: () => void) => void)('__proto__', () => undefined)).toThrow(/unknown event/);
  });

  const built = path.resolve(import.meta.dirname, '../../out/preload/preload.cjs');
  // Shown as skipped, not passed, when the preload is not built (npm run build).
  it.skipIf(!existsSync(built))('is built without ipcRenderer reaching the page (out/preload/preload.cjs)', () => {
    const text = readFileSync(built, 'utf8');
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toMatch(/exposeInMainWorld\("onCall", \w+\)/);
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
