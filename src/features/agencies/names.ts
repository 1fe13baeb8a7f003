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

/** The keys an agency's own name and short name stand for (every variant). */
function ownKeys(name: string, shortName: string | null): Set<string> {
  return new Set(
    [name, ...(shortName ? [shortName] : [])].flatMap((n) => nameVariants(n).map(nameKey)),
  );
}

/**
 * The other names among an agency's aliases, as a person edits them: the written forms that its
 * name and short name do not produce, without the variants of one already listed ("UBND huyện X"
 * stands for "Ủy ban nhân dân huyện X" too). aliasRows(id, name, shortName, otherNames) gives the
 * same alias rows back.
 */
export function otherNamesOf(
  aliases: readonly string[],
  name: string,
  shortName: string | null,
): string[] {
  const covered = ownKeys(name, shortName);
  const out: string[] = [];
  for (const alias of [...aliases].sort()) {
    if (covered.has(nameKey(alias))) continue;
    out.push(alias);
    for (const v of nameVariants(alias)) covered.add(nameKey(v));
  }
  return out;
}

/** Where each alias key of an agency comes from: its name, its short name or its other names. */
export function keySources(
  name: string,
  shortName: string | null,
  otherNames: readonly string[],
): Map<string, { field: 'name' | 'shortName' | 'aliases'; written: string }> {
  const out = new Map<string, { field: 'name' | 'shortName' | 'aliases'; written: string }>();
  const add = (field: 'name' | 'shortName' | 'aliases', written: string) => {
    for (const v of nameVariants(written)) {
      const key = nameKey(v);
      if (!out.has(key)) out.set(key, { field, written });
    }
  };
  add('name', name);
  if (shortName) add('shortName', shortName);
  for (const o of otherNames) add('aliases', o);
  return out;
}
