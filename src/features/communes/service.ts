// The communes of a tenant's province: at most a few hundred (a province's); the presenter puts
// them in Vietnamese alphabetical order, which no database collation here guarantees.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { communes, tenants } from '../../db/schema.js';

export function provinceCommunes(db: Db, tenantId: string) {
  return db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .innerJoin(tenants, eq(tenants.provinceCode, communes.provinceCode))
    .where(eq(tenants.id, tenantId))
    .orderBy(asc(communes.code));
}
