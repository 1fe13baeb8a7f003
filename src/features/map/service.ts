// The map's reads: the province's boundaries (a file under reference/geo/, keyed by province code)
// and, in SQL, what each commune has — one GROUP BY over the tenant's work per measure, and one
// page of a commune's tasks and projects. Nothing here loads the tenant's tasks or projects into
// the process: each statement returns at most one row per commune of the province, or a page.
//
// Where an agency is (`places`): the commune of its own (agencies.commune_code), else — for an
// agency with none, such as a former district's People's Committee ended in 2025 — the communes of
// its successors (agency_successions → agency_successors, followed until an agency with a commune
// is reached). Successions are the registry's record of who carries a former agency's work; for a
// district's committee abolished on 1/7/2025 they name every commune formed from its area
// (reference-data/service.ts builds them from commune_origins), and an administrator may record
// others. A task is where its current lead agency is, so a former district's task that nobody has
// reassigned yet shows on every commune formed from the district, and once a person has chosen the
// commune that carries it, on that commune only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedRows } from '../../db/prepared.js';
import { cacheKey } from '../../db/read-cache.js';
import {
  agencies,
  agencySuccessions,
  agencySuccessors,
  communes,
  legalDocuments,
  plans,
  projectCapitalPlans,
  projectDisbursements,
  projectLocations,
  projects,
  tasks,
  tenants,
} from '../../db/schema.js';
import type { TaskState } from '../../domain/task-status.js';
import { taskConditions } from '../tasks/queries.js';
import { KINDS, statusSql } from '../tasks/status-sql.js';
import { REFERENCE_DIR } from '../tenants/starter.js';
import type { MapMeasure } from './schema.js';

// ---------------------------------------------------------------------------------------------
// Boundaries.

export type Boundaries = { body: Buffer; etag: string };

const boundariesByProvince = new Map<string, Boundaries | null>();

/**
 * The commune boundaries of a province (reference/geo/communes-<code>.geojson), read once per
 * process and kept with their ETag; null when the installation has none for that province.
 */
export function provinceBoundaries(provinceCode: string, dir = REFERENCE_DIR): Boundaries | null {
  const key = `${dir}\n${provinceCode}`;
  const known = boundariesByProvince.get(key);
  if (known !== undefined) return known;
  let found: Boundaries | null = null;
  // Province codes are digits (provinces.code); anything else names no file.
  if (/^\d{1,3}$/.test(provinceCode)) {
    const path = join(dir, 'geo', `communes-${provinceCode}.geojson`);
    if (existsSync(path)) {
      const body = readFileSync(path);
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
      found = { body, etag: `"${hash}"` };
    }
  }
  boundariesByProvince.set(key, found);
  return found;
}

/** The tenant's province and its code. */
export async function tenantProvince(db: Db, tenantId: string): Promise<string | null> {
  const [row] = await db
    .select({ provinceCode: tenants.provinceCode })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row?.provinceCode ?? null;
}

// ---------------------------------------------------------------------------------------------
// Where agencies and projects are.

/**
 * `reach`/`places`: every agency of the tenant with the communes it is on (`former`: reached
 * through a succession). Recursive over the registry (a province's agencies and successions are a
 * few hundred rows); a cycle ends because UNION drops rows already found.
 */
const placesCtes = (tenantId: string) => sql`reach(agency_id, via_id) as (
    select ${agencies.id}, ${agencies.id} from ${agencies} where ${agencies.tenantId} = ${tenantId}
    union
    select reach.agency_id, ${agencySuccessors.successorId}
    from reach
      join ${agencies} on ${agencies.id} = reach.via_id and ${agencies.communeCode} is null
      join ${agencySuccessions} on ${agencySuccessions.predecessorId} = reach.via_id
      join ${agencySuccessors} on ${agencySuccessors.successionId} = ${agencySuccessions.id}
  ),
  places(agency_id, commune_code, former) as (
    select distinct reach.agency_id, ${agencies.communeCode}, reach.agency_id <> reach.via_id
    from reach join ${agencies} on ${agencies.id} = reach.via_id
    where ${agencies.communeCode} is not null
  )`;

