import type { CommandInput } from '../../../shared/api';
import type { Incident } from '../../../shared/incident';
import type { AppServices } from '../app-services';
import type { IncidentDraft } from '../lib/incident-draft';
import type { IncidentChange } from '../stores/incident-store';
import { runCommand } from './run-command';

/** Opens the "Declare incident" form in the Incidents view, filled in from `draft`. */
export function startDeclaring({ incidents, ui }: Pick<AppServices, 'incidents' | 'ui'>, draft: IncidentDraft): void {
  incidents.getState().startDraft(draft);
  ui.getState().setView('incidents');
}

/** Shows one incident's detail in the Incidents view. */
export function showIncident({ incidents, ui }: Pick<AppServices, 'incidents' | 'ui'>, id: string): void {
  ui.getState().setView('incidents');
  incidents.getState().openDetail(id);
}

export async function declareIncident(services: AppServices, input: CommandInput<'declareIncident'>): Promise<Incident | undefined> {
  const { api, incidents, ui } = services;
  const sentAt = incidents.getState().eventCount;
  const incident = await runCommand(ui, 'declare the incident', () => api.declareIncident(input));
  if (!incident) return undefined;
  incidents.getState().applyAnswer(incident, sentAt);
  showIncident(services, incident.id);
  return incident;
}

/**
 * Changes an incident. The change shows at once; if the engine refuses it, it is taken back
 * (unless the engine pushed the incidents meanwhile, which then hold the truth).
 */
export async function updateIncident(
  { api, incidents, ui }: AppServices,
  input: CommandInput<'updateIncident'>,
  what: string,
  optimistic: IncidentChange = {},
): Promise<boolean> {
  const before = incidents.getState().incidents.find((incident) => incident.id === input.id);
  const sentAt = incidents.getState().eventCount;
  if (before && Object.keys(optimistic).length > 0) incidents.getState().patchLocally(input.id, optimistic);
  const incident = await runCommand(ui, what, () => api.updateIncident(input));
  if (incident) {
    incidents.getState().applyAnswer(incident, sentAt);
    return true;
  }
  if (before && incidents.getState().eventCount === sentAt) {
    const undo = Object.fromEntries(Object.keys(optimistic).map((key) => [key, before[key as keyof IncidentChange]])) as IncidentChange;
    incidents.getState().patchLocally(input.id, undo);
  }
  return false;
}

export async function addIncidentNote({ api, incidents, ui }: AppServices, id: string, text: string, key: boolean): Promise<boolean> {
  const sentAt = incidents.getState().eventCount;
  const incident = await runCommand(ui, 'add the note', () => api.addIncidentNote({ id, text, ...(key ? { key } : {}) }));
  if (incident) incidents.getState().applyAnswer(incident, sentAt);
  return incident !== undefined;
}

/** Marks a timeline entry as a key moment (or not), showing it at once. */
export async function markKeyMoment({ api, incidents, ui }: AppServices, id: string, entryId: string, key: boolean): Promise<void> {
  const before = incidents.getState().incidents.find((incident) => incident.id === id);
  const sentAt = incidents.getState().eventCount;
  const markLocally = (value: boolean) => {
    if (before) incidents.getState().patchLocally(id, { timeline: before.timeline.map((entry) => (entry.id === entryId ? { ...entry, key: value } : entry)) });
  };
  markLocally(key);
  const incident = await runCommand(ui, key ? 'mark the key moment' : 'unmark the key moment', () => api.markKeyMoment({ id, entryId, key }));
  if (incident) incidents.getState().applyAnswer(incident, sentAt);
  else if (incidents.getState().eventCount === sentAt) markLocally(!key);
}

export async function exportPostmortem({ api, ui }: AppServices, id: string): Promise<string | undefined> {
  return (await runCommand(ui, 'export the postmortem', () => api.exportPostmortem({ id })))?.markdown;
}

export async function incidentStatusUpdate({ api, ui }: AppServices, id: string): Promise<string | undefined> {
  return (await runCommand(ui, 'write the status update', () => api.incidentStatusUpdate({ id })))?.text;
}
