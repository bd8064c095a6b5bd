import { useEngine } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { connectivityBanner } from '../../lib/connectivity-banner';

/** The engine cannot reach its sources (offline), or some of them (degraded). Not shown while all answer. */
export function OfflineBanner() {
  const connectivity = useEngine((state) => state.connectivity);
  const sources = useEngine((state) => state.sources);
  const now = useNow();
  const banner = connectivityBanner(connectivity, sources, now);
  if (!banner) return null;
  return (
    <div
      className={banner.level === 'offline' ? 'banner banner-offline' : 'banner banner-degraded'}
      role="status"
      data-testid="offline-banner"
      data-level={banner.level}
    >
      <strong>{banner.headline}</strong>
      {banner.reason && (
        <span className="banner-detail" data-testid="offline-reason">
          {banner.reason}
        </span>
      )}
      {banner.level === 'offline' && <span className="banner-detail">Acknowledgements and silences are queued and sent once a source answers.</span>}
    </div>
  );
}
