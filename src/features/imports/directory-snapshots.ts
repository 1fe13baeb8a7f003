// Writing the registry snapshots (directory-snapshot.ts) from the database: every tenant's when the
// installation opens, one tenant's after a request changed its registry.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenants } from '../../db/schema.js';
import { loadAgencyDirectory } from './directory.js';
import { writeDirectorySnapshot } from './directory-snapshot.js';

export async function snapshotDirectories(
  db: Db,
  dataDir: string,
  tenantId?: string,
): Promise<number> {
  const rows = await db
    .select({
      id: tenants.id,
      code: tenants.code,
      name: tenants.name,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .where(tenantId ? eq(tenants.id, tenantId) : undefined)
    .orderBy(asc(tenants.createdAt));
  for (const t of rows) {
    writeDirectorySnapshot(dataDir, {
      tenant: { code: t.code, name: t.name, createdAt: t.createdAt.toISOString() },
      savedAt: new Date().toISOString(),
      directory: await loadAgencyDirectory(db, t.id),
    });
  }
  return rows.length;
}

/** Registry writes: agencies, the reorganisation's successions, an agency settled in a review. */
const REGISTRY_WRITE = /^\/api\/(?:agencies(?:\/|$|\?)|reorganisation\/|imports\/[^/]+\/agencies)/;

export function changesRegistry(method: string, url: string, status: number): boolean {
  return method !== 'GET' && method !== 'HEAD' && status < 300 && REGISTRY_WRITE.test(url);
}
