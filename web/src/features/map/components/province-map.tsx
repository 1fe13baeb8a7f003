// The map of the measure: loaded lazily by the map page (its default export), with ECharts' map
// code (app/map-chart.tsx) and the boundaries registered under the province's map name.
import type { CommuneBoundaries, CommuneMeasure, MapMeasure } from '@features/map/schema';
import { MAP_MEASURE_LABELS } from '@features/map/schema';
import { useMemo } from 'react';
import { CommuneMapChart, registerBoundaries } from '../../../app/map-chart';
import { formatMeasure, MEASURE_COLORS, MEASURE_UNITS } from '../measures';

const MAP_NAME = 'tiendo-communes';

export default function ProvinceMap({
  boundaries,
  measure,
  items,
  selected,
  onSelect,
}: {
  boundaries: CommuneBoundaries;
  measure: MapMeasure;
  items: readonly CommuneMeasure[];
  selected: string | undefined;
  onSelect: (code: string) => void;
}) {
  registerBoundaries(MAP_NAME, boundaries);
  const regions = useMemo(
    () =>
      items.map((i) => ({
        code: i.code,
        name: i.name,
        value: Number(i.value),
        text: formatMeasure(measure, i.value),
      })),
    [items, measure],
  );
  return (
    <div data-testid="map-chart">
      <CommuneMapChart
        mapName={MAP_NAME}
        regions={regions}
        colors={MEASURE_COLORS[measure]}
        unit={MEASURE_UNITS[measure]}
        selected={selected}
        onSelect={onSelect}
        label={`Bản đồ xã, phường: ${MAP_MEASURE_LABELS[measure]}`}
      />
    </div>
  );
}
