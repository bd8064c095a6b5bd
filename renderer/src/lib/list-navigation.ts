import type { AlertListModel } from './alert-list-model';

/**
 * The fingerprint one alert row further in `direction`, skipping group headers and stopping at
 * the ends. With nothing (visible) selected, the first alert is the start in either direction.
 */
export function stepSelection(model: AlertListModel, selected: string | null, direction: 1 | -1): string | null {
  const current = selected === null ? undefined : model.rowIndexByFingerprint.get(selected);
  if (current === undefined) return firstAlertFrom(model, 0, 1) ?? null;
  return firstAlertFrom(model, current + direction, direction) ?? selected;
}

function firstAlertFrom(model: AlertListModel, start: number, direction: 1 | -1): string | undefined {
  for (let index = start; index >= 0 && index < model.rows.length; index += direction) {
    const row = model.rows[index]!;
    if (row.kind === 'alert') return row.alert.fingerprint;
  }
  return undefined;
}
