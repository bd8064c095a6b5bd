import { useId, type ReactNode } from 'react';
import type { ChartModel, SamplePoint } from '../../lib/slo-chart-data';
import { samplePoints } from '../../lib/slo-chart-data';

interface ChartFigureProps {
  testId: string;
  title: string;
  /** One sentence for the accessible name. */
  summary: string;
  model: ChartModel;
  valueHeader: string;
  formatValue: (value: number | null) => string;
  formatTime: (unixSeconds: number) => string;
  children: ReactNode;
}

/** A chart with its title, a summary as its accessible name, and a hidden table of sampled points. */
export function ChartFigure({ testId, title, summary, model, valueHeader, formatValue, formatTime, children }: ChartFigureProps) {
  const titleId = useId();
  const [x, y] = model.data;
  const rows: SamplePoint[] = samplePoints(x, y ?? []);
  return (
    <figure className="chart" data-testid={testId} data-points={model.valueCount} aria-label={summary}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {children}
      <table className="visually-hidden" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.t}>
              <td>{formatTime(row.t)}</td>
              <td>{formatValue(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
