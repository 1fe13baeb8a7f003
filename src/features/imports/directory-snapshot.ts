// The agency registry as the parser needs it, kept beside the embedded database as a file per
// tenant (<data dir>/registry/<tenant code>.json), so that `tiendo import --dry-run` reads a plan
// while the server holds the database's lock, and starts without opening PGlite. Written when the
// installation opens (server or CLI) and after every request that changes a registry.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgencyDirectory } from '../../domain/plan-import/agencies.js';

export type DirectorySnapshot = {
  tenant: { code: string; name: string; createdAt: string };
  savedAt: string;
  directory: AgencyDirectory;
};

const folder = (dataDir: string) => join(dataDir, 'registry');

export function writeDirectorySnapshot(dataDir: string, snapshot: DirectorySnapshot): void {
  mkdirSync(folder(dataDir), { recursive: true });
  const path = join(folder(dataDir), `${snapshot.tenant.code}.json`);
  // A reader never sees half a file: written aside, then renamed over.
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, JSON.stringify(snapshot));
  renameSync(aside, path);
}

/**
 * The snapshot of `tenantCode`, or of the first tenant created when none is named; null when the
 * installation has none yet (never opened) or the tenant is unknown.
 */
export function readDirectorySnapshot(
  dataDir: string,
  tenantCode?: string,
): DirectorySnapshot | null {
  let names: string[];
  try {
    names = readdirSync(folder(dataDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return null;
  }
  const all = names.flatMap((n) => {
    try {
      return [JSON.parse(readFileSync(join(folder(dataDir), n), 'utf8')) as DirectorySnapshot];
    } catch {
      return [];
    }
  });
  if (tenantCode !== undefined) return all.find((s) => s.tenant.code === tenantCode) ?? null;
  return all.sort((a, b) => a.tenant.createdAt.localeCompare(b.tenant.createdAt))[0] ?? null;
}
