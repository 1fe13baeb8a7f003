// Reading targets: a page of the tenant's targets (plans still being stored left out) with what
// hangs off the page's rows only — milestones and approved actuals — so that no read loads every
// target of the province.
import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  legalDocuments,
  plans,
  targetActuals,
  targetMilestones,
  targets,
} from '../../db/schema.js';

export type TargetFilter = { planId?: string | undefined; sector?: string | undefined };

const columns = {
  target: targets,
  planNumber: legalDocuments.numberCanonical,
  planTitle: legalDocuments.title,
  agencyName: agencies.name,
  atRiskShare: plans.projectionAtRiskShare,
  aboutMargin: plans.projectionAboutMargin,
};

function conditions(tenantId: string, filter: TargetFilter): SQL {
  return and(
    eq(targets.tenantId, tenantId),
    isNull(plans.storingSince),
    filter.planId ? eq(targets.planId, filter.planId) : undefined,
    filter.sector ? eq(targets.sector, filter.sector) : undefined,
  ) as SQL;
}

export type TargetRow = Awaited<ReturnType<typeof pageOf>>[number];

function pageOf(db: Db, where: SQL, page: { limit: number; offset: number }) {
  return db
    .select(columns)
    .from(targets)
    .innerJoin(plans, eq(plans.id, targets.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .leftJoin(agencies, eq(agencies.id, targets.responsibleAgencyId))
    .where(where)
    .orderBy(
      desc(legalDocuments.issuedOn),
      asc(targets.planId),
      asc(targets.sourceStart),
      asc(targets.position),
      asc(targets.id),
    )
    .limit(page.limit)
    .offset(page.offset);
}

/** Milestones and approved actuals of the given targets (a page: at most 100). */
async function attachments(db: Db, ids: string[]) {
  if (ids.length === 0) return { milestones: [], actuals: [] };
  const [milestones, actuals] = await Promise.all([
    db
      .select()
      .from(targetMilestones)
      .where(inArray(targetMilestones.targetId, ids))
      .orderBy(asc(targetMilestones.year)),
    db
      .select()
      .from(targetActuals)
      .where(and(inArray(targetActuals.targetId, ids), eq(targetActuals.status, 'approved')))
      .orderBy(desc(targetActuals.year), desc(targetActuals.reviewedAt)),
  ]);
  return { milestones, actuals };
}

export type TargetAttachments = Awaited<ReturnType<typeof attachments>>;

export async function listTargets(
  db: Db,
  tenantId: string,
  filter: TargetFilter,
  page: { limit: number; offset: number },
) {
  const where = conditions(tenantId, filter);
  const [rows, [total]] = await Promise.all([
    pageOf(db, where, page),
    db
      .select({ n: count() })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(where),
  ]);
  return {
    rows,
    total: total?.n ?? 0,
    ...(await attachments(
      db,
      rows.map((r) => r.target.id),
    )),
  };
}

export async function loadTarget(db: Db, tenantId: string, id: string) {
  const [row] = await pageOf(db, and(conditions(tenantId, {}), eq(targets.id, id)) as SQL, {
    limit: 1,
    offset: 0,
  });
  if (!row) return null;
  return { row, ...(await attachments(db, [id])) };
}
