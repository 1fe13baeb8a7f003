// How each measure of the map reads: its unit, its colours, its figures in Vietnamese form.
import type { MapMeasure } from '@features/map/schema';
import { formatDecimal } from '../../app/format';
import { AMOUNT_DECIMALS } from '../projects/figures';

/** What a value is counted in, after the number. */
export const MEASURE_UNITS: Record<MapMeasure, string> = {
  overdue: 'nhiệm vụ quá hạn',
  projects: 'dự án',
  disbursement: 'tỷ đồng',
};

/** The table's column of the measure. */
export const MEASURE_COLUMNS: Record<MapMeasure, string> = {
  overdue: 'Số nhiệm vụ quá hạn',
  projects: 'Số dự án trọng điểm',
  disbursement: 'Giải ngân trong năm (tỷ đồng)',
};

/** Low to high: red for what is late, blue for projects, green for money spent. */
export const MEASURE_COLORS: Record<MapMeasure, readonly string[]> = {
  overdue: ['#f5f5f5', '#ffccc7', '#ff7875', '#cf1322', '#820014'],
  projects: ['#f5f5f5', '#bae0ff', '#69b1ff', '#1677ff', '#002c8c'],
  disbursement: ['#f5f5f5', '#d9f7be', '#95de64', '#389e0d', '#135200'],
};

export const formatMeasure = (measure: MapMeasure, value: string) =>
  measure === 'disbursement' ? formatDecimal(value, AMOUNT_DECIMALS) : formatDecimal(value, 0);
