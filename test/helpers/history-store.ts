import path from 'node:path';
import { afterEach } from 'vitest';
import { openAlertHistory, type AlertHistoryOptions, type AlertHistoryStore } from '../../electron/history/alert-history';
import type { TempFolder } from './temp-folder';

export const HISTORY_TEST_NOW = new Date('2026-11-26T12:00:00.000Z');

/**
 * Opens alert histories in `temp` (`history.sqlite`, a fixed "now", what they log kept in `logs`)
 * and closes every one after each test. Call at the top of a file, after `useTempFolder`.
 * `openWith` opens one from those options (the store itself by default; e.g. the worker client).
 */
export function useHistoryStores<S extends { close(): Promise<void> } = AlertHistoryStore, O extends AlertHistoryOptions = AlertHistoryOptions>(
  temp: TempFolder,
  defaults: Partial<O> = {},
  openWith: (options: O) => Promise<S> = openAlertHistory as unknown as (options: O) => Promise<S>,
) {
  const logs: string[] = [];
  let opened: S[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
    logs.length = 0;
  });
  const file = (): string => path.join(temp.dir, 'history.sqlite');
  const open = async (options: Partial<O> = {}): Promise<S> => {
    const base: AlertHistoryOptions = {
      file: file(),
      retention: { maxAgeMs: 30 * 86_400_000, maxEpisodes: 10_000 },
      log: (message) => logs.push(message),
      now: () => HISTORY_TEST_NOW,
    };
    // Every field O adds to AlertHistoryOptions comes from `defaults` or `options`.
    const store = await openWith({ ...base, ...defaults, ...options } as O);
    opened.push(store);
    return store;
  };
  return { open, logs, file };
}
