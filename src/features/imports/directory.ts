// The registry as the pure parser needs it, read from the database for one tenant.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, agencyAliases, provinces, tenants } from '../../db/schema.js';
import type { AgencyDirectory } from '../../domain/plan-import/agencies.js';
import { groupBy } from '../../lib/collections.js';
import { loadSuccessions } from '../agencies/service.js';

export async function loadAgencyDirectory(db: Db, tenantId: string): Promise<AgencyDirectory> {
  const [rows, aliases, successions, provinceRows, tenantRows] = await Promise.all([
    db.select().from(agencies).where(eq(agencies.tenantId, tenantId)).orderBy(asc(agencies.code)),
    db
      .select({ agencyId: agencyAliases.agencyId, alias: agencyAliases.alias })
      .from(agencyAliases)
      .innerJoin(agencies, eq(agencies.id, agencyAliases.agencyId))
      .where(eq(agencies.tenantId, tenantId)),
    loadSuccessions(db, tenantId),
    db.select().from(provinces).orderBy(asc(provinces.code)),
    db
      .select({ provinceName: provinces.name })
      .from(tenants)
      .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
      .where(eq(tenants.id, tenantId)),
  ]);
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  const aliasesByAgency = groupBy(aliases, (a) => a.agencyId);
  const code = (id: string) => codeById.get(id) ?? id;
  return {
    agencies: rows.map((r) => ({
      code: r.code,
      name: r.name,
      shortName: r.shortName,
      aliases: (aliasesByAgency.get(r.id) ?? []).map((a) => a.alias),
      kind: r.kind,
      inForceFrom: r.inForceFrom,
      inForceTo: r.inForceTo,
    })),
    successions: successions.map((s) => ({
      predecessorCode: code(s.predecessorId),
      kind: s.kind,
      effectiveOn: s.effectiveOn,
      successorCodes: s.successorIds.map(code),
    })),
    provinceName: (tenantRows[0]?.provinceName ?? '').replace(/^(Tỉnh|Thành phố)\s+/u, ''),
    provinceNames: provinceRows.map((p) => p.name),
  };
}
