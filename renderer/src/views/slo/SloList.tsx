import { useCallback, useEffect } from 'react';
import { useServices, useSlos } from '../../app-services';
import { useSloList } from '../../hooks/use-slo-list';
import { sloOptionId } from '../../lib/dom-id';
import { SloListEmpty } from './SloListEmpty';
import { SloRow } from './SloRow';

/** Every SLO, most at risk first. Tens of rows, not thousands: no virtualisation needed. */
export function SloList() {
  const { slos } = useServices();
  const model = useSloList();
  const loaded = useSlos((state) => state.loaded);
  const selected = useSlos((state) => state.selectedId);
  const selectedVisible = selected !== null && model.indexById.has(selected);

  // Keep the selected row in sight when the keyboard moves it; only on a change of selection.
  useEffect(() => {
    if (selected === null) return;
    document.getElementById(sloOptionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const activate = useCallback((id: string) => slos.getState().openDetail(id), [slos]);

  if (!loaded || model.rows.length === 0) return <SloListEmpty loaded={loaded} totalCount={model.totalCount} />;
  return (
    <div
      className="slo-list"
      data-testid="slo-list"
      role="listbox"
      aria-label="Service level objectives, most at risk first"
      tabIndex={0}
      aria-activedescendant={selectedVisible ? sloOptionId(selected) : undefined}
    >
      {model.rows.map((slo, index) => (
        <SloRow key={slo.id} slo={slo} selected={slo.id === selected} position={index + 1} setSize={model.rows.length} onActivate={activate} />
      ))}
    </div>
  );
}
