import type { AppServices } from '../app-services';
import type { OnCallChoice } from '../lib/on-call-text';
import { runCommand } from './run-command';

/** The user's own word on being on call (true/false), or back to what PagerDuty/Opsgenie say (null). */
export async function setOnCall({ api, engine, ui }: AppServices, onCall: OnCallChoice): Promise<void> {
  const status = await runCommand(ui, describe(onCall), () => api.setOnCall({ onCall }));
  if (status) engine.getState().setOnCall(status);
}

function describe(onCall: OnCallChoice): string {
  if (onCall === null) return 'follow the on-call services again';
  return onCall ? 'set you on call' : 'set you off call';
}
