// A rate (a share from 0 to 1) as Vietnamese readers write a percentage: "42,9%"; "—" for none.
const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${percent.format(rate * 100)}%`;
}
