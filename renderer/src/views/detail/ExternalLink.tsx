import type { ReactNode } from 'react';
import { openExternalLink } from '../../actions/open-external';
import { useServices } from '../../app-services';
import { safeExternalUrl } from '../../../../shared/external-url';

/** A link only for http(s) URLs, opened through the engine; anything else is shown as inert text. */
export function ExternalLink({ url, testId, children }: { url: string; testId: string; children: ReactNode }) {
  const services = useServices();
  const safeUrl = safeExternalUrl(url)?.href;
  if (!safeUrl) {
    return (
      <span className="inert-url" data-testid={testId} title="Not an http(s) link, so it is not opened">
        {url}
      </span>
    );
  }
  return (
    <a
      href={safeUrl}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={testId}
      title={safeUrl}
      onClick={(event) => {
        event.preventDefault();
        void openExternalLink(services, safeUrl);
      }}
    >
      {children}
    </a>
  );
}
