// Communes as the API shows them.
import type { CommuneList } from './schema.js';

const vietnamese = new Intl.Collator('vi');

/** By name in Vietnamese order (Ă after A, Đ after D), then by code. */
export function presentCommunes(rows: readonly { code: string; name: string }[]): CommuneList {
  const items = rows.map((r) => ({ code: r.code, name: r.name }));
  items.sort((a, b) => vietnamese.compare(a.name, b.name) || a.code.localeCompare(b.code));
  return { items };
}
