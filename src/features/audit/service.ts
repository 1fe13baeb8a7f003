// The one way changes are recorded. Services call this inside the transaction of the change itself,
// so a change and its audit record land together or not at all.
import {
  and,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lt,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, auditRecords, users } from '../../db/schema.js';

export type Actor = {
  /** "system", "cli:<os user>", later a user id. */
  id: string;
  tenantId: string | null;
  /** The agency a user acted for. */
  agencyId?: string | null | undefined;
  requestId?: string | undefined;
};

export type AuditEntry = {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

const BATCH = 500;

export async function recordAudit(db: Db, actor: Actor, entries: readonly AuditEntry[]) {
  for (let i = 0; i < entries.length; i += BATCH) {
    await db.insert(auditRecords).values(
      entries.slice(i, i + BATCH).map((e) => ({
        tenantId: actor.tenantId,
        actor: actor.id,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        before: e.before ?? null,
        after: e.after ?? null,
        requestId: actor.requestId ?? null,
        actorAgencyId: actor.agencyId ?? null,
      })),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the trail (administrators): filters applied in the query, newest first.

export type AuditFilterInput = {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** A raw actor ("user:<uuid>", "cli:<name>", "system") or a user id. */
  actor?: string | undefined;
  action?: string | undefined;
  /** ISO days in Vietnam, both included. */
  from?: string | undefined;
  to?: string | undefined;
};

export type AuditRow = typeof auditRecords.$inferSelect & {
  userDisplayName: string | null;
  agencyName: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The instant a day (YYYY-MM-DD) starts in Vietnam (UTC+7 all year, no daylight saving). */
export function startOfDayInVietnam(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Records of the tenant, and the records of no tenant (reference data loads): only administrators
 * read the trail, and those records are part of what happened in their installation.
 */
function auditWhere(tenantId: string, f: AuditFilterInput): SQL {
  const conditions: SQL[] = [
    or(eq(auditRecords.tenantId, tenantId), isNull(auditRecords.tenantId)) as SQL,
  ];
  if (f.entity) conditions.push(eq(auditRecords.entity, f.entity));
  if (f.entityId) conditions.push(eq(auditRecords.entityId, f.entityId));
  if (f.action) conditions.push(eq(auditRecords.action, f.action));
  if (f.actor) {
    const actor = UUID.test(f.actor) ? `user:${f.actor.toLowerCase()}` : f.actor;
    conditions.push(eq(auditRecords.actor, actor));
  }
  if (f.from) conditions.push(gte(auditRecords.at, startOfDayInVietnam(f.from)));
  if (f.to) conditions.push(lt(auditRecords.at, startOfDayInVietnam(nextDay(f.to))));
  return and(...conditions) as SQL;
}

const newestFirst = [desc(auditRecords.at), desc(auditRecords.id)];

/** The ids of a page, newest first: sorted on two narrow columns, not on whole records. */
function pageIds(db: Db, tenantId: string, filter: AuditFilterInput, limit: number, offset = 0) {
  return db
    .select({ id: auditRecords.id })
    .from(auditRecords)
    .where(auditWhere(tenantId, filter))
    .orderBy(...newestFirst)
    .limit(limit)
    .offset(offset);
}

/** Whole records (with the user's name and the agency's) for some ids, newest first. */
function recordsWhere(db: Db, ids: SQLWrapper | number[]) {
  return db
    .select({
      ...getTableColumns(auditRecords),
      userDisplayName: users.displayName,
      agencyName: agencies.name,
    })
    .from(auditRecords)
    .leftJoin(users, sql`${auditRecords.actor} = 'user:' || ${users.id}::text`)
    .leftJoin(agencies, eq(agencies.id, auditRecords.actorAgencyId))
    .where(inArray(auditRecords.id, ids))
    .orderBy(...newestFirst);
}

export async function listAuditRecords(
  db: Db,
  tenantId: string,
  filter: AuditFilterInput,
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  const ids = pageIds(db, tenantId, filter, page.limit, page.offset);
  return recordsWhere(db, ids);
}

export async function countAuditRecords(
  db: Db,
  tenantId: string,
  filter: AuditFilterInput,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditRecords)
    .where(auditWhere(tenantId, filter));
  return row?.n ?? 0;
}

/**
 * Up to `max` records in batches, newest first: the ids are chosen once at the start (records
 * written meanwhile are left out, nothing shifts), then read a batch at a time.
 */
export async function* auditRecordBatches(
  db: Db,
  tenantId: string,
  filter: AuditFilterInput,
  options: { max: number; batch?: number },
): AsyncGenerator<AuditRow[]> {
  const batch = options.batch ?? 1000;
  const ids = (await pageIds(db, tenantId, filter, options.max)).map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += batch) {
    yield await recordsWhere(db, ids.slice(i, i + batch));
  }
}
