// Tenant starters: what a province's first start creates, as data (reference/tenants/<code>/
// tenant.json), never as constants in code. A starter names its tenant and province and the CSV
// files of its communes, commune merges, agency registry and 2025 successions (paths relative to
// the tenant.json), and optionally a demo plan. The bundled one is Lạng Sơn's; a province without
// a starter begins with `tiendo tenant create` instead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REFERENCE_DIR = fileURLToPath(new URL('../../../reference', import.meta.url));

export const tenantCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and "-", 2–40 characters');

const starterFileSchema = z.object({
  code: tenantCodeSchema,
  name: z.string().min(1),
  provinceCode: z.string().regex(/^\d{2}$/),
  /** Host names served by this tenant (besides every host no tenant claims, while it is the first). */
  hosts: z.array(z.string()).default([]),
  files: z.object({
    communes: z.string().optional(),
    communeMerges: z.string().optional(),
    agencies: z.string(),
    successions: z.string().optional(),
  }),
  demo: z.object({ plan: z.string() }).optional(),
});

export type TenantStarter = {
  code: string;
  name: string;
  provinceCode: string;
  hosts: string[];
  /** Absolute paths of the starter's CSV files. */
  files: { communes?: string; communeMerges?: string; agencies: string; successions?: string };
  demo?: { plan: string };
};

/** The codes of the starters under `dir`/tenants, sorted. */
export function starterCodes(dir = REFERENCE_DIR): string[] {
  const base = join(dir, 'tenants');
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(base, e.name, 'tenant.json')))
    .map((e) => e.name)
    .sort();
}

export class UnknownStarterError extends Error {}

/**
 * The starter named `code` (TIENDO_TENANT), or the only one bundled when no code is given. Throws
 * when it does not exist, or when several exist and none is chosen.
 */
export function readStarter(code: string | undefined, dir = REFERENCE_DIR): TenantStarter {
  const codes = starterCodes(dir);
  const chosen = code ?? (codes.length === 1 ? codes[0] : undefined);
  if (!chosen) {
    throw new UnknownStarterError(
      codes.length === 0
        ? `no tenant starter in ${join(dir, 'tenants')}: create the tenant with "tiendo tenant create"`
        : `several tenant starters (${codes.join(', ')}): choose one with TIENDO_TENANT`,
    );
  }
  if (!codes.includes(chosen)) {
    throw new UnknownStarterError(
      `no tenant starter "${chosen}" in ${join(dir, 'tenants')} (TIENDO_TENANT; known: ${codes.join(', ') || 'none'})`,
    );
  }
  const path = join(dir, 'tenants', chosen, 'tenant.json');
  const parsed = starterFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new UnknownStarterError(`${path}: ${z.prettifyError(parsed.error)}`);
  }
  const at = (file: string) => resolve(dirname(path), file);
  const { files, demo, ...rest } = parsed.data;
  return {
    ...rest,
    files: {
      agencies: at(files.agencies),
      ...(files.communes ? { communes: at(files.communes) } : {}),
      ...(files.communeMerges ? { communeMerges: at(files.communeMerges) } : {}),
      ...(files.successions ? { successions: at(files.successions) } : {}),
    },
    ...(demo ? { demo: { plan: at(demo.plan) } } : {}),
  };
}
