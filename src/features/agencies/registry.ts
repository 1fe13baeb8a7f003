// Editing the agency registry: adding an agency, renaming it, its short name, kind and other names,
// ending it (with its successors, as a succession of the reorganisation). Every function works
// inside the caller's transaction (`tx`) and writes its audit records there, so a caller such as
// the importer's review can add "this unknown agency" together with its own change, all or nothing.
// Callers authorize first (policy.ts: canCreateAgency, agencyPolicy); rows are always read within
// the actor's tenant.
//
// Names: the alias rows (agency_aliases) hold every written form of the name, the short name and
// the other names (names.ts: the "Ủy ban nhân dân"/"UBND" variants too), the search text folds
// the same three; agencies loaded from the reference files are built by the same functions.
//
// Decisions:
// - Renaming keeps the former name (and a replaced short name) as an other name by default, so
//   that plans written before still resolve, in the importer's directory (imports/directory.ts)
//   and in agencyResolver; `keepFormerNames: false` is for correcting a typo.
// - A name or other name is refused (409 agency_name_taken) when another agency of the tenant is
//   written so during the same time: their in-force periods overlap. An agency that ended may
//   share its name with the one that followed it (the reference data holds such pairs, and the
//   resolvers pick the one in force on the document's date). Only the forms a change adds are
//   checked, so data loaded before this rule never blocks an unrelated edit.
// - Registry changes of a tenant run one at a time (a transaction-scoped advisory lock): two
//   administrators adding the same name at once cannot both pass the check.
// - The code (what plan files name agencies by) is given or made from the short name, and never
//   changes.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { agencies, agencyAliases } from '../../db/schema.js';
import { nameKey, normalizeVietnamese } from '../../domain/vietnamese-text.js';
import { AppError, InvalidInputError, NotFoundError } from '../../server/errors.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { recordSuccession } from '../reorganisation/service.js';
import { agencySearchText, aliasRows, keySources, otherNamesOf } from './names.js';
import {
  agencyAliasesBodySchema,
  type CreateAgencyBody,
  createAgencyBodySchema,
  type EndAgencyBody,
  endAgencyBodySchema,
  type UpdateAgencyBody,
  updateAgencyBodySchema,
} from './schema.js';
import type { AgencyRow } from './service.js';

type Tx = Db;
export type RegistryActor = Actor & { tenantId: string };

