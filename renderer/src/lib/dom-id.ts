/** Any text as a valid piece of an element id: ids come from outside (fingerprints, file names). */
function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.charCodeAt(0).toString(16)}`);
}

/** A stable, valid element id for an alert row; fingerprints are normally hex but come from outside. */
export function alertOptionId(fingerprint: string): string {
  return `alert-option-${idPart(fingerprint)}`;
}

/** The same for an SLO row: SLO ids come from file names and objective names. */
export function sloOptionId(id: string): string {
  return `slo-option-${idPart(id)}`;
}

/** The same for a runbook row: runbook ids are file paths. */
export function runbookOptionId(id: string): string {
  return `runbook-option-${idPart(id)}`;
}

/** The same for an incident row. */
export function incidentOptionId(id: string): string {
  return `incident-option-${idPart(id)}`;
}

/** The same for a row of the alert history (an episode key: fingerprint and start). */
export function historyOptionId(key: string): string {
  return `history-option-${idPart(key)}`;
}
