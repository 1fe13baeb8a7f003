// How a key project's figures read: money in tỷ đồng, exact (the API sends decimals as text and
// they are never turned into binary floating-point numbers to be shown), percentages, slippage in
// days; and reading an amount a person typed the Vietnamese way ("1.234,5").
import { formatDecimal } from '../../app/format';

/** Amounts carry up to 3 decimals (million đồng); all of them are shown. */
export const AMOUNT_DECIMALS = 3;

/** "12,5 tỷ đồng"; "—" when unknown. */
export function formatBillion(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${formatDecimal(value, AMOUNT_DECIMALS)} tỷ đồng`;
}

/** "31,25%"; "—" when unknown. */
export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${formatDecimal(value, 2)}%`;
}

/** "đã giải ngân 12,5 / 40 tỷ đồng (31,25%)", or what is missing for it. */
export function disbursementText(figures: {
  disbursed: string;
  capitalPlanned: string;
  disbursedPercent: string | null;
}): string {
  const disbursed = formatDecimal(figures.disbursed, AMOUNT_DECIMALS);
  if (figures.disbursedPercent === null) {
    if (/^0(\.0*)?$/.test(figures.disbursed)) return 'chưa có kế hoạch vốn, chưa giải ngân';
    return `đã giải ngân ${disbursed} tỷ đồng (chưa có kế hoạch vốn)`;
  }
  const planned = formatDecimal(figures.capitalPlanned, AMOUNT_DECIMALS);
  return `đã giải ngân ${disbursed} / ${planned} tỷ đồng (${formatPercent(figures.disbursedPercent)})`;
}

/** A percentage for a progress bar (0–100): only the bar's length, never a figure shown. */
export function barPercent(value: string | null | undefined): number {
  if (!value) return 0;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

export type Slippage = { text: string; late: boolean };

/** A milestone's slippage: "chậm 12 ngày", "sớm 3 ngày", "đúng hạn"; null when not judged. */
export function slippage(days: number | null | undefined): Slippage | null {
  if (days === null || days === undefined) return null;
  if (days > 0) return { text: `chậm ${days.toLocaleString('vi-VN')} ngày`, late: true };
  if (days < 0) return { text: `sớm ${(-days).toLocaleString('vi-VN')} ngày`, late: false };
  return { text: 'đúng hạn', late: false };
}

export type ParsedAmount = { ok: true; value: string } | { ok: false; message: string };

/**
 * An amount typed by a person, as the API takes it ("1234.5"): the comma is the decimal mark and
 * dots group thousands ("1.234,5"); a lone dot followed by other than three digits ("12.5") is read
 * as a decimal point, as many people type it. At most `decimals` digits after the mark.
 */
export function parseAmount(text: string, decimals = AMOUNT_DECIMALS): ParsedAmount {
  const raw = text.replace(/[\s\u00a0]/g, '');
  if (raw === '') return { ok: false, message: 'Cần nhập số' };
  let normalized: string;
  if (raw.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(raw))
      return {
        ok: false,
        message: 'Số không hợp lệ: dùng dấu phẩy cho phần thập phân, ví dụ 12,5',
      };
    normalized = raw.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(raw)) {
    normalized = raw.replace(/\./g, '');
  } else if (/^\d+(\.\d+)?$/.test(raw)) {
    normalized = raw;
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
  if (trimmedWhole.length > 17) return { ok: false, message: 'Số quá lớn' };
  return { ok: true, value: trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole };
}

/** A decimal of the API as a person types it back ("1234.5" → "1234,5"). */
export function amountInput(value: string | null | undefined): string {
  return value ? value.replace('.', ',') : '';
}

/** The exact sum of decimals as the API sends them ("12.5" + "0.125" → "12.625"). */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  let total = 0n;
  for (const value of values) {
    const negative = value.startsWith('-');
    const [whole = '0', fraction = ''] = value.replace(/^-/, '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
