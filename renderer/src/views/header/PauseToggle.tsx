import { pauseNotifications, resumeNotifications } from '../../actions/notifications';
import { useEngine, useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { pausedUntil } from '../../lib/notification-pause';

export function PauseToggle() {
  const services = useServices();
  const notifications = useEngine((state) => state.notifications);
  const now = useNow();
  const until = pausedUntil(notifications, now);
  if (!until) {
    return (
      <button type="button" data-testid="pause-toggle" title="Pause notifications for 1 hour" disabled={!notifications} onClick={() => void pauseNotifications(services)}>
        Pause 1 h
      </button>
    );
  }
  return (
    <>
      <span className="pause-status" data-testid="pause-status" title={`Notifications resume at ${until.toLocaleString()}`}>
        Paused until {formatClockTime(until.toISOString(), now, false)}
      </span>
      <button type="button" data-testid="pause-toggle" onClick={() => void resumeNotifications(services)}>
        Resume
      </button>
    </>
  );
}