/** Visible projects of the tenant (the plan stored, of the plan asked). */
const projectScope = (tenantId: string, planId: string | undefined) =>
  sql`${projects.tenantId} = ${tenantId} and exists (select 1 from ${plans} where ${plans.id} = ${projects.planId} and ${plans.storingSince} is null)${planId ? sql` and ${projects.planId} = ${planId}` : sql``}`;

/**
 * `located(project_id, commune_code, via)`: each project on each of its communes, or — when it has
 * none recorded — on its owner agency's places. Needs `places`.
 */
const locatedCte = (
  tenantId: string,
  planId: string | undefined,
) => sql`located(project_id, commune_code, via) as (
    select ${projectLocations.projectId}, ${projectLocations.communeCode}, 'location'
    from ${projectLocations} join ${projects} on ${projects.id} = ${projectLocations.projectId}
    where ${projectScope(tenantId, planId)}
    union all
    select ${projects.id}, places.commune_code, 'owner'
    from ${projects} join places on places.agency_id = ${projects.ownerAgencyId}
    where ${projectScope(tenantId, planId)}
      and not exists (select 1 from ${projectLocations} where ${projectLocations.projectId} = ${projects.id})
  )`;

/** The communes of the tenant's province, with `value` from `valuesSql` (commune_code, n). */
const perCommune = (tenantId: string, valuesSql: SQL) => sql`
  select ${communes.code} as "code", ${communes.name} as "name", coalesce(v.n, 0)::text as "value"
  from ${communes} join ${tenants} on ${tenants.provinceCode} = ${communes.provinceCode} and ${tenants.id} = ${tenantId}
    left join (${valuesSql}) v on v.commune_code = ${communes.code}
  order by ${communes.code}`;

export type MeasureRow = { code: string; name: string; value: string };

/** A value per commune of the tenant's province for `measure`: one GROUP BY. */
export function communeMeasures(
  db: Db,
  tenantId: string,
  measure: MapMeasure,
  filter: { planId?: string | undefined; year: number; asOf: string },
): Promise<MeasureRow[]> {
  const { planId, year, asOf } = filter;
  const key = cacheKey('map-measure', measure, tenantId, planId ?? null, year, asOf);
  return preparedRows<MeasureRow>(db, key, () => {
    if (measure === 'overdue') {
      // Overdue work, each kind of work along its own index (tasks/queries.ts), by its lead's places.
      const s = statusSql(asOf);
      const overdue = KINDS.map(
        (kind) =>
          sql`(select ${tasks.currentLeadAgencyId} as agency_id from ${tasks} ${s.periodJoinOf(kind, tenantId)} where ${sql.join(taskConditions(tenantId, { planId, state: 'overdue' }, s, kind), sql` and `)})`,
      );
      return sql`with recursive ${placesCtes(tenantId)}
        ${perCommune(
          tenantId,
          sql`select places.commune_code, count(*) as n
            from (${sql.join(overdue, sql` union all `)}) work
            join places on places.agency_id = work.agency_id
            group by 1`,
        )}`;
    }
    if (measure === 'projects')
      return sql`with recursive ${placesCtes(tenantId)}, ${locatedCte(tenantId, planId)}
        ${perCommune(tenantId, sql`select commune_code, count(distinct project_id) as n from located group by 1`)}`;
    return sql`with recursive ${placesCtes(tenantId)}, ${locatedCte(tenantId, planId)},
      spent(project_id, amount) as (
        select ${projectDisbursements.projectId}, sum(${projectDisbursements.amount})
        from ${projectDisbursements}
        where ${projectDisbursements.tenantId} = ${tenantId} and ${projectDisbursements.year} = ${year}
        group by 1
      )
      ${perCommune(
        tenantId,
        sql`select located.commune_code, sum(spent.amount) as n
          from located join spent on spent.project_id = located.project_id
          group by 1`,
      )}`;
  });
}

// ---------------------------------------------------------------------------------------------
// One commune.

/** The commune `code` of the tenant's province; null for any other (another province's too). */
export async function findCommune(db: Db, tenantId: string, code: string) {
  const [row] = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .innerJoin(tenants, eq(tenants.provinceCode, communes.provinceCode))
    .where(and(eq(tenants.id, tenantId), eq(communes.code, code)));
  return row ?? null;
}

