import type { Alert } from '../../../shared/model';
import { parseFilter } from '../../../shared/label-matchers';
import { buildAlertListModel, type AlertListModel } from './alert-list-model';
import { memoizeLast } from './memoize-last';

/** Shared by the list and the keyboard handler so both see the same rows, computed once per change. */
export const selectAlertList: (alerts: ReadonlyMap<string, Alert>, filterText: string, groupBy: string) => AlertListModel =
  memoizeLast((alerts, filterText, groupBy) => buildAlertListModel(alerts.values(), parseFilter(filterText), groupBy));