/** Input checked here too: callers other than the routes (the importer) pass what they have. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    parsed.error.issues.map((i) => ({
      field: ['body', ...i.path.map(String)].join('.'),
      code: i.code,
      message: i.message,
    })),
  );
}

/** One registry change of a tenant at a time (until the transaction ends). */
async function lockRegistry(tx: Tx, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`agency-registry:${tenantId}`}))`);
}

const optionalName = (n: string | null | undefined) =>
  n === undefined ? undefined : n === null ? null : normalizeVietnamese(n);

/** Distinct other names, normalised, in the order given (one per key). */
function distinctNames(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const n of names.map(normalizeVietnamese))
    if (!seen.has(nameKey(n))) seen.set(nameKey(n), n);
  return [...seen.values()];
}

type Period = { inForceFrom: string | null; inForceTo: string | null };

/** Two in-force periods [from, to) share a day; null is open-ended. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (
    (a.inForceFrom === null || b.inForceTo === null || a.inForceFrom < b.inForceTo) &&
    (b.inForceFrom === null || a.inForceTo === null || b.inForceFrom < a.inForceTo)
  );
}

/**
 * Refuses written forms (alias keys) that another agency of the tenant carries during the same
 * time: 409 agency_name_taken, the field it came from and the agency that has it.
 */
async function assertNamesFree(
  tx: Tx,
  tenantId: string,
  self: Period & { id: string | null },
  names: { name: string; shortName: string | null; otherNames: readonly string[] },
  onlyKeys?: ReadonlySet<string>,
) {
  const sources = keySources(names.name, names.shortName, names.otherNames);
  const keys = [...sources.keys()].filter((k) => !onlyKeys || onlyKeys.has(k));
  if (keys.length === 0) return;
  const holders = await tx
    .select({
      key: agencyAliases.aliasKey,
      alias: agencyAliases.alias,
      id: agencies.id,
      code: agencies.code,
      name: agencies.name,
      inForceFrom: agencies.inForceFrom,
      inForceTo: agencies.inForceTo,
    })
    .from(agencyAliases)
    .innerJoin(agencies, eq(agencies.id, agencyAliases.agencyId))
    .where(
      and(
        eq(agencies.tenantId, tenantId),
        inArray(agencyAliases.aliasKey, keys),
        self.id ? ne(agencies.id, self.id) : undefined,
      ),
    );
  const clash = holders.find((h) => periodsOverlap(self, h));
  if (!clash) return;
  const source = sources.get(clash.key);
  const field = `body.${source?.field ?? 'name'}`;
  const message = `"${source?.written ?? clash.alias}" already names ${clash.name} (${clash.code})`;
  throw new AppError(
    409,
    'agency_name_taken',
    message,
    [{ field, code: 'agency_name_taken', message }],
    {
      written: source?.written ?? clash.alias,
      agency: { id: clash.id, code: clash.code, name: clash.name },
    },
  );
}

/**
 * A code made from the short name (or the name): the initials, an abbreviation kept whole
 * ("Sở Ngoại vụ" → "SNV", "Sở KH&ĐT" → "SKHDT", "VPUBND" → "VPUBND").
 */
export function codeFor(name: string, shortName: string | null): string {
  const folded = (shortName ?? name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const parts = folded.split(/\s+/u).map((word) => {
    const letters = word.replace(/[^A-Za-z0-9]/g, '');
    // An abbreviation (capitals after the first letter: KH&ĐT, NgV, UBND) gives its capitals.
    return /[A-Z0-9]/.test(letters.slice(1))
      ? letters.replace(/[^A-Z0-9]/g, '')
      : letters.slice(0, 1).toUpperCase();
  });
  return parts.join('').slice(0, 30) || 'CQ';
}

async function freeCode(tx: Tx, tenantId: string, base: string): Promise<string> {
  const taken = new Set(
    (
      await tx
        .select({ code: agencies.code })
        .from(agencies)
        .where(and(eq(agencies.tenantId, tenantId), sql`${agencies.code} like ${`${base}%`}`))
    ).map((r) => r.code),
  );
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}

async function lockedAgency(tx: Tx, tenantId: string, id: string): Promise<AgencyRow> {
  const [row] = await tx
    .select()
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('agency');
  return row;
}

async function aliasesOf(tx: Tx, agencyId: string) {
  return tx
    .select({ alias: agencyAliases.alias, key: agencyAliases.aliasKey })
    .from(agencyAliases)
    .where(eq(agencyAliases.agencyId, agencyId));
}

/** The agency's alias rows become those of its names: rows no longer written are removed. */
async function writeAliases(
  tx: Tx,
  agencyId: string,
  current: readonly { key: string }[],
  next: ReturnType<typeof aliasRows>,
) {
  const nextKeys = new Set(next.map((r) => r.aliasKey));
  const currentKeys = new Set(current.map((r) => r.key));
  const gone = [...currentKeys].filter((k) => !nextKeys.has(k));
  if (gone.length > 0)
    await tx
      .delete(agencyAliases)
      .where(and(eq(agencyAliases.agencyId, agencyId), inArray(agencyAliases.aliasKey, gone)));
  const added = next.filter((r) => !currentKeys.has(r.aliasKey));
  if (added.length > 0) await tx.insert(agencyAliases).values(added);
}

function dateOrder(from: string | null, to: string | null) {
  if (from !== null && to !== null && to <= from)
    throw new InvalidInputError(
      [{ field: 'body.inForceFrom', code: 'ends_before_start', message: 'ends before it starts' }],
      'ends_before_start',
    );
}

// ---------------------------------------------------------------------------------------------

/** Adds an agency to the registry (in the caller's transaction); returns its row. */
export async function createAgency(
  tx: Tx,
  actor: RegistryActor,
  input: CreateAgencyBody,
): Promise<AgencyRow> {
  const body = parse(createAgencyBodySchema, input);
  const tenantId = actor.tenantId;
  const name = normalizeVietnamese(body.name);
  const shortName = optionalName(body.shortName) ?? null;
  const otherNames = otherNamesOf(distinctNames(body.aliases), name, shortName);
  const period = { inForceFrom: body.inForceFrom ?? null, inForceTo: null };
  await lockRegistry(tx, tenantId);
  await assertNamesFree(tx, tenantId, { id: null, ...period }, { name, shortName, otherNames });
  let code = body.code;
  if (code) {
    const [taken] = await tx
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(and(eq(agencies.tenantId, tenantId), eq(agencies.code, code)));
    if (taken)
      throw new AppError(409, 'agency_code_taken', `code ${code} is ${taken.name}'s`, [
        { field: 'body.code', code: 'agency_code_taken', message: `code ${code} is taken` },
      ]);
  } else {
    code = await freeCode(tx, tenantId, codeFor(name, shortName));
  }
  const [row] = await tx
    .insert(agencies)
    .values({
      tenantId,
      code,
      name,
      shortName,
      kind: body.kind,
      ...period,
      note: body.note ?? null,
      searchText: agencySearchText(name, shortName, otherNames),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const rows = aliasRows(row.id, name, shortName, otherNames);
  if (rows.length > 0) await tx.insert(agencyAliases).values(rows);
  await recordAudit(tx, actor, [
    {
      entity: 'agency',
      entityId: row.id,
      action: 'create',
      after: { ...row, otherNames, aliases: rows.map((r) => r.alias) },
    },
  ]);
  return row;
}

/**
 * Changes an agency's name, short name, kind, start, note or other names, in one change. A former
 * name and a replaced short name stay other names unless `keepFormerNames` is false.
 */
export async function updateAgency(
  tx: Tx,
  actor: RegistryActor,
  agencyId: string,
  input: UpdateAgencyBody,
): Promise<AgencyRow> {
  const body = parse(updateAgencyBodySchema, input);
  await lockRegistry(tx, actor.tenantId);
  const before = await lockedAgency(tx, actor.tenantId, agencyId);
  const current = await aliasesOf(tx, agencyId);
  const formerOthers = otherNamesOf(
    current.map((c) => c.alias),
    before.name,
    before.shortName,
  );
  const name = body.name === undefined ? before.name : normalizeVietnamese(body.name);
  const shortName =
    body.shortName === undefined ? before.shortName : (optionalName(body.shortName) ?? null);
  const kept: string[] = [];
  if (body.keepFormerNames) {
    if (nameKey(name) !== nameKey(before.name)) kept.push(before.name);
    if (
      before.shortName &&
      (shortName === null || nameKey(shortName) !== nameKey(before.shortName))
    )
      kept.push(before.shortName);
  }
  const others = body.aliases === undefined ? formerOthers : body.aliases;
  const otherNames = otherNamesOf(distinctNames([...others, ...kept]), name, shortName);
  const inForceFrom = body.inForceFrom === undefined ? before.inForceFrom : body.inForceFrom;
  dateOrder(inForceFrom, before.inForceTo);
  return rewrite(tx, actor, before, current, {
    name,
    shortName,
    otherNames,
    kind: body.kind ?? before.kind,
    inForceFrom,
    note: body.note === undefined ? before.note : body.note || null,
  });
}

/** Replaces an agency's other names (those its name and short name do not give). */
export async function setAgencyAliases(
  tx: Tx,
  actor: RegistryActor,
  agencyId: string,
  input: { aliases: readonly string[] },
): Promise<AgencyRow> {
  const body = parse(agencyAliasesBodySchema, input);
  await lockRegistry(tx, actor.tenantId);
  const before = await lockedAgency(tx, actor.tenantId, agencyId);
  const current = await aliasesOf(tx, agencyId);
  return rewrite(tx, actor, before, current, {
    name: before.name,
    shortName: before.shortName,
    otherNames: otherNamesOf(distinctNames(body.aliases), before.name, before.shortName),
    kind: before.kind,
    inForceFrom: before.inForceFrom,
    note: before.note,
  });
}

/** Writes an agency's fields and names when they changed, checked and audited. */
async function rewrite(
  tx: Tx,
  actor: RegistryActor,
  before: AgencyRow,
  current: readonly { alias: string; key: string }[],
  next: {
    name: string;
    shortName: string | null;
    otherNames: string[];
    kind: string;
    inForceFrom: string | null;
    note: string | null;
  },
): Promise<AgencyRow> {
  const rows = aliasRows(before.id, next.name, next.shortName, next.otherNames);
  const currentKeys = new Set(current.map((c) => c.key));
  const sameNames =
    rows.length === currentKeys.size && rows.every((r) => currentKeys.has(r.aliasKey));
  const searchText = agencySearchText(next.name, next.shortName, next.otherNames);
  const unchanged =
    sameNames &&
    next.name === before.name &&
    next.shortName === before.shortName &&
    next.kind === before.kind &&
    next.inForceFrom === before.inForceFrom &&
    next.note === before.note &&
    searchText === before.searchText;
  if (unchanged) return before;
  // A later start can only free names; an earlier one may meet an agency of the past.
  const wider = next.inForceFrom !== before.inForceFrom;
  await assertNamesFree(
    tx,
    actor.tenantId,
    { id: before.id, inForceFrom: next.inForceFrom, inForceTo: before.inForceTo },
    next,
    wider ? undefined : new Set(rows.map((r) => r.aliasKey).filter((k) => !currentKeys.has(k))),
  );
  const [after] = await tx
    .update(agencies)
    .set({
      name: next.name,
      shortName: next.shortName,
      kind: next.kind,
      inForceFrom: next.inForceFrom,
      note: next.note,
      searchText,
    })
    .where(eq(agencies.id, before.id))
    .returning();
  if (!after) throw new NotFoundError('agency');
  await writeAliases(tx, before.id, current, rows);
  const formerOthers = otherNamesOf(
    current.map((c) => c.alias),
    before.name,
    before.shortName,
  );
  const fields = ['name', 'shortName', 'kind', 'inForceFrom', 'note'] as const;
  const changed = fields.filter((f) => before[f] !== after[f]);
  await recordAudit(tx, actor, [
    {
      entity: 'agency',
      entityId: before.id,
      action: 'update',
      before: {
        ...Object.fromEntries(changed.map((f) => [f, before[f]])),
        otherNames: formerOthers,
      },
      after: {
        ...Object.fromEntries(changed.map((f) => [f, after[f]])),
        otherNames: next.otherNames,
      },
    },
  ]);
  return after;
}

/**
 * Ends an agency: from `endsOn` it no longer exists. With successors, the end is a succession of
 * the reorganisation (merge: one, split: several), which an administrator then applies to running
 * tasks (/quan-tri/to-chuc-lai); without, its work stays with it until a person reassigns it.
 */
export async function endAgency(
  tx: Tx,
  actor: RegistryActor,
  agencyId: string,
  input: EndAgencyBody,
): Promise<AgencyRow> {
  const body = parse(endAgencyBodySchema, input);
  await lockRegistry(tx, actor.tenantId);
  const before = await lockedAgency(tx, actor.tenantId, agencyId);
  if (before.inForceTo !== null)
    throw new AppError(409, 'agency_ended', `the agency ends on ${before.inForceTo} already`);
  if (before.inForceFrom !== null && body.endsOn <= before.inForceFrom)
    throw new InvalidInputError(
      [{ field: 'body.endsOn', code: 'ends_before_start', message: 'ends before it starts' }],
      'ends_before_start',
    );
  if (body.succession) {
    await recordSuccession(tx, actor, {
      predecessorId: agencyId,
      kind: body.succession.kind,
      effectiveOn: body.endsOn,
      successorIds: body.succession.successorIds,
      ...(body.note ? { note: body.note } : {}),
    });
    return lockedAgency(tx, actor.tenantId, agencyId);
  }
  const [after] = await tx
    .update(agencies)
    .set({ inForceTo: body.endsOn })
    .where(eq(agencies.id, agencyId))
    .returning();
  if (!after) throw new NotFoundError('agency');
  await recordAudit(tx, actor, [
    {
      entity: 'agency',
      entityId: agencyId,
      action: 'end',
      before: { inForceTo: before.inForceTo },
      after: { inForceTo: after.inForceTo, note: body.note ?? null },
    },
  ]);
  return after;
}
