import { useMemo } from 'react';
import { updatePreferences } from '../../actions/preferences';
import { useAlerts, useEngine, useServices } from '../../app-services';
import { groupByOptions } from '../../lib/group-by-options';

const SELECT_ID = 'group-by';

export function GroupBySelect() {
  const services = useServices();
  const groupBy = useEngine((state) => state.preferences.groupBy);
  const alerts = useAlerts((state) => state.alerts);
  const options = useMemo(() => groupByOptions(alerts.values(), groupBy), [alerts, groupBy]);
  return (
    <div className="group-by">
      <label htmlFor={SELECT_ID}>Group by</label>
      <select
        id={SELECT_ID}
        data-testid="group-by-select"
        value={groupBy}
        onChange={(event) => void updatePreferences(services, { groupBy: event.target.value })}
      >
        {options.map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
