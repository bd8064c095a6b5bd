import { lazy, Suspense, type ComponentProps } from 'react';

/** uPlot loads with the first chart shown, keeping it out of the startup bundle (the alert list is what must show fast). */
const UplotChartModule = lazy(() => import('./UplotChart').then((module) => ({ default: module.UplotChart })));

type UplotChartProps = ComponentProps<typeof UplotChartModule>;

export function UplotChart(props: UplotChartProps) {
  return (
    <Suspense fallback={<div className="chart-canvas chart-canvas-loading" aria-hidden="true" />}>
      <UplotChartModule {...props} />
    </Suspense>
  );
}
