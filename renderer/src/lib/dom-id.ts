/** A stable, valid element id for an alert row; fingerprints are normally hex but come from outside. */
export function alertOptionId(fingerprint: string): string {
  return `alert-option-${fingerprint.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.charCodeAt(0).toString(16)}`)}`;
}

/** The same for an SLO row: SLO ids come from file names and objective names. */
export function sloOptionId(id: string): string {
  return `slo-option-${id.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.charCodeAt(0).toString(16)}`)}`;
}
