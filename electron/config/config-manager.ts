import { EventEmitter } from 'node:events';
import { existsSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type { ConfigStatus } from '../../shared/model';
import type { AppConfig } from './config-schema';
import type { ConfigLocation } from './config-location';
import { demoWorkspaceConfig } from './demo-workspace';
import { ConfigError, loadConfigFile, parseConfigText } from './load-config';

const emptyConfig = (): AppConfig => parseConfigText('', '(empty)');

interface ConfigManagerEvents {
  /** A new config took effect. */
  config: [AppConfig];
  /** Status changed: file, demo mode or load error. */
  status: [ConfigStatus];
}

/**
 * Owns the config file: loads it, watches it, and keeps the last good config when an edit
 * breaks it. Without a file at the default place the demo workspace runs until one appears;
 * a named file that is missing or broken from the start runs no sources and says why.
 */
export class ConfigManager extends EventEmitter<ConfigManagerEvents> {
  private config: AppConfig = demoWorkspaceConfig();
  private state: ConfigStatus;
  private watching = false;
  /** A file has loaded successfully at least once: from then on a bad edit keeps the last good config. */
  private hasGoodFile = false;
  /** Whether the first config was handed out yet. */
  private announced = false;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly location: ConfigLocation,
    private readonly watchIntervalMs = 1000,
    /** The shipped `resources/demo` folder (SLOs and runbooks of the demo workspace). */
    private readonly demoDir?: string,
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
      if (this.hasGoodFile) {
        // The file went away: keep what runs rather than swapping anything in under the user's feet.
        this.setStatus({ path: file, demo: false, error: `${file}: file not found; keeping the last good config` });
      } else if (explicit) {
        // A named file that is missing is a mistake to report, not a first run: no demo data that could pass for real alerts.
        this.use(emptyConfig(), { path: file, demo: false, error: `${file}: file not found; no sources run until it exists` });
      } else {
        this.use(demoWorkspaceConfig(this.demoDir), { path: file, demo: true, error: null });
      }
      return;
    }
    try {
      const config = await loadConfigFile(file);
      this.hasGoodFile = true;
      this.use(config, { path: file, demo: false, error: null });
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : `${file}: ${(error as Error).message}`;
      if (this.hasGoodFile) this.setStatus({ path: file, demo: false, error: `${message} (keeping the last good config)` });
      else this.use(emptyConfig(), { path: file, demo: false, error: `${message} (no sources run until it is fixed)` });
    }
  }

  private use(config: AppConfig, status: ConfigStatus): void {
    const changed = JSON.stringify(config) !== JSON.stringify(this.config);
    this.config = config;
    this.setStatus(status);
    if (changed || !this.announced) this.emit('config', config);
    this.announced = true;
  }

  private setStatus(status: ConfigStatus): void {
    this.state = status;
    this.emit('status', status);
  }
}
