// Starting a province: the tenant, its host names, its agency registry, its settings and its first
// administrator, in one transaction (all or nothing), audited. What a province sets up is data:
// nothing here names one. Also the list of tenants with their hosts.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, agencyAliases, provinces, tenantHosts, tenants } from '../../db/schema.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import { AppError, type ErrorIssue, InvalidInputError } from '../../server/errors.js';
import { agencySearchText, aliasRows } from '../agencies/names.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { loadProvinces, readProvinces } from '../reference-data/service.js';
import { tenantSettingsSchema } from '../tenant-settings/schema.js';
import { createUser } from '../users/service.js';
import { isValidHost, normalizeHost } from './hosts.js';
import type { RegistryRow } from './registry-file.js';
import { tenantCodeSchema } from './starter.js';

/** "Đồng Tháp", "tỉnh Đồng Tháp", "dong thap" or "82": the province of the national list. */
export function findProvince(
  written: string,
  list = readProvinces(),
): { code: string; name: string } | null {
  const value = written.trim();
  if (/^\d{1,2}$/.test(value)) return list.find((p) => p.code === value.padStart(2, '0')) ?? null;
  const bare = (name: string) => foldForSearch(name).replace(/^(tinh|thanh pho|tp\.?)\s+/, '');
  const key = bare(value);
  return list.find((p) => bare(p.name) === key) ?? null;
}

export type CreateTenantInput = {
  code: string;
  /** Code or name of the province (reference/admin-units/provinces-2025.csv). */
  province: string;
  /** Shown on the login page and in the header; the province's name when absent. */
  name?: string | undefined;
  hosts: readonly string[];
  registry: readonly RegistryRow[];
  /** Settings of its documents; what is left out is derived from the province. */
  settings: {
    authorityName?: string | undefined;
    place?: string | undefined;
    /** The registry code of the consolidating department (cơ quan tổng hợp). */
    consolidator?: string | undefined;
    reportSymbol?: string | undefined;
    urgingSymbol?: string | undefined;
  };
  admin: { username: string; displayName: string; email: string | null; password: string };
};

export type CreatedTenant = {
  tenantId: string;
  code: string;
  name: string;
  province: { code: string; name: string };
  hosts: string[];
  agencies: number;
  adminId: string;
};

const invalid = (field: string, code: string, message: string): ErrorIssue => ({
  field,
  code,
  message,
});

