import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useFormat } from '../../format/locale-format';

export interface ChartSeries {
  label: string;
  values: number[];
  /** Bars for an amount per category (an hour, a shift), side by side with the other bars; a line with points for a trend. */
  kind: 'bars' | 'line';
}

interface ChartProps {
  title: string;
  /** What each x position is ("28/11/2026 08:00", "28/11/2026 Morning"): the table's first column. */
  labels: string[];
  /** Shorter labels for the axis ("08:00"), where the full ones would overlap; default: the labels. */
  axisLabels?: string[];
  labelHeading: string;
  series: ChartSeries[];
  testId: string;
}

const HEIGHT = 260;
/** Told apart by dash as well as colour, so a series never depends on colour alone (the table has the numbers). */
const STROKES = ['#5b8def', '#e0a030', '#8fbf6a', '#c678dd', '#4fc1c9', '#e06c75', '#a0a0a0', '#d19a66'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
/** The share of a category's width its bars take together; the rest is the gap that tells categories apart. */
const GROUP_WIDTH = 0.7;
const SCALE_VALUE = 1 as uPlot.Series.BarsPathBuilderFacetUnit;

/**
 * Bars of the `slot`-th of `slots` bar series, beside each other within each category (uPlot's bars
 * builder alone would draw every series on the category's centre, one over the other).
 */
function groupedBars(slot: number, slots: number): uPlot.Series.PathBuilder | undefined {
  const width = GROUP_WIDTH / slots;
  return uPlot.paths.bars?.({
    disp: {
      x0: { unit: SCALE_VALUE, values: (self) => (self.data[0] as number[]).map((x) => x - GROUP_WIDTH / 2 + slot * width) },
      size: { unit: SCALE_VALUE, values: () => [width] },
    },
  });
}

/**
 * A small throughput chart (uPlot: canvas, no inline styles the CSP would
 * refuse) with its numbers as a table underneath: the chart is a picture for
 * the eye, the table is the same data for a screen reader or a careful look.
 */
export function ThroughputChart({ title, labels, axisLabels = labels, labelHeading, series, testId }: ChartProps) {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element || labels.length === 0) return;
    const styles = getComputedStyle(element);
    const ink = styles.color || '#888';
    const grid = styles.getPropertyValue('--line').trim() || 'rgba(128,128,128,0.3)';
    const step = (width: number): number => Math.max(1, Math.ceil(labels.length / Math.max(1, width / 70)));
    const bars = series.filter((line) => line.kind === 'bars');
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: HEIGHT,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [-0.5, labels.length - 0.5] },
          // From zero: a bar's height is its amount.
          y: { range: (_self, _min, max) => uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) },
        },
        axes: [
          {
            stroke: ink,
            grid: { stroke: grid },
            splits: () => labels.map((_, index) => index),
            values: (self, splits) => splits.map((index) => (index % step(self.width) === 0 ? (axisLabels[index] ?? '') : '')),
          },
          { stroke: ink, grid: { stroke: grid } },
        ],
        series: [
          { label: labelHeading, value: (_self, index) => (index === null ? '' : (labels[index] ?? '')) },
          ...series.map((line, index) => ({
            label: line.label,
            stroke: STROKES[index % STROKES.length],
            fill: line.kind === 'bars' ? `${STROKES[index % STROKES.length]}99` : undefined,
            dash: line.kind === 'line' ? DASHES[index % DASHES.length] : undefined,
            width: 2,
            points: { show: line.kind === 'line', size: 7 },
            paths: line.kind === 'bars' ? groupedBars(bars.indexOf(line), bars.length) : undefined,
          })),
        ],
      },
      [labels.map((_, index) => index), ...series.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [labels, axisLabels, labelHeading, series]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      {labels.length === 0 ? (
        <p className="empty">{t('noData')}</p>
      ) : (
        <>
          <div ref={box} className="chart-canvas" role="img" aria-label={t('chartImage', { title })} />
          <details className="chart-table">
            <summary>{t('asTable')}</summary>
            <table className="table compact" aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">{labelHeading}</th>
                  {series.map((line) => (
                    <th key={line.label} scope="col" className="number">
                      {line.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {labels.map((label, index) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {series.map((line) => (
                      <td key={line.label} className="number">
                        {format.number(line.values[index] ?? 0, 1)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
