// Reading targets: a page of the tenant's targets (plans still being stored left out) with what
// hangs off the page's rows only — milestones and approved actuals — so that no read loads every
// target of the province.
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  legalDocuments,
  plans,
  targetActuals,
  targetMilestones,
  targets,
} from '../../db/schema.js';
import { InvalidInputError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import { type Actor, recordAudit } from '../audit/service.js';
import type { TargetUpdate } from './schema.js';

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

/**
 * The consolidator's completion of a target, in one transaction: the row locked and its version
 * checked (409 on a stale one), the responsible agency looked up in the tenant, the milestones
 * replaced, and the change audited with the target and its milestones before and after.
 */
export async function updateTarget(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  change: TargetUpdate,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ target: targets })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(and(conditions(actor.tenantId, {}), eq(targets.id, id)))
      .for('update', { of: targets });
    if (!before) throw new NotFoundError('target');
    if (before.target.version !== change.version)
      throw new StaleVersionError('target', before.target.version);
    if (change.responsibleAgencyId) {
      const [agency] = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(
          and(
            eq(agencies.id, change.responsibleAgencyId),
            eq(agencies.tenantId, actor.tenantId),
            isNull(agencies.inForceTo),
          ),
        );
      if (!agency)
        throw new InvalidInputError(
          [
            {
              field: 'body.responsibleAgencyId',
              code: 'unknown_agency',
              message: 'no agency in force with this id',
            },
          ],
          'invalid_input',
        );
    }
    const milestonesBefore = await tx
      .select({ year: targetMilestones.year, value: targetMilestones.value })
      .from(targetMilestones)
      .where(eq(targetMilestones.targetId, id))
      .orderBy(asc(targetMilestones.year));
    const [after] = await tx
      .update(targets)
      .set({
        kind: change.kind,
        comparator: change.comparator,
        unit: change.unit,
        baselineValue: change.baseline ? Number(change.baseline.value) : null,
        baselineYear: change.baseline?.year ?? null,
        responsibleAgencyId: change.responsibleAgencyId,
        dataSource: change.dataSource,
        version: sql`${targets.version} + 1`,
      })
      .where(eq(targets.id, id))
      .returning();
    await tx.delete(targetMilestones).where(eq(targetMilestones.targetId, id));
    const milestones = [...change.milestones].sort((a, b) => a.year - b.year);
    if (milestones.length > 0)
      await tx
        .insert(targetMilestones)
        .values(milestones.map((m) => ({ targetId: id, year: m.year, value: m.value })));
    await recordAudit(tx, actor, [
      {
        entity: 'target',
        entityId: id,
        action: 'update',
        before: { ...before.target, milestones: milestonesBefore },
        after: { ...after, milestones },
      },
    ]);
  });
}
