import type { AppServices } from '../app-services';
import { runCommand } from './run-command';

export const PAUSE_MINUTES = 60;

export async function pauseNotifications({ api, engine, ui }: AppServices): Promise<void> {
  const settings = await runCommand(ui, 'pause notifications', () => api.pauseNotifications({ minutes: PAUSE_MINUTES }));
  if (settings) engine.getState().setNotifications(settings);
}

export async function resumeNotifications({ api, engine, ui }: AppServices): Promise<void> {
  const settings = await runCommand(ui, 'resume notifications', () => api.resumeNotifications({}));
  if (settings) engine.getState().setNotifications(settings);
}
