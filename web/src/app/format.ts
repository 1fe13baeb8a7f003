// Dates and numbers as Vietnamese readers write them: 17/07/2024, 1.234,5.

/** An ISO date ("2024-07-17") or timestamp as dd/mm/yyyy; "—" when absent. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  return `${d}/${m}/${y}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A timestamp as dd/mm/yyyy hh:mm in the reader's time zone; "—" when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * An exact decimal as the API sends it ("1234.5", "-0.125") in Vietnamese form ("1.234,5"),
 * without passing through a binary floating-point number; at most `decimals` digits after the
 * comma (truncated toward zero is avoided: the digits are rounded half up on the text).
 */
export function formatDecimal(value: string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  let digits = (whole + fraction.padEnd(decimals, '0').slice(0, decimals)).split('').map(Number);
  if (Number(fraction[decimals] ?? '0') >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] === 9) {
        digits[i] = 0;
        i--;
      } else {
        digits[i] = (digits[i] ?? 0) + 1;
        break;
      }
    }
    if (i < 0) digits = [1, ...digits];
  }
  const text = digits.join('');
  const intPart = text.slice(0, text.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = text.slice(text.length - decimals).replace(/0+$/, '');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const shown = fracPart ? `${grouped},${fracPart}` : grouped;
  return sign && /[1-9]/.test(shown) ? `-${shown}` : shown;
}
