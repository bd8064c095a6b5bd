import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { EmptyState } from '../common/EmptyState';
import { ReportExport } from './ReportExport';
import { ShiftAlerts, ShiftIncidents } from './ShiftAlerts';
import { ShiftStatus } from './ShiftStatus';
import { useShift } from './use-shift';
import '../../styles/shift.css';

/** "My shift": on call or not and the control, what happened during the shift, and the hand-off report. */
export function ShiftView() {
  const { shift, loading } = useShift();
  return (
    <div className="view-panel shift-view" role="tabpanel" id={VIEW_PANEL_ID.shift} aria-labelledby={VIEW_TAB_ID.shift} data-testid="shift-view">
      {!shift ? (
        <EmptyState testId="shift-loading" kind={loading ? 'loading' : 'error'} title={loading ? 'Loading your shift…' : 'Your shift could not be loaded'} />
      ) : (
        <>
          <ShiftStatus shift={shift} />
          <div className="shift-body">
            <ReportExport />
            <ShiftAlerts alerts={shift.alerts} />
            <ShiftIncidents incidents={shift.incidents} />
          </div>
        </>
      )}
    </div>
  );
}
