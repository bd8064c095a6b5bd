import { useAlerts, useEngine, useUi } from '../app-services';
import { selectAlertList } from '../lib/alert-list-selector';
import type { AlertListModel } from '../lib/alert-list-model';

export function useAlertList(): AlertListModel {
  const alerts = useAlerts((state) => state.alerts);
  const filterText = useUi((state) => state.filterText);
  const groupBy = useEngine((state) => state.preferences.groupBy);
  return selectAlertList(alerts, filterText, groupBy);
}
