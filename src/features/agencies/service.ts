// Reading the agency registry, always inside one tenant, and resolving agencies as plans write them.
import {
  and,
  asc,
  count,
  eq,
  gt,
  inArray,
  isNull,
  like,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyAliases,
  agencySuccessions,
  agencySuccessors,
  communes,
} from '../../db/schema.js';
import {
  indexSuccessions,
  type Responsibility,
  responsibleOn,
  type Succession,
  type SuccessionIndex,
} from '../../domain/succession.js';
import { nameKey, searchTerms } from '../../domain/vietnamese-text.js';
import type { AgencyListQuery } from './schema.js';

export type AgencyRow = typeof agencies.$inferSelect;

/** Rows of one tenant only: every read of agencies goes through this condition. */
const inTenant = (tenantId: string) => eq(agencies.tenantId, tenantId);

function activeOn(on: string): SQL {
  return and(
    or(isNull(agencies.inForceFrom), lte(agencies.inForceFrom, on)),
    or(isNull(agencies.inForceTo), gt(agencies.inForceTo, on)),
  ) as SQL;
}

export async function searchAgencies(
  db: Db,
  tenantId: string,
  query: AgencyListQuery,
  today: string,
) {
  const conditions: SQL[] = [inTenant(tenantId)];
  for (const term of searchTerms(query.q ?? '')) {
    // Escape LIKE wildcards typed by the user; the folded text has no diacritics.
    conditions.push(like(agencies.searchText, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (query.kind) conditions.push(eq(agencies.kind, query.kind));
  if (query.status === 'active') conditions.push(activeOn(today));
  if (query.status === 'ended') conditions.push(lte(agencies.inForceTo, today));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(agencies)
      .where(where)
      // In force first, then departments before communes, then by name.
      .orderBy(
        sql`case when ${agencies.inForceTo} is null or ${agencies.inForceTo} > ${today} then 0 else 1 end`,
        sql`case ${agencies.kind} when 'office' then 0 when 'department' then 1 when 'board' then 2 when 'other' then 3 when 'enterprise' then 4 when 'district' then 5 else 6 end`,
        asc(agencies.name),
      )
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(agencies).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findAgency(
  db: Db,
  tenantId: string,
  id: string,
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .select()
    .from(agencies)
    .where(and(inTenant(tenantId), eq(agencies.id, id)));
  return row;
}

export async function agenciesByIds(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, AgencyRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(agencies)
    .where(and(inTenant(tenantId), inArray(agencies.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function loadSuccessions(db: Db, tenantId: string): Promise<Succession[]> {
  const rows = await db
    .select({
      id: agencySuccessions.id,
      predecessorId: agencySuccessions.predecessorId,
      kind: agencySuccessions.kind,
      effectiveOn: agencySuccessions.effectiveOn,
      note: agencySuccessions.note,
      successorId: agencySuccessors.successorId,
      position: agencySuccessors.position,
    })
    .from(agencySuccessions)
    .leftJoin(agencySuccessors, eq(agencySuccessors.successionId, agencySuccessions.id))
    .where(eq(agencySuccessions.tenantId, tenantId))
    .orderBy(asc(agencySuccessions.id), asc(agencySuccessors.position));
  const byId = new Map<string, Succession & { successorIds: string[] }>();
  for (const r of rows) {
    let s = byId.get(r.id);
    if (!s) {
      s = {
        predecessorId: r.predecessorId,
        kind: r.kind as Succession['kind'],
        effectiveOn: r.effectiveOn,
        note: r.note,
        successorIds: [],
      };
      byId.set(r.id, s);
    }
    if (r.successorId) s.successorIds.push(r.successorId);
  }
  return [...byId.values()];
}

export async function loadSuccessionIndex(db: Db, tenantId: string): Promise<SuccessionIndex> {
  return indexSuccessions(await loadSuccessions(db, tenantId));
}

export function responsibleAgencyIds(r: Responsibility): string[] {
  switch (r.kind) {
    case 'self':
    case 'successor':
      return [r.agencyId];
    case 'choose':
      return [...r.candidateIds];
    case 'none':
      return [];
  }
}

export async function getAgencyDetail(db: Db, tenantId: string, id: string, on: string) {
  const agency = await findAgency(db, tenantId, id);
  if (!agency) return undefined;
  const successions = await loadSuccessions(db, tenantId);
  const index = indexSuccessions(successions);
  const own = index.get(agency.id);
  const predecessors = successions.filter((s) => s.successorIds.includes(agency.id));
  const responsibility = responsibleOn(agency.id, on, index);
  const [aliases, commune, related] = await Promise.all([
    db
      .select({ alias: agencyAliases.alias })
      .from(agencyAliases)
      .where(eq(agencyAliases.agencyId, agency.id))
      .orderBy(asc(agencyAliases.alias)),
    agency.communeCode
      ? db.select().from(communes).where(eq(communes.code, agency.communeCode))
      : Promise.resolve([]),
    agenciesByIds(db, tenantId, [
      ...(own?.successorIds ?? []),
      ...predecessors.map((p) => p.predecessorId),
      ...responsibleAgencyIds(responsibility),
    ]),
  ]);
  return {
    agency,
    aliases: aliases.map((a) => a.alias),
    commune: commune[0] ?? null,
    own,
    predecessors,
    responsibility,
    related,
  };
}

// ---------------------------------------------------------------------------------------------
// Resolving agencies as a document writes them.

export type AgencyResolution =
  | { ok: true; agency: AgencyRow }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'ambiguous'; candidates: AgencyRow[] };

export type AgencyResolver = {
  byCode(code: string): AgencyResolution;
  /** By name, short name or alias; where several agencies share it, the one in force on `on`. */
  byName(asWritten: string, on: string | undefined): AgencyResolution;
};

export async function agencyResolver(db: Db, tenantId: string): Promise<AgencyResolver> {
  const [rows, aliases] = await Promise.all([
    db.select().from(agencies).where(inTenant(tenantId)),
    db
      .select({ agencyId: agencyAliases.agencyId, key: agencyAliases.aliasKey })
      .from(agencyAliases)
      .innerJoin(agencies, eq(agencies.id, agencyAliases.agencyId))
      .where(inTenant(tenantId)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byCode = new Map(rows.map((r) => [nameKey(r.code), r]));
  const byKey = new Map<string, AgencyRow[]>();
  for (const a of aliases) {
    const agency = byId.get(a.agencyId);
    if (!agency) continue;
    byKey.set(a.key, [...(byKey.get(a.key) ?? []), agency]);
  }
  const inForce = (a: AgencyRow, on: string) =>
    (a.inForceFrom === null || a.inForceFrom <= on) && (a.inForceTo === null || a.inForceTo > on);
  return {
    byCode(code) {
      const agency = byCode.get(nameKey(code));
      return agency ? { ok: true, agency } : { ok: false, reason: 'unknown' };
    },
    byName(asWritten, on) {
      const found = byKey.get(nameKey(asWritten)) ?? [];
      if (found.length === 0) return { ok: false, reason: 'unknown' };
      if (found.length === 1) return { ok: true, agency: found[0] as AgencyRow };
      const current = on ? found.filter((a) => inForce(a, on)) : [];
      if (current.length === 1) return { ok: true, agency: current[0] as AgencyRow };
      return { ok: false, reason: 'ambiguous', candidates: found };
    },
  };
}
