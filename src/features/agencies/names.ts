// How agencies are named and found: aliases and abbreviations that plans use interchangeably.
import { foldForSearch, nameKey, normalizeVietnamese } from '../../domain/vietnamese-text.js';

/** Long and short forms that are written interchangeably in agency names. */
const EQUIVALENT_FORMS: readonly (readonly [string, string])[] = [
  ['Ủy ban nhân dân', 'UBND'],
  ['Hội đồng nhân dân', 'HĐND'],
];

/** Every written form of a name: as given, and with each long form swapped for its short one. */
export function nameVariants(name: string): string[] {
  const variants = new Set([normalizeVietnamese(name)]);
  for (const [long, short] of EQUIVALENT_FORMS) {
    for (const v of [...variants]) {
      const swapped = v.replace(new RegExp(long, 'giu'), short);
      variants.add(swapped);
      variants.add(v.replace(new RegExp(`\\b${short}\\b`, 'gu'), long));
    }
  }
  return [...variants];
}

export function aliasRows(
  agencyId: string,
  name: string,
  shortName: string | null,
  extra: readonly string[] = [],
) {
  const seen = new Map<string, string>();
  for (const written of [name, ...(shortName ? [shortName] : []), ...extra]) {
    for (const variant of nameVariants(written)) {
      const key = nameKey(variant);
      if (!seen.has(key)) seen.set(key, variant);
    }
  }
  return [...seen].map(([aliasKey, alias]) => ({ agencyId, alias, aliasKey }));
}

export function agencySearchText(
  name: string,
  shortName: string | null,
  aliases: readonly string[],
): string {
  return foldForSearch([name, shortName ?? '', ...aliases].join(' | '));
}
