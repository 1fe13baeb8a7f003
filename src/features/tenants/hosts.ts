// How a request finds its tenant: the Host header's name (port stripped, lower case) looked up in
// tenant_hosts; a host no tenant claims belongs to the default tenant (the first created), so a
// single-province installation answers on any name. Tenants and hosts are few: all of them are
// read in one query and kept for a few seconds (`ttlMs`), and dropped at once when this process
// changes them (`invalidate`); another process's change (the CLI on PostgreSQL) is seen after the
// TTL.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { provinces, tenantHosts, tenants } from '../../db/schema.js';

export type ResolvedTenant = {
  id: string;
  code: string;
  name: string;
  province: { code: string; name: string };
};

/** "Tiendo.Example.VN:8080" → "tiendo.example.vn"; "[::1]:3000" → "::1"; a trailing dot goes. */
export function normalizeHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end > 0 ? host.slice(1, end) : host.slice(1);
  } else if (host.split(':').length === 2) {
    host = host.slice(0, host.indexOf(':'));
  }
  return host.replace(/\.$/, '');
}

/** A host name a tenant may claim: letters, digits, "-" and "." (IDN in its xn-- form), or an IP. */
export function isValidHost(host: string): boolean {
  return (
    host.length > 0 &&
    host.length <= 253 &&
    (/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/.test(host) ||
      /^[0-9a-f:.]+$/.test(host))
  );
}

export class NoTenantError extends Error {
  constructor() {
    super('No tenant exists: create one with "tiendo tenant create" or start on an empty database');
  }
}

type Snapshot = {
  byHost: Map<string, ResolvedTenant>;
  fallback: ResolvedTenant | null;
  loadedAt: number;
};

export interface TenantResolver {
  /** The tenant serving `host` (the raw Host header, or undefined). */
  resolve(host: string | undefined): Promise<ResolvedTenant>;
  /** Forget what was read: the next request reads tenants and hosts again. */
  invalidate(): void;
}

export class TenantDirectory implements TenantResolver {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: {
      /** The tenant of hosts no tenant claims; the first created when absent. */
      fallbackTenantId?: string | undefined;
      ttlMs?: number;
      now?: () => number;
    } = {},
  ) {}

  invalidate() {
    this.snapshot = null;
  }

  async resolve(host: string | undefined): Promise<ResolvedTenant> {
    const snapshot = await this.current();
    const found = host ? snapshot.byHost.get(normalizeHost(host)) : undefined;
    const tenant = found ?? snapshot.fallback;
    if (!tenant) throw new NoTenantError();
    return tenant;
  }

  private async current(): Promise<Snapshot> {
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.ttlMs ?? 10_000;
    if (this.snapshot && now - this.snapshot.loadedAt < ttl) return this.snapshot;
    // Concurrent requests share one read.
    this.loading ??= this.load(now).finally(() => {
      this.loading = null;
    });
    this.snapshot = await this.loading;
    return this.snapshot;
  }

  private async load(now: number): Promise<Snapshot> {
    const rows = await this.db
      .select({
        id: tenants.id,
        code: tenants.code,
        name: tenants.name,
        provinceCode: provinces.code,
        provinceName: provinces.name,
      })
      .from(tenants)
      .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
      .orderBy(asc(tenants.createdAt), asc(tenants.code));
    const hosts = await this.db
      .select({ host: tenantHosts.host, tenantId: tenantHosts.tenantId })
      .from(tenantHosts);
    const byId = new Map<string, ResolvedTenant>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          code: r.code,
          name: r.name,
          province: { code: r.provinceCode, name: r.provinceName },
        },
      ]),
    );
    const byHost = new Map<string, ResolvedTenant>();
    for (const h of hosts) {
      const tenant = byId.get(h.tenantId);
      if (tenant) byHost.set(h.host, tenant);
    }
    const fallbackId = this.options.fallbackTenantId ?? rows[0]?.id;
    return { byHost, fallback: (fallbackId && byId.get(fallbackId)) || null, loadedAt: now };
  }
}

/** One tenant whatever the host (tests of parts that never reach the database). */
export function singleTenant(tenant: ResolvedTenant): TenantResolver {
  return { resolve: async () => tenant, invalidate: () => undefined };
}