/** Checks everything that needs no database, then writes it all in one transaction. */
export async function createTenant(
  db: Db,
  actor: Omit<Actor, 'tenantId'>,
  input: CreateTenantInput,
): Promise<CreatedTenant> {
  const issues: ErrorIssue[] = [];
  const code = tenantCodeSchema.safeParse(input.code);
  if (!code.success)
    issues.push(invalid('code', 'invalid_tenant_code', code.error.issues[0]?.message ?? 'invalid'));
  const province = findProvince(input.province);
  if (!province)
    issues.push(
      invalid('province', 'unknown_province', `"${input.province}" is not in the national list`),
    );
  const hosts = [...new Set(input.hosts.map(normalizeHost))];
  for (const host of hosts)
    if (!isValidHost(host))
      issues.push(invalid('host', 'invalid_host', `"${host}" is not a host name`));
  const consolidator = input.settings.consolidator?.trim().toUpperCase();
  const consolidatorRow = consolidator
    ? input.registry.find((r) => r.code === consolidator)
    : undefined;
  if (consolidator && !consolidatorRow)
    issues.push(
      invalid(
        'consolidator',
        'unknown_consolidator',
        `no agency with code ${consolidator} in the registry`,
      ),
    );
  const settings = tenantSettingsSchema.safeParse({
    authorityName: input.settings.authorityName ?? '',
    place: input.settings.place ?? '',
    reportSymbol: input.settings.reportSymbol ?? '',
    urgingSymbol: input.settings.urgingSymbol ?? '',
  });
  if (!settings.success)
    for (const i of settings.error.issues)
      issues.push(invalid(String(i.path[0] ?? 'settings'), 'invalid_setting', i.message));
  if (input.registry.length === 0)
    issues.push(invalid('registry', 'empty_registry', 'the registry has no agency'));
  if (issues.length > 0 || !province || !settings.success) throw new InvalidInputError(issues);
  const name = input.name?.trim() || province.name;

  return db.transaction(async (tx) => {
    await loadProvinces(tx);
    const [taken] = await tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.code, input.code));
    if (taken)
      throw new AppError(409, 'tenant_exists', `a tenant with code ${input.code} exists`, [
        invalid('code', 'tenant_exists', 'taken'),
      ]);
    if (hosts.length > 0) {
      const claimed = await tx
        .select({ host: tenantHosts.host })
        .from(tenantHosts)
        .where(inArray(tenantHosts.host, hosts));
      if (claimed.length > 0)
        throw new AppError(
          409,
          'host_taken',
          `served by another tenant: ${claimed.map((c) => c.host).join(', ')}`,
          claimed.map((c) => invalid('host', 'host_taken', c.host)),
        );
    }
    const [tenant] = await tx
      .insert(tenants)
      .values({ code: input.code, name, provinceCode: province.code })
      .returning({ id: tenants.id });
    if (!tenant) throw new Error('tenant insert returned nothing');
    const tenantId = tenant.id;
    const tenantActor: Actor = { ...actor, tenantId };
    if (hosts.length > 0)
      await tx.insert(tenantHosts).values(hosts.map((host) => ({ host, tenantId })));

    const inserted = await tx
      .insert(agencies)
      .values(
        input.registry.map((r) => ({
          tenantId,
          code: r.code,
          name: r.name,
          shortName: r.shortName,
          kind: r.kind,
          searchText: agencySearchText(r.name, r.shortName, r.aliases),
        })),
      )
      .returning();
    const aliasesOf = new Map(input.registry.map((r) => [r.code, r.aliases]));
    const aliases = inserted.flatMap((a) =>
      aliasRows(a.id, a.name, a.shortName, aliasesOf.get(a.code) ?? []),
    );
    if (aliases.length > 0) await tx.insert(agencyAliases).values(aliases).onConflictDoNothing();

    const consolidatingAgencyId = consolidatorRow
      ? (inserted.find((a) => a.code === consolidatorRow.code)?.id ?? null)
      : null;
    const storedSettings = { ...settings.data, consolidatingAgencyId };
    await tx
      .update(tenants)
      .set({ settings: { ...storedSettings, version: 0 } })
      .where(eq(tenants.id, tenantId));

    const audit: AuditEntry[] = [
      {
        entity: 'tenant',
        entityId: tenantId,
        action: 'create',
        after: {
          code: input.code,
          name,
          provinceCode: province.code,
          hosts,
          settings: storedSettings,
        },
      },
      ...inserted.map((a) => ({
        entity: 'agency',
        entityId: a.id,
        action: 'load',
        after: {
          code: a.code,
          name: a.name,
          shortName: a.shortName,
          kind: a.kind,
          aliases: aliasesOf.get(a.code) ?? [],
        },
      })),
    ];
    await recordAudit(tx, tenantActor, audit);
    // The same checks and audit as `tiendo user create` (users/service.ts), in this transaction.
    const admin = await createUser(tx, tenantActor, tenantId, {
      username: input.admin.username,
      displayName: input.admin.displayName,
      email: input.admin.email,
      role: 'administrator',
      agencyId: null,
      password: input.admin.password,
    });
    return {
      tenantId,
      code: input.code,
      name,
      province,
      hosts,
      agencies: inserted.length,
      adminId: admin.id,
    };
  });
}

export type TenantListItem = {
  code: string;
  name: string;
  province: { code: string; name: string };
  hosts: string[];
  createdAt: Date;
  /** The first created: it serves every host no tenant claims. */
  isDefault: boolean;
};

export async function listTenants(db: Db): Promise<TenantListItem[]> {
  const rows = await db
    .select({
      id: tenants.id,
      code: tenants.code,
      name: tenants.name,
      provinceCode: provinces.code,
      provinceName: provinces.name,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
    .orderBy(asc(tenants.createdAt), asc(tenants.code));
  const hosts = await db
    .select({ host: tenantHosts.host, tenantId: tenantHosts.tenantId })
    .from(tenantHosts)
    .orderBy(asc(tenantHosts.host));
  return rows.map((r, i) => ({
    code: r.code,
    name: r.name,
    province: { code: r.provinceCode, name: r.provinceName },
    hosts: hosts.filter((h) => h.tenantId === r.id).map((h) => h.host),
    createdAt: r.createdAt,
    isDefault: i === 0,
  }));
}
