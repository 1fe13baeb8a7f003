// Loads the national administrative units and, on a database without tenants, the first tenant
// from its starter (reference/tenants/<code>/tenant.json: its province, communes, agency registry
// and 2025 successions as CSV files). Runs in one transaction; later edits belong to the
// province's administrator, and further provinces are created with `tiendo tenant create`.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyAliases,
  agencySuccessions,
  agencySuccessors,
  communeOrigins,
  communes,
  provinces,
  tenantHosts,
  tenants,
} from '../../db/schema.js';
import { normalizeVietnamese } from '../../domain/vietnamese-text.js';
import { agencySearchText, aliasRows } from '../agencies/names.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { normalizeHost } from '../tenants/hosts.js';
import { REFERENCE_DIR, readStarter, type TenantStarter } from '../tenants/starter.js';

export { REFERENCE_DIR };

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  const file = basename(path);
  const [header, ...records] = parse(readFileSync(path, 'utf8'), {
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];
  if (!header) return [];
  return records.map((cells, line) => {
    if (cells.length < header.length) {
      throw new Error(
        `reference data: ${file} line ${line + 2} has ${cells.length} of ${header.length} columns`,
      );
    }
    // A free-text last column (note) may hold unquoted commas: it takes the rest of the line.
    const fitted = [
      ...cells.slice(0, header.length - 1),
      cells.slice(header.length - 1).join(', '),
    ];
    return Object.fromEntries(
      header.map((name, i) => [name, normalizeVietnamese(fitted[i] ?? '')]),
    );
  });
}

const field = (row: Row, name: string): string => {
  const value = row[name];
  if (value === undefined) throw new Error(`reference data: column "${name}" is missing`);
  return value;
};
const optional = (row: Row, name: string): string | null => row[name] || null;

/** "Huyện Cao Lộc" → "huyện Cao Lộc": the unit name as it follows "Ủy ban nhân dân". */
function lowerFirstWord(unitName: string): string {
  const [first, ...rest] = unitName.split(' ');
  const lower = (first ?? '').toLocaleLowerCase('vi');
  // "Thành phố" is two words.
  if (lower === 'thành' && rest[0]?.toLocaleLowerCase('vi') === 'phố') {
    return ['thành', 'phố', ...rest.slice(1)].join(' ');
  }
  return [lower, ...rest].join(' ');
}

function kindOf(name: string): string {
  if (name.startsWith('Sở ')) return 'department';
  if (name.startsWith('Ban ')) return 'board';
  return 'other';
}

/** A stable code for a former agency that the registry has no code for: its short name, folded. */
function formerCode(shortName: string, taken: Set<string>): string {
  const base = shortName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/^SO /, 'S')
    .replace(/[^A-Z0-9]/g, '');
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  taken.add(code);
  return code;
}

type AgencySeed = {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  inForceFrom: string | null;
  inForceTo: string | null;
  communeCode: string | null;
  note: string | null;
};

/** The national list of provinces (reference/admin-units/provinces-2025.csv): code and name. */
export function readProvinces(dir = REFERENCE_DIR): { code: string; name: string }[] {
  return readCsv(join(dir, 'admin-units', 'provinces-2025.csv')).map((r) => ({
    code: field(r, 'code'),
    name: field(r, 'name'),
  }));
}

/** Inserts the provinces the database does not have yet (idempotent). */
export async function loadProvinces(db: Db, dir = REFERENCE_DIR) {
  await db.insert(provinces).values(readProvinces(dir)).onConflictDoNothing();
}

