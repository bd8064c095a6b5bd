import { useEngine } from '../../app-services';

export function DemoBadge() {
  const demo = useEngine((state) => state.config?.demo ?? false);
  if (!demo) return null;
  return (
    <span className="demo-badge" data-testid="demo-badge" title="No configuration file found: showing the built-in demo workspace">
      Demo workspace
    </span>
  );
}
