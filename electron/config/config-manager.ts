import { EventEmitter } from 'node:events';
import { existsSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type { ConfigStatus } from '../../shared/model';
import type { AppConfig } from './config-schema';
import type { ConfigLocation } from './config-location';
import { demoWorkspaceConfig } from './demo-workspace';
import { ConfigError, loadConfigFile } from './load-config';

interface ConfigManagerEvents {
  /** A new config took effect. */
  config: [AppConfig];
  /** Status changed: file, demo mode or load error. */
  status: [ConfigStatus];
}

/**
 * Owns the config file: loads it, watches it, and keeps the last good config when an edit
 * breaks it. Without a file the demo workspace runs until one appears.
 */
export class ConfigManager extends EventEmitter<ConfigManagerEvents> {
  private config: AppConfig = demoWorkspaceConfig();
  private state: ConfigStatus;
  private watching = false;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly location: ConfigLocation,
    private readonly watchIntervalMs = 1000,
  ) {
    super();
    this.state = { path: location.file, demo: true, error: null };
  }

  get current(): AppConfig {
    return this.config;
  }

  get status(): ConfigStatus {
    return this.state;
  }

  /** Loads the file once; call `watch()` afterwards to follow edits. */
  async load(): Promise<void> {
    this.reloading = this.reloading.then(() => this.reload());
    await this.reloading;
  }

  watch(): void {
    if (this.watching) return;
    this.watching = true;
    // Polling the file's stat survives editors that save by rename and files that do not exist yet.
    watchFile(this.location.file, { interval: this.watchIntervalMs, persistent: false }, (current: Stats, previous: Stats) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) return;
      void this.load();
    });
  }

  stop(): void {
    if (this.watching) unwatchFile(this.location.file);
    this.watching = false;
  }

  private async reload(): Promise<void> {
    const { file, explicit } = this.location;
    if (!existsSync(file)) {
      const error = explicit ? `${file}: file not found; running the demo workspace until it exists` : null;
      if (!this.state.demo) {
        // The file went away: keep what runs rather than swapping in the demo under the user's feet.
        this.setStatus({ path: file, demo: false, error: `${file}: file not found; keeping the last good config` });
        return;
      }
      this.setStatus({ path: file, demo: true, error });
      return;
    }
    try {
      const config = await loadConfigFile(file);
      this.config = config;
      this.setStatus({ path: file, demo: false, error: null });
      this.emit('config', config);
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : `${file}: ${(error as Error).message}`;
      const suffix = this.state.demo ? 'running the demo workspace until it is fixed' : 'keeping the last good config';
      this.setStatus({ path: file, demo: this.state.demo, error: `${message} (${suffix})` });
    }
  }

  private setStatus(status: ConfigStatus): void {
    this.state = status;
    this.emit('status', status);
  }
}
