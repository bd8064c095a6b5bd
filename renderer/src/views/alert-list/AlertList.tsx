import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useScrollToSelection } from '../../hooks/use-scroll-to-selection';
import { useAlerts, useServices, useUi } from '../../app-services';
import { useAlertList } from '../../hooks/use-alert-list';
import { alertOptionId } from '../../lib/dom-id';
import { markAlertsRendered } from '../../lib/perf-marks';
import { AlertRow } from './AlertRow';
import { AlertListEmpty } from './AlertListEmpty';
import { GroupHeaderRow } from './GroupHeaderRow';
import { ALERT_ROW_HEIGHT, GROUP_ROW_HEIGHT } from './row-metrics';

export function AlertList() {
  const { ui } = useServices();
  const model = useAlertList();
  const loaded = useAlerts((state) => state.revision !== null);
  const selected = useUi((state) => state.selectedFingerprint);
  const scrollElement = useRef<HTMLDivElement>(null);
  // No React Compiler runs on this code, and the virtualizer's functions are only used during this render.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: model.rows.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: (index) => (model.rows[index]?.kind === 'group' ? GROUP_ROW_HEIGHT : ALERT_ROW_HEIGHT),
    getItemKey: (index) => model.rows[index]?.key ?? index,
    overscan: 10,
  });
  const selectedIndex = selected === null ? undefined : model.rowIndexByFingerprint.get(selected);

  useScrollToSelection(virtualizer, selected, selectedIndex);
  useEffect(() => {
    if (model.rows.length > 0) markAlertsRendered();
  }, [model.rows]);

  const activate = useCallback((fingerprint: string) => ui.getState().openDetail(fingerprint), [ui]);

  if (!loaded || model.rows.length === 0) return <AlertListEmpty loaded={loaded} totalCount={model.totalCount} />;

  const items = virtualizer.getVirtualItems();
  const selectedRendered = selectedIndex !== undefined && items.some((item) => item.index === selectedIndex);
  return (
    <div
      ref={scrollElement}
      className="alert-list"
      data-testid="alert-list"
      role="listbox"
      aria-label="Alerts"
      tabIndex={0}
      aria-activedescendant={selectedRendered && selected !== null ? alertOptionId(selected) : undefined}
    >
      <div className="alert-list-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = model.rows[item.index]!;
          return row.kind === 'group' ? (
            <GroupHeaderRow key={item.key} label={row.label} count={row.count} top={item.start} />
          ) : (
            <AlertRow
              key={item.key}
              alert={row.alert}
              selected={row.alert.fingerprint === selected}
              top={item.start}
              position={row.position}
              setSize={model.matchCount}
              onActivate={activate}
            />
          );
        })}
      </div>
    </div>
  );
}
