// One ECharts chart: the modules the app's charts use are registered once here (line and bar on a
// grid, with tooltip, legend and mark lines), so the bundle carries only those. The chart follows
// its container's width and is disposed with the component. Pages use it through app/chart.tsx,
// which loads this module (and ECharts, some 180 kB gzipped) on demand, after the page's figures
// and tables; the map (app/map-chart.tsx, itself loaded on demand) imports it directly.
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
import type { ChartProps } from './chart';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export function EChart({ option, height = 320, label, renderer = 'svg', onReady }: ChartProps) {
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
