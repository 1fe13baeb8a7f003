// How a target's figures read and where they sit on its path: values exact (the API sends decimals
// as text; they become binary numbers only to be drawn), with the target's unit; the value the
// straight path from the baseline through the milestones expects at the end of a period (the rule
// the server judges by: domain/target-projection.ts); and reading a value a person typed the
// Vietnamese way ("1.234,5").
import { parseTargetPeriod, pathPosition } from '@domain/target-period';
import { expectedOnPath } from '@domain/target-projection';
import type { TargetDetail, TargetSummary } from '@features/targets/schema';
import { formatDecimal } from '../../app/format';
import { ASSESSMENT_LABELS, COMPARATOR_WORDS } from './labels';

type TargetActual = TargetDetail['actuals'][number];

/** Values are stored with up to 6 decimals: all of them are shown. */
export const VALUE_DECIMALS = 6;
/** A value computed on the path is shown as the rule states it: 2 decimals. */
export const PATH_DECIMALS = 2;

/** "17 đô thị", "12,5%", "1.234,5"; "—" when absent. */
export function withUnit(
  value: string | null | undefined,
  unit: string | null,
  decimals = VALUE_DECIMALS,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = formatDecimal(value, decimals);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** The unit a target's values are drawn and typed in ("%" for a percentage without one). */
export function unitOf(target: Pick<TargetSummary, 'unit' | 'kind'>): string | null {
  return target.unit ?? (target.kind === 'percentage' ? '%' : null);
}

/** Where a period's end sits on the path's scale, in years (2026 = 31/12/2026). */
export function positionOf(period: string, year: number): number {
  const parsed = parseTargetPeriod(period);
  return parsed ? pathPosition(parsed) : year;
}

/** Milestones that carry a value (a quantity's). */
export function valuedMilestones(target: Pick<TargetSummary, 'milestones'>) {
  return target.milestones.flatMap((m) =>
    m.value === null ? [] : [{ year: m.year, value: m.value }],
  );
}

/**
 * The value the path expects at `position` (exact, as text), or null when there is no path: no
 * baseline, or no milestone after it.
 */
export function expectedAt(
  target: Pick<TargetSummary, 'baseline' | 'milestones'>,
  position: number,
): string | null {
  const { baseline } = target;
  if (!baseline) return null;
  const ahead = valuedMilestones(target).filter((m) => m.year > baseline.year);
  if (ahead.length === 0) return null;
  return expectedOnPath(baseline, ahead, position).toDecimalPlaces(PATH_DECIMALS).toFixed();
}

/** The points of the path: the baseline, then the milestones after it; empty without a baseline. */
export function pathPoints(
  target: Pick<TargetSummary, 'baseline' | 'milestones'>,
): { year: number; value: string; baseline: boolean }[] {
  const { baseline } = target;
  if (!baseline) return [];
  const ahead = valuedMilestones(target)
    .filter((m) => m.year > baseline.year)
    .sort((a, b) => a.year - b.year);
  if (ahead.length === 0) return [];
  return [
    { year: baseline.year, value: baseline.value, baseline: true },
    ...ahead.map((m) => ({ ...m, baseline: false })),
  ];
}

export type ParsedValue = { ok: true; value: string } | { ok: false; message: string };

/**
 * A value typed by a person, as the API takes it ("-1234.5"): the comma is the decimal mark and
 * dots group thousands ("1.234,5"); a lone dot followed by other than three digits ("12.5") is read
 * as a decimal point, as many people type it. At most 6 digits after the mark.
 */
export function parseValue(text: string, decimals = VALUE_DECIMALS): ParsedValue {
  const raw = text.replace(/[\s\u00a0]/g, '');
  if (raw === '') return { ok: false, message: 'Cần nhập số' };
  const negative = raw.startsWith('-');
  const body = negative ? raw.slice(1) : raw;
  let normalized: string;
  if (body.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(body))
      return {
        ok: false,
        message: 'Số không hợp lệ: dùng dấu phẩy cho phần thập phân, ví dụ 12,5',
      };
    normalized = body.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(body)) {
    normalized = body.replace(/\./g, '');
  } else if (/^\d+(\.\d+)?$/.test(body)) {
    normalized = body;
  } else {
    return {
      ok: false,
      message: 'Số không hợp lệ: chỉ gồm chữ số, dấu phẩy thập phân, ví dụ 12,5',
    };
  }
  const [whole = '0', fraction = ''] = normalized.split('.');
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > decimals)
    return { ok: false, message: `Tối đa ${decimals} chữ số sau dấu phẩy` };
  if (trimmedWhole.length > 14) return { ok: false, message: 'Số quá lớn' };
  const value = trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
  return { ok: true, value: negative && /[1-9]/.test(value) ? `-${value}` : value };
}

/** A decimal of the API as a person types it back ("1234.5" → "1234,5"). */
export function valueInput(value: string | null | undefined): string {
  return value ? value.replace('.', ',') : '';
}

/** A Form.Item rule: empty, or a value that reads. */
export const valueRule = {
  validator: (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const parsed = parseValue(value);
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
};

/** What the form understood of a value typed ("Ghi nhận: 1.500 đô thị"), or nothing. */
export function valueEcho(value: string | undefined, unit: string | null): string | null {
  if (!value?.trim()) return null;
  const parsed = parseValue(value);
  return parsed.ok ? `Ghi nhận: ${withUnit(parsed.value, unit)}` : null;
}

/** The API's form of a value typed, or undefined when empty or unreadable. */
export function typedValue(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const parsed = parseValue(value);
  return parsed.ok ? parsed.value : undefined;
}

/** What a milestone asks, in words: "ít nhất 17 đô thị", "hoàn thành", "đạt yêu cầu". */
export function milestoneText(
  target: Pick<TargetSummary, 'kind' | 'comparator' | 'unit'>,
  milestone: { value: string | null },
): string {
  if (target.kind === 'milestone') return 'Hoàn thành';
  if (milestone.value === null) return 'Chưa có giá trị';
  return `${COMPARATOR_WORDS[target.comparator]} ${withUnit(milestone.value, unitOf(target))}`;
}

/** An actual as people read it: the value with its unit, "Đã đạt", or the assessment. */
export function actualText(
  target: Pick<TargetSummary, 'kind' | 'unit'>,
  actual: Pick<TargetActual, 'value' | 'achieved' | 'assessment'>,
): string {
  if (actual.value !== null) return withUnit(actual.value, unitOf(target));
  if (actual.achieved !== null) return actual.achieved ? 'Đã đạt' : 'Chưa đạt';
  if (actual.assessment) return ASSESSMENT_LABELS[actual.assessment].label;
  return '—';
}
