import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { readChartColors, useThemeName, type ChartColors } from '../../hooks/use-chart-theme';
import type { ChartModel, ChartSeriesKind } from '../../lib/slo-chart-data';

export interface UplotChartProps {
  model: ChartModel;
  /** Legend and hover values: "23.4 %", "15.2×", "—" for a gap. */
  formatValue: (value: number | null) => string;
  /** Tick labels on the y axis. */
  formatTick: (value: number) => string;
  height?: number;
}

const DASH: Record<ChartSeriesKind, number[] | undefined> = { value: undefined, page: [6, 4], ticket: [2, 4], zero: [4, 4] };

function strokeFor(kind: ChartSeriesKind, colors: ChartColors): string {
  return kind === 'value' ? colors.line : colors[kind];
}

/** Room for the widest y tick label ("-1000 %"), measured roughly from its length. */
function yAxisSize(_chart: uPlot, values: string[] | null): number {
  const longest = Math.max(4, ...(values ?? []).map((value) => value.length));
  return 16 + longest * 7.5;
}

function chartOptions(props: Required<UplotChartProps>, colors: ChartColors, width: number): uPlot.Options {
  const axis = {
    stroke: colors.muted,
    grid: { stroke: colors.border, width: 1 },
    ticks: { stroke: colors.border, width: 1 },
  };
  return {
    width,
    height: props.height,
    scales: { x: { time: true } },
    // Hover shows values; no drag-zoom: the window is the story.
    cursor: { drag: { x: false, y: false, setScale: false } },
    legend: { live: true },
    series: [
      {},
      ...props.model.series.map((spec) => ({
        label: spec.label,
        stroke: strokeFor(spec.kind, colors),
        width: spec.kind === 'value' ? 2 : 1.5,
        dash: DASH[spec.kind],
        ...(spec.kind === 'value' ? { fill: colors.fill } : {}),
        spanGaps: false,
        points: { show: false },
        value: (_chart: uPlot, raw: number | null) => props.formatValue(raw ?? null),
      })),
    ],
    axes: [axis, { ...axis, size: yAxisSize, values: (_chart: uPlot, splits: number[]) => splits.map(props.formatTick) }],
  };
}

/**
 * A uPlot canvas for one chart model. It is drawn anew when the data or the theme changes (a
 * few times a minute at most) and resized with its pane. The canvas is hidden from assistive
 * technology: the figure around it carries the text alternative.
 */
export function UplotChart({ model, formatValue, formatTick, height = 180 }: UplotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const theme = useThemeName();
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const colors = readChartColors(element);
    const chart = new uPlot(chartOptions({ model, formatValue, formatTick, height }, colors, Math.max(200, element.clientWidth)), model.data, element);
    let lastWidth = element.clientWidth;
    const observer = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== lastWidth) {
        lastWidth = width;
        chart.setSize({ width, height });
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [model, formatValue, formatTick, height, theme]);
  return <div className="chart-canvas" ref={container} aria-hidden="true" data-theme-drawn={theme} />;
}
