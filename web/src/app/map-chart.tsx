// The province map: ECharts' map series and visual map on a canvas, through app/echarts-chart.tsx. This
// module registers what only the map needs (the map series, geo coordinates, the visual map, the
// canvas renderer), so only the page that lazily imports it downloads them; other charts do not.
// Regions are named by commune code (the boundaries' `properties.code`), so the values and the
// clicks speak codes; names are for the tooltip.
import { MapChart as MapSeries } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo, useRef } from 'react';
import type { ChartInstance, ChartOption } from './chart';
import { EChart } from './echarts-chart';

echarts.use([MapSeries, TooltipComponent, VisualMapComponent, CanvasRenderer]);

type Boundaries = Parameters<typeof echarts.registerMap>[1];

const registered = new Map<string, unknown>();

/** Registers the boundaries under `name` (again only when they changed). */
export function registerBoundaries(name: string, geoJson: unknown) {
  if (registered.get(name) === geoJson) return;
  echarts.registerMap(name, geoJson as Boundaries);
  registered.set(name, geoJson);
}

/**
 * The container of the map carries its chart, so that a browser test can find where a commune is
 * drawn (`convertToPixel`) and click it as a person would.
 */
export type MapHost = HTMLElement & { tiendoChart?: ChartInstance };

export type MapRegionValue = { code: string; name: string; value: number; text: string };

export function CommuneMapChart({
  mapName,
  regions,
  colors,
  unit,
  selected,
  onSelect,
  label,
  height = 560,
}: {
  /** A name given to registerBoundaries. */
  mapName: string;
  regions: readonly MapRegionValue[];
  /** From low to high. */
  colors: readonly string[];
  /** Shown after a value in the tooltip ("nhiệm vụ", "tỷ đồng"). */
  unit: string;
  selected: string | undefined;
  onSelect: (code: string) => void;
  label: string;
  height?: number;
}) {
  const select = useRef(onSelect);
  select.current = onSelect;
  const byCode = useMemo(() => new Map(regions.map((r) => [r.code, r])), [regions]);
  const names = useRef(byCode);
  names.current = byCode;

  const max = Math.max(1, ...regions.map((r) => r.value));
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const region = names.current.get(p.name);
          return region ? `<b>${escapeHtml(region.name)}</b><br/>${region.text} ${unit}` : '';
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        left: 8,
        bottom: 8,
        text: ['Cao', 'Thấp'],
        calculable: true,
        inRange: { color: [...colors] },
        formatter: (v: number) =>
          new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(v),
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          selectedMode: 'single',
          label: { show: false },
          emphasis: {
            label: {
              show: true,
              formatter: (p: { name: string }) => names.current.get(p.name)?.name ?? '',
            },
          },
          select: {
            label: {
              show: true,
              formatter: (p: { name: string }) => names.current.get(p.name)?.name ?? '',
            },
            itemStyle: { borderColor: '#000', borderWidth: 2 },
          },
          itemStyle: { borderColor: '#fff', borderWidth: 0.6 },
          data: regions.map((r) => ({
            name: r.code,
            value: r.value,
            selected: r.code === selected,
          })),
        },
      ],
    }),
    [regions, colors, unit, mapName, max, selected],
  );

  return (
    <EChart
      option={option}
      height={height}
      label={label}
      renderer="canvas"
      onReady={(chart) => {
        const host = chart.getDom() as MapHost;
        host.tiendoChart = chart;
        chart.on('click', (params) => {
          if (params.componentType === 'series' && typeof params.name === 'string')
            select.current(params.name);
        });
        return () => {
          host.tiendoChart = undefined;
        };
      }}
    />
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
