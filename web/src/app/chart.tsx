// One chart, for every page: ECharts itself (app/echarts-chart.tsx, some 180 kB gzipped) is loaded on
// demand when the first chart renders, so a page's first load carries only its figures and tables
// and the chart fills its reserved space a moment later. Every chart has a table beside it (the
// caller's): the figures must be readable without the picture, and before it arrives.
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

export type ChartOption = EChartsCoreOption;

export type ChartInstance = ECharts;

export type ChartProps = {
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  /**
   * 'canvas' only where the caller's module registers echarts' CanvasRenderer (the map:
   * app/map-chart.tsx), so that pages without it do not carry it.
   */
  renderer?: 'svg' | 'canvas';
  /** Called once with the chart (events), before its first option; returns its clean-up. */
  onReady?: (chart: ChartInstance) => (() => void) | undefined;
};

const EChart = lazy(() => import('./echarts-chart').then((m) => ({ default: m.EChart })));

export function Chart(props: ChartProps) {
  // The placeholder keeps the chart's height, so the page does not move when it arrives.
  return (
    <Suspense
      fallback={
        <div
          role="img"
          aria-label={props.label}
          aria-busy
          style={{ height: props.height ?? 320 }}
        />
      }
    >
      <EChart {...props} />
    </Suspense>
  );
}
