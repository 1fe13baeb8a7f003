// One ECharts chart: the modules the app's charts use are registered once here (line and bar on a
// grid, with tooltip, legend and mark lines), so the bundle carries only those. The chart follows
// its container's width and is disposed with the component. Every chart has a table beside it
// (the caller's): the figures must be readable without the picture.
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export type ChartInstance = echarts.ECharts;

export function Chart({
  option,
  height = 320,
  label,
  renderer = 'svg',
  onReady,
}: {
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
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const ready = useRef(onReady);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer, locale: 'EN' });
    chart.current = instance;
    const cleanUp = ready.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      cleanUp?.();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