/** The default tenant: the first created (it serves every host no tenant claims). */
export async function firstTenantId(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .orderBy(asc(tenants.createdAt), asc(tenants.code))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Loads what is missing: national units always; on a database without tenants, the tenant of the
 * starter named `starter` (TIENDO_TENANT), else of the only starter bundled. Returns the default
 * tenant, and whether this call created it.
 */
export async function loadReferenceData(
  db: Db,
  options: { dir?: string; actor: Omit<Actor, 'tenantId'>; starter?: string | undefined },
): Promise<{ tenantId: string; created: boolean; starter: TenantStarter | null }> {
  const dir = options.dir ?? REFERENCE_DIR;
  return db.transaction(async (tx) => {
    await loadProvinces(tx, dir);
    const existing = await firstTenantId(tx);
    if (existing) return { tenantId: existing, created: false, starter: null };
    const starter = readStarter(options.starter, dir);
    const tenantId = await createStarterTenant(tx, starter, options.actor);
    return { tenantId, created: true, starter };
  });
}

/** The starter's tenant with its communes, registry and successions, in the caller's transaction. */
async function createStarterTenant(
  tx: Db,
  starter: TenantStarter,
  actor: Omit<Actor, 'tenantId'>,
): Promise<string> {
  const communeRows = starter.files.communes ? readCsv(starter.files.communes) : [];
  const mergeRows = starter.files.communeMerges ? readCsv(starter.files.communeMerges) : [];
  const agencyRows = readCsv(starter.files.agencies);
  const successionRows = starter.files.successions ? readCsv(starter.files.successions) : [];

  if (communeRows.length > 0)
    await tx
      .insert(communes)
      .values(
        communeRows.map((r) => ({
          code: field(r, 'code'),
          name: field(r, 'name'),
          provinceCode: starter.provinceCode,
        })),
      )
      .onConflictDoNothing();
  if (mergeRows.length > 0)
    await tx
      .insert(communeOrigins)
      .values(
        mergeRows.map((r) => ({
          communeCode: field(r, 'new_code'),
          oldCode: field(r, 'old_code'),
          oldName: field(r, 'old_name'),
          mergeType: field(r, 'merge_type'),
          oldDistrictCode: field(r, 'old_district_code'),
          oldDistrictName: field(r, 'old_district_name'),
        })),
      )
      .onConflictDoNothing();

  const [tenant] = await tx
    .insert(tenants)
    .values({ code: starter.code, name: starter.name, provinceCode: starter.provinceCode })
    .returning({ id: tenants.id });
  if (!tenant) throw new Error('tenant insert returned nothing');
  const tenantId = tenant.id;
  const hosts = [...new Set(starter.hosts.map(normalizeHost))];
  if (hosts.length > 0)
    await tx.insert(tenantHosts).values(hosts.map((host) => ({ host, tenantId })));

  // Agencies in force today, former agencies named by the successions, former district committees
  // and today's commune committees.
  const seeds: AgencySeed[] = [];
  const taken = new Set<string>();
  for (const r of agencyRows) {
    taken.add(field(r, 'code'));
    seeds.push({
      code: field(r, 'code'),
      name: field(r, 'name'),
      shortName: optional(r, 'short_name'),
      kind: field(r, 'kind'),
      inForceFrom: optional(r, 'in_force_since'),
      inForceTo: null,
      communeCode: null,
      note: optional(r, 'note'),
    });
  }
  const communeDistricts = new Map<string, Set<string>>(); // district code → commune codes
  const districtNames = new Map<string, string>();
  for (const r of mergeRows) {
    const district = field(r, 'old_district_code');
    districtNames.set(district, field(r, 'old_district_name'));
    const set = communeDistricts.get(district) ?? new Set<string>();
    set.add(field(r, 'new_code'));
    communeDistricts.set(district, set);
  }
  const COMMUNE_LEVEL_FROM = '2025-07-01';
  for (const r of communeRows) {
    const unit = lowerFirstWord(field(r, 'name'));
    seeds.push({
      code: `UBND-${field(r, 'code')}`,
      name: `Ủy ban nhân dân ${unit}`,
      shortName: `UBND ${unit}`,
      kind: 'commune',
      inForceFrom: COMMUNE_LEVEL_FROM,
      inForceTo: null,
      communeCode: field(r, 'code'),
      note: null,
    });
  }

  type SuccessionSeed = {
    predecessorCode: string;
    kind: string;
    effectiveOn: string;
    successorCodes: string[];
    note: string | null;
  };
  const successionSeeds: SuccessionSeed[] = [];
  for (const r of successionRows) {
    const kind = field(r, 'kind');
    const effectiveOn = field(r, 'effective');
    const successorCodes = field(r, 'successor_codes');
    if (successorCodes === 'COMMUNES') {
      // The district level: one former committee per district, candidates the communes of its area.
      for (const [district, name] of [...districtNames].sort(([a], [b]) => a.localeCompare(b))) {
        const unit = lowerFirstWord(name);
        const code = `UBND-H${district}`;
        seeds.push({
          code,
          name: `Ủy ban nhân dân ${unit}`,
          shortName: `UBND ${unit}`,
          kind: 'district',
          inForceFrom: null,
          inForceTo: effectiveOn,
          communeCode: null,
          note: optional(r, 'note'),
        });
        successionSeeds.push({
          predecessorCode: code,
          kind,
          effectiveOn,
          successorCodes: [...(communeDistricts.get(district) ?? [])]
            .sort()
            .map((c) => `UBND-${c}`),
          note: optional(r, 'note'),
        });
      }
      continue;
    }
    // "Sở Tài chính (before 2025-03-01)": the qualifier tells the CSV rows apart, not the name.
    const name = field(r, 'old_name').replace(/\s*\((before|trước)[^)]*\)$/, '');
    const shortName = optional(r, 'old_short_name');
    const code = formerCode(shortName ?? name, taken);
    seeds.push({
      code,
      name,
      shortName,
      kind: kindOf(name),
      inForceFrom: null,
      inForceTo: effectiveOn,
      communeCode: null,
      note: optional(r, 'note'),
    });
    successionSeeds.push({
      predecessorCode: code,
      kind,
      effectiveOn,
      successorCodes: successorCodes.split(';').map((c) => c.trim()),
      note: optional(r, 'note'),
    });
  }

  const inserted = await tx
    .insert(agencies)
    .values(
      seeds.map((s) => ({
        ...s,
        tenantId,
        searchText: agencySearchText(s.name, s.shortName, []),
      })),
    )
    .returning();
  const idByCode = new Map(inserted.map((a) => [a.code, a.id]));
  const aliases = inserted.flatMap((a) => aliasRows(a.id, a.name, a.shortName));
  if (aliases.length > 0) await tx.insert(agencyAliases).values(aliases).onConflictDoNothing();

  const audit: AuditEntry[] = inserted.map((a) => ({
    entity: 'agency',
    entityId: a.id,
    action: 'load',
    after: {
      code: a.code,
      name: a.name,
      shortName: a.shortName,
      inForceFrom: a.inForceFrom,
      inForceTo: a.inForceTo,
    },
  }));
  for (const s of successionSeeds) {
    const predecessorId = idByCode.get(s.predecessorCode);
    const successorIds = s.successorCodes.map((c) => {
      const id = idByCode.get(c);
      if (!id)
        throw new Error(
          `reference data: succession of ${s.predecessorCode} names unknown agency ${c}`,
        );
      return id;
    });
    if (!predecessorId) throw new Error(`reference data: unknown agency ${s.predecessorCode}`);
    const [succession] = await tx
      .insert(agencySuccessions)
      .values({ tenantId, predecessorId, kind: s.kind, effectiveOn: s.effectiveOn, note: s.note })
      .returning({ id: agencySuccessions.id });
    if (!succession) throw new Error('succession insert returned nothing');
    await tx.insert(agencySuccessors).values(
      successorIds.map((successorId, position) => ({
        successionId: succession.id,
        successorId,
        position,
      })),
    );
    audit.push({
      entity: 'agency_succession',
      entityId: succession.id,
      action: 'load',
      after: s,
    });
  }
  audit.unshift({
    entity: 'tenant',
    entityId: tenantId,
    action: 'load',
    after: { code: starter.code, name: starter.name, provinceCode: starter.provinceCode, hosts },
  });
  await recordAudit(tx, { ...actor, tenantId }, audit);
  return tenantId;
}