export type CommuneTaskRow = {
  id: string;
  code: string | null;
  title: string;
  planId: string;
  planNumber: string | null;
  state: TaskState;
  dueOn: string | null;
  leadId: string;
  leadName: string;
  former: boolean;
  total: number;
};

/** A page of the tasks whose current lead is on the commune: overdue first, then by date. */
export function communeTasks(
  db: Db,
  tenantId: string,
  code: string,
  filter: { planId?: string | undefined; asOf: string },
  page: { limit: number; offset: number },
): Promise<CommuneTaskRow[]> {
  const { planId, asOf } = filter;
  const key = cacheKey('map-commune-tasks', tenantId, code, planId ?? null, asOf, page);
  return preparedRows<CommuneTaskRow>(db, key, () => {
    const s = statusSql(asOf);
    const where = sql.join(taskConditions(tenantId, { planId }, s), sql` and `);
    return sql`with recursive ${placesCtes(tenantId)},
      here as (select agency_id, bool_and(former) as former from places where commune_code = ${code} group by 1)
      select ${tasks.id} as "id", ${tasks.code} as "code", ${tasks.title} as "title",
        ${tasks.planId} as "planId",
        (select ${legalDocuments.numberCanonical} from ${plans} join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId} where ${plans.id} = ${tasks.planId}) as "planNumber",
        ${s.state} as "state", ${s.dueOn} as "dueOn",
        ${agencies.id} as "leadId", ${agencies.name} as "leadName", here.former as "former",
        count(*) over ()::int as "total"
      from ${tasks}
        ${s.periodJoin(tenantId)}
        join here on here.agency_id = ${tasks.currentLeadAgencyId}
        join ${agencies} on ${agencies.id} = ${tasks.currentLeadAgencyId}
      where ${where}
      order by (${s.state} = 'overdue') desc, ${s.dueOn} asc nulls last, ${tasks.planId}, ${tasks.position}, ${tasks.id}
      limit ${page.limit} offset ${page.offset}`;
  });
}

export type CommuneProjectRow = {
  id: string;
  name: string;
  planId: string;
  planNumber: string | null;
  owner: string | null;
  ownerAgencyName: string | null;
  disbursed: string;
  capitalPlanned: string;
  via: 'location' | 'owner';
  total: number;
};

/** A page of the key projects on the commune, by name, with the year's figures. */
export function communeProjects(
  db: Db,
  tenantId: string,
  code: string,
  filter: { planId?: string | undefined; year: number },
  page: { limit: number; offset: number },
): Promise<CommuneProjectRow[]> {
  const { planId, year } = filter;
  const key = cacheKey('map-commune-projects', tenantId, code, planId ?? null, year, page);
  return preparedRows<CommuneProjectRow>(
    db,
    key,
    () => sql`with recursive ${placesCtes(tenantId)}, ${locatedCte(tenantId, planId)}
      select ${projects.id} as "id", ${projects.name} as "name", ${projects.planId} as "planId",
        (select ${legalDocuments.numberCanonical} from ${plans} join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId} where ${plans.id} = ${projects.planId}) as "planNumber",
        ${projects.owner} as "owner",
        (select ${agencies.name} from ${agencies} where ${agencies.id} = ${projects.ownerAgencyId}) as "ownerAgencyName",
        (select coalesce(sum(${projectDisbursements.amount}), 0)::text from ${projectDisbursements}
          where ${projectDisbursements.projectId} = ${projects.id} and ${projectDisbursements.year} = ${year}) as "disbursed",
        (select coalesce(sum(${projectCapitalPlans.amount}), 0)::text from ${projectCapitalPlans}
          where ${projectCapitalPlans.projectId} = ${projects.id} and ${projectCapitalPlans.year} = ${year}) as "capitalPlanned",
        located.via as "via",
        count(*) over ()::int as "total"
      from located join ${projects} on ${projects.id} = located.project_id
      where located.commune_code = ${code}
      order by ${projects.name}, ${projects.id}
      limit ${page.limit} offset ${page.offset}`,
  );
}

/** The total of a page that came back empty (past the end, or nothing at all). */
export async function totalOf<T extends { total: number }>(
  rows: T[],
  offset: number,
  count: () => Promise<T[]>,
): Promise<number> {
  if (rows[0]) return rows[0].total;
  if (offset === 0) return 0;
  return (await count())[0]?.total ?? 0;
}
