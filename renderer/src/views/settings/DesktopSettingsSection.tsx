import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../../app-services';
import { createDesktopSettingsStore, showsDesktopSection } from '../../stores/desktop-settings-store';

/**
 * Start at login and browser access: settings of the desktop app itself, kept by the main process.
 * Absent in a browser, where they mean nothing.
 */
export function DesktopSettingsSection() {
  const { api } = useServices();
  const [store] = useState(() => createDesktopSettingsStore(api));
  const state = useStore(store);
  const ids = useId();

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  if (!showsDesktopSection(state) || !state.settings) return null;
  const { settings, saving, error, change } = state;
  return (
    <section className="settings-section" data-testid="desktop-settings" aria-labelledby={`${ids}-title`}>
      <h2 className="section-title" id={`${ids}-title`}>
        Desktop
      </h2>
      <div className="settings-options">
        <label className="settings-option">
          <input type="checkbox" data-testid="desktop-start-at-login" checked={settings.startAtLogin} disabled={saving} onChange={(event) => void change({ startAtLogin: event.target.checked })} />
          <span>
            Start at login
            <span className="settings-hint">The companion starts with your session and watches from the tray.</span>
          </span>
        </label>
        <label className="settings-option">
          <input type="checkbox" data-testid="desktop-browser-access" checked={settings.browserAccess} disabled={saving} onChange={(event) => void change({ browserAccess: event.target.checked })} />
          <span>
            Open the dashboard in a browser on this computer
            <span className="settings-hint">Served on 127.0.0.1 only, with a new access token each time it is turned on.</span>
          </span>
        </label>
        {settings.browserUrl && <BrowserAddress url={settings.browserUrl} />}
      </div>
      {(settings.problem ?? error) && (
        <p className="banner banner-error settings-desktop-problem" role="alert" data-testid="desktop-problem">
          {settings.problem ?? error}
        </p>
      )}
    </section>
  );
}

/** The address with its token, and a Copy button (the clipboard API may be refused in the app: then the field's own copy). */
function BrowserAddress({ url }: { url: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const ids = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      field.current?.select();
      setCopied(document.execCommand('copy'));
    }
  };
  return (
    <div className="settings-address">
      <label htmlFor={`${ids}-url`}>Address (keep it to yourself: it holds the access token)</label>
      <div className="settings-address-row">
        <input id={`${ids}-url`} ref={field} type="text" readOnly value={url} data-testid="desktop-browser-url" onFocus={(event) => event.target.select()} />
        <button type="button" className="primary-button" data-testid="desktop-copy-url" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <span role="status" className="settings-hint">
        {copied === true ? 'Copied.' : copied === false ? 'Could not copy: select the address and copy it.' : ''}
      </span>
    </div>
  );
}
