import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { Engine } from './engine/engine';
import { trayIconFile, trayModel, type TrayMenuItem, type TrayState } from './tray/tray-model';

export interface TrayActions {
  openDashboard(): void;
  openAlert(fingerprint: string): void;
  quit(): void;
}

/** Applies the pure tray model to the system tray whenever the engine's state changes. */
export function createTray(engine: Engine, resourcesDir: string, actions: TrayActions): Tray {
  const icon = (state: TrayState) => nativeImage.createFromPath(path.join(resourcesDir, 'tray', trayIconFile(state)));
  const tray = new Tray(icon('ok'));
  let lastState: TrayState = 'ok';
  let pending: NodeJS.Timeout | undefined;

  const render = () => {
    pending = undefined;
    const model = trayModel({
      alerts: engine.alerts(),
      sources: engine.sources(),
      notifications: engine.notificationSettings(),
      slos: engine.slos().slos,
      connectivity: engine.connectivity(),
      now: new Date(),
    });
    if (model.state !== lastState) {
      tray.setImage(icon(model.state));
      lastState = model.state;
    }
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => toMenuItem(item, engine, actions))));
  };
  // Many sources may report within a moment of each other: redraw at most a few times a second.
  const schedule = () => {
    pending ??= setTimeout(render, 250);
  };
  engine.on('alertsChanged', schedule);
  engine.on('sourcesChanged', schedule);
  engine.on('notificationsChanged', schedule);
  engine.on('slosChanged', schedule);
  engine.on('connectivityChanged', schedule);
  tray.on('click', () => actions.openDashboard());
  render();
  return tray;
}

/** Alert text is untrusted; on Windows a lone '&' in a menu label would become a keyboard mnemonic. */
function menuLabel(text: string): string {
  return process.platform === 'win32' ? text.replace(/&/g, '&&') : text;
}

function toMenuItem(item: TrayMenuItem, engine: Engine, actions: TrayActions): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'alert':
      return { label: menuLabel(item.label), click: () => actions.openAlert(item.fingerprint) };
    case 'more':
      return { label: item.label, click: () => actions.openDashboard() };
    case 'separator':
      return { type: 'separator' };
    case 'open':
      return { label: item.label, click: () => actions.openDashboard() };
    case 'pause':
      return { label: item.label, click: () => void engine.pauseNotifications(60) };
    case 'resume':
      return { label: item.label, click: () => void engine.resumeNotifications() };
    case 'quit':
      return { label: item.label, click: () => actions.quit() };
  }
}
