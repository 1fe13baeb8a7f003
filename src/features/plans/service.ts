// Plans: creating one from a plan file (one transaction, everything audited) and reading them,
// always inside one tenant.
import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTurn } from '../../db/in-turn.js';
import {
  communes,
  documentReferences,
  evidenceFiles,
  feedback,
  legalDocuments,
  planNodes,
  planRevisions,
  plans,
  projectCapitalPlans,
  projectDisbursements,
  projectLocations,
  projectMilestones,
  projects,
  projectTargets,
  projectTasks,
  projectUpdates,
  reassignmentReviews,
  reportingPeriods,
  targetActuals,
  targetContributors,
  targetMilestones,
  targets,
  targetTasks,
  taskAssignments,
  taskCoordinators,
  tasks,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { dueDate } from '../../domain/deadline.js';
import { parseDocumentNumber } from '../../domain/document-number.js';
import { foldForSearch, nameKey, normalizeVietnamese } from '../../domain/vietnamese-text.js';
import {
  AppError,
  type ErrorIssue,
  InvalidInputError,
  NotFoundError,
} from '../../server/errors.js';
import { type AgencyResolver, type AgencyRow, agencyResolver } from '../agencies/service.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { applyAppliedSuccessions } from '../reorganisation/service.js';
import { ensureDefaultPeriods } from '../reporting-periods/service.js';
import { refreshProjections } from '../targets/service.js';
import {
  assignmentsFromPlan,
  deletePlanAssignments,
  tasksWithLiveWork,
} from '../tasks/assignments.js';
import { diffPlanFiles } from './diff.js';
import type { AgencyRef, PlanFile, PlanNode } from './plan-file.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

const norm = (s: string | undefined | null) => (s ? normalizeVietnamese(s) : null);

function documentSearchText(...parts: (string | null | undefined)[]) {
  return foldForSearch(parts.filter(Boolean).join(' | '));
}

/** tasks.search_text: the title and body folded for search (the task list's search). */
export function taskSearchText(title: string, body: string | null | undefined): string {
  return foldForSearch(`${title} ${body ?? ''}`);
}

/**
 * Rows per INSERT when a plan is stored. Narrow rows go 250 at a time; tasks (text, a JSON
 * deadline, a trigram index), projects and audit records (JSON before/after) 100, so that each
 * statement stays short (tens of milliseconds): PGlite runs every statement on the server's main
 * thread.
 */
const ROWS_PER_INSERT = 250;
const WIDE_ROWS_PER_INSERT = 100;

/**
 * Lets the event loop run (other requests, timers) before the next statement. Awaiting PGlite's
 * answers alone never does: they resolve as microtasks, so a long run of statements would keep
 * every other request waiting until the whole plan is stored.
 */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What kind of target the plan states: a percentage by its unit, a yes/no milestone when it gives
 * a year and no value, qualitative when it gives neither, else a number.
 */
function targetKindOf(t: {
  unit?: string | undefined;
  value?: number | undefined;
  year?: number | undefined;
}) {
  if (t.value === undefined) return t.year === undefined ? 'qualitative' : 'milestone';
  return t.unit?.trim() === '%' ? 'percentage' : 'number';
}

/** Resolves one agency reference of the file, or records why it cannot be. */
function resolveRef(
  resolver: AgencyResolver,
  ref: AgencyRef,
  on: string | undefined,
  path: string,
  issues: ErrorIssue[],
): { agency: AgencyRow; asWritten: string } | null {
  const asWritten = normalizeVietnamese(typeof ref === 'string' ? ref : ref.as_written);
  const code = typeof ref === 'string' ? undefined : ref.agency_code;
  const result = code ? resolver.byCode(code) : resolver.byName(asWritten, on);
  if (result.ok) return { agency: result.agency, asWritten };
  if (result.reason === 'ambiguous') {
    issues.push({
      field: path,
      code: 'ambiguous_agency',
      message: `"${asWritten}" may be ${result.candidates.map((c) => `${c.name} (${c.code})`).join(' or ')}: give agency_code`,
    });
  } else {
    issues.push({
      field: path,
      code: 'unknown_agency',
      message: code
        ? `no agency with code "${code}" in the registry`
        : `"${asWritten}" is not in the agency registry`,
    });
  }
  return null;
}

/**
 * Stores a validated plan file. Unknown agencies or communes, or a plan whose number the tenant
 * already has, fail the whole load with every problem listed; nothing is written.
 */
export async function createPlanFromFile(
  db: Db,
  actor: Actor & { tenantId: string },
  file: PlanFile,
  options: { revising?: string } = {},
): Promise<StoredPlan> {
  // A new version replaces live content (tasks carry on with their progress): one transaction.
  if (options.revising) {
    return db.transaction((tx) => storePlan(tx, actor, file, options, (work) => work(tx)));
  }
  // A new plan goes in hidden (plans.storing_since), its content in short transactions, and shows
  // when the last one clears the mark: the embedded database has one connection, and a plan of
  // thousands of tasks in one transaction kept every other request waiting for seconds.
  const stored: { planId?: string } = {};
  try {
    return await storePlan(db, actor, file, options, (work) => db.transaction(work), stored);
  } catch (e) {
    if (stored.planId) await discardStoringPlan(db, actor, stored.planId);
    throw e;
  }
}

type StoredPlan = {
  planId: string;
  revision: number;
  changes: ReturnType<typeof diffPlanFiles> | null;
  counts: { nodes: number; targets: number; tasks: number; projects: number };
};

/** Runs one unit of writing: in the caller's transaction, or in a transaction of its own. */
type Batch = <T>(work: (tx: Db) => Promise<T>) => Promise<T>;

async function storePlan(
  db: Db,
  actor: Actor & { tenantId: string },
  file: PlanFile,
  options: { revising?: string },
  batch: Batch,
  /** Given when the plan is stored hidden: receives its id once the hidden plan exists. */
  stored?: { planId?: string },
): Promise<StoredPlan> {
  const tenantId = actor.tenantId;
  // Reading and building every row first, outside any transaction of the staged store (a few
  // milliseconds a task on a busy machine: seconds for a large plan, during which the embedded
  // database stays free for other requests). A revision runs all of it in its one transaction.
  const built = await (async () => {
    const tx = db;
    const issues: ErrorIssue[] = [];
    // A new version of a plan keeps the plan (its id, its document) and replaces its content.
    const revising = options.revising ? await getRevisable(tx, tenantId, options.revising) : null;
    const resolver = await agencyResolver(tx, tenantId);
    const on = file.document.date;

    // Plan document: duplicate numbers in the same year are refused.
    const number = file.document.number ? parseDocumentNumber(file.document.number) : null;
    if (number) {
      const year = file.document.date ? Number(file.document.date.slice(0, 4)) : null;
      const same = await tx
        .select({ id: legalDocuments.id, issuedYear: legalDocuments.issuedYear })
        .from(legalDocuments)
        .where(
          and(eq(legalDocuments.tenantId, tenantId), eq(legalDocuments.numberKey, number.key)),
        );
      const others = same.filter((d) => d.id !== revising?.documentId);
      if (others.some((d) => d.issuedYear === null || year === null || d.issuedYear === year)) {
        issues.push({
          field: 'document.number',
          code: 'duplicate_document',
          message: `a document numbered ${number.canonical}${year ? ` in ${year}` : ''} already exists`,
        });
      }
    }

    // Communes named as project locations must exist.
    const locationCodes = new Set<string>();
    const collectLocations = (nodes: PlanNode[]) => {
      for (const n of nodes) {
        for (const p of n.projects) for (const c of p.location) locationCodes.add(c);
        collectLocations(n.children);
      }
    };
    collectLocations(file.sections);
    const knownCommunes = new Set(
      locationCodes.size === 0
        ? []
        : (
            await tx
              .select({ code: communes.code })
              .from(communes)
              .where(inArray(communes.code, [...locationCodes]))
          ).map((c) => c.code),
    );

    const documentId = revising?.documentId ?? randomUUID();
    const planId = revising?.id ?? randomUUID();
    const nodeRows: Insert<typeof planNodes>[] = [];
    const targetRows: Insert<typeof targets>[] = [];
    const milestoneRows: Insert<typeof targetMilestones>[] = [];
    const taskRows: Insert<typeof tasks>[] = [];
    const coordinatorRows: Insert<typeof taskCoordinators>[] = [];
    const projectRows: Insert<typeof projects>[] = [];
    const locationRows: Insert<typeof projectLocations>[] = [];

    // Building the rows (resolving agencies, normalising text: a few milliseconds a task on a busy
    // machine) is work on the main thread too: the event loop is let through every 10 ms of it.
    let since = performance.now();
    const slice = async () => {
      if (performance.now() - since < 10) return;
      await pause();
      since = performance.now();
    };
    const walk = async (nodes: PlanNode[], parentId: string | null, path: string) => {
      for (const [i, node] of nodes.entries()) {
        await slice();
        const nodePath = `${path}[${i}]`;
        const nodeId = randomUUID();
        nodeRows.push({
          id: nodeId,
          tenantId,
          planId,
          parentId,
          kind: node.kind,
          label: norm(node.label),
          title: normalizeVietnamese(node.title),
          body: norm(node.text),
          sector: norm(node.sector),
          position: i,
          sourceStart: node.source?.start ?? null,
          sourceEnd: node.source?.end ?? null,
        });
        node.targets.forEach((t, j) => {
          const targetId = randomUUID();
          // The value the plan asks for by its year is the target's first milestone; the
          // consolidator completes the rest (kind, baseline year, more milestones).
          if (t.year !== undefined)
            milestoneRows.push({
              targetId,
              year: t.year,
              value: t.value === undefined ? null : String(t.value),
            });
          targetRows.push({
            id: targetId,
            kind: targetKindOf(t),
            tenantId,
            planId,
            nodeId,
            position: j,
            indicator: normalizeVietnamese(t.indicator),
            unit: norm(t.unit),
            baselineValue: t.baseline ?? null,
            targetValue: t.value ?? null,
            targetYear: t.year ?? null,
            sector: norm(t.sector ?? node.sector),
            body: norm(t.text),
            sourceStart: t.source?.start ?? null,
            sourceEnd: t.source?.end ?? null,
          });
        });
        for (const [j, t] of node.tasks.entries()) {
          await slice();
          const taskPath = `${nodePath}.tasks[${j}]`;
          const taskId = randomUUID();
          const lead = t.lead ? resolveRef(resolver, t.lead, on, `${taskPath}.lead`, issues) : null;
          const seen = new Set(lead ? [lead.agency.id] : []);
          t.coordinators.forEach((c, k) => {
            const coordinator = resolveRef(
              resolver,
              c,
              on,
              `${taskPath}.coordinators[${k}]`,
              issues,
            );
            // A coordinator written twice, or the lead again, is listed once.
            if (!coordinator || seen.has(coordinator.agency.id)) return;
            seen.add(coordinator.agency.id);
            coordinatorRows.push({
              taskId,
              agencyId: coordinator.agency.id,
              asWritten: coordinator.asWritten,
              position: k,
            });
          });
          taskRows.push({
            id: taskId,
            tenantId,
            planId,
            nodeId,
            position: j,
            code: norm(t.code),
            title: normalizeVietnamese(t.title),
            body: norm(t.text),
            searchText: taskSearchText(normalizeVietnamese(t.title), norm(t.text)),
            sector: norm(t.sector ?? node.sector),
            leadAgencyId: lead?.agency.id ?? null,
            leadAsWritten: lead?.asWritten ?? norm(t.lead_as_written),
            coordinationNote: norm(t.coordination_note),
            deadline: t.deadline,
            deadlineKind: t.deadline.kind,
            dueOn: dueDate(t.deadline),
            expectedOutput: norm(t.output),
            sourceStart: t.source?.start ?? null,
            sourceEnd: t.source?.end ?? null,
          });
        }
        node.projects.forEach((p, j) => {
          const projectId = randomUUID();
          projectRows.push({
            id: projectId,
            tenantId,
            planId,
            nodeId,
            position: j,
            name: normalizeVietnamese(p.name),
            sector: norm(p.sector ?? node.sector),
            investmentForm: norm(p.investment_form),
            owner: norm(p.owner),
            body: norm(p.text),
            sourceStart: p.source?.start ?? null,
            sourceEnd: p.source?.end ?? null,
          });
          p.location.forEach((code, k) => {
            if (!knownCommunes.has(code)) {
              issues.push({
                field: `${nodePath}.projects[${j}].location[${k}]`,
                code: 'unknown_commune',
                message: `no commune with code ${code}`,
              });
            } else if (
              !locationRows.some((l) => l.projectId === projectId && l.communeCode === code)
            ) {
              locationRows.push({ projectId, communeCode: code });
            }
          });
        });
        await walk(node.children, nodeId, `${nodePath}.children`);
      }
    };
    await walk(file.sections, null, 'sections');

    if (issues.length > 0) throw new InvalidInputError(issues, 'invalid_plan');
    return {
      revising,
      number,
      documentId,
      planId,
      nodeRows,
      targetRows,
      milestoneRows,
      taskRows,
      coordinatorRows,
      projectRows,
      locationRows,
    };
  })();

  const head = await batch(async (tx) => {
    const { revising, number, documentId, planId } = built;
    const { nodeRows, targetRows, taskRows, coordinatorRows, projectRows, locationRows } = built;
    const { milestoneRows } = built;
    // Legal basis: reuse a document the tenant already has under the same number (and year, when
    // both are dated), so that plans implementing the same decision point to one record.
    const audit: AuditEntry[] = [];
    const referenceIds = new Map<string, string>(); // number key → document id
    // The documents already there under the numbers cited: one query, not one per reference.
    const citedKeys = [
      ...new Set(file.references.flatMap((r) => parseDocumentNumber(r.number)?.key ?? [])),
    ];
    const known =
      citedKeys.length === 0
        ? []
        : await tx
            .select({
              id: legalDocuments.id,
              numberKey: legalDocuments.numberKey,
              issuedYear: legalDocuments.issuedYear,
            })
            .from(legalDocuments)
            .where(
              and(
                eq(legalDocuments.tenantId, tenantId),
                inArray(legalDocuments.numberKey, citedKeys),
              ),
            )
            .orderBy(asc(legalDocuments.issuedOn));
    const newDocuments: Insert<typeof legalDocuments>[] = [];
    for (const ref of file.references) {
      const parsed = parseDocumentNumber(ref.number);
      if (!parsed) continue; // the schema already refused it
      const year = ref.date ? Number(ref.date.slice(0, 4)) : null;
      const sameYear = (issuedYear: number | null) =>
        year === null || issuedYear === null || issuedYear === year;
      const existing =
        known.find((c) => c.numberKey === parsed.key && sameYear(c.issuedYear)) ??
        newDocuments.find(
          (d) =>
            d.numberKey === parsed.key &&
            sameYear(d.issuedOn ? Number(d.issuedOn.slice(0, 4)) : null),
        );
      if (existing) {
        referenceIds.set(parsed.key, existing.id as string);
        continue;
      }
      const row: Insert<typeof legalDocuments> = {
        id: randomUUID(),
        tenantId,
        docType: normalizeVietnamese(ref.type),
        numberAsWritten: normalizeVietnamese(ref.as_written ?? ref.number),
        numberCanonical: parsed.canonical,
        numberKey: parsed.key,
        issuer: norm(ref.issuer),
        issuedOn: ref.date ?? null,
        title: norm(ref.title),
        searchText: documentSearchText(parsed.canonical, ref.issuer, ref.title),
      };
      newDocuments.push(row);
      referenceIds.set(parsed.key, row.id as string);
      audit.push({
        entity: 'legal_document',
        entityId: row.id as string,
        action: 'create',
        after: row,
      });
    }
    for (let i = 0; i < newDocuments.length; i += WIDE_ROWS_PER_INSERT) {
      await tx.insert(legalDocuments).values(newDocuments.slice(i, i + WIDE_ROWS_PER_INSERT));
    }

    let keptTasks = new Map<string, TaskRow>(); // new task id (= old id) → the old row
    let keptTargets = new Set<string>(); // targets and projects found again keep their id
    let keptProjects = new Set<string>();
    let oldNodeIds: string[] = [];
    const documentRow: Insert<typeof legalDocuments> = {
      id: documentId,
      tenantId,
      docType: file.document.type,
      numberAsWritten: norm(file.document.number),
      numberCanonical: number?.canonical ?? null,
      numberKey: number?.key ?? null,
      issuer: normalizeVietnamese(file.document.issuer),
      issuedOn: file.document.date ?? null,
      title: normalizeVietnamese(file.document.title),
      searchText: documentSearchText(number?.canonical, file.document.issuer, file.document.title),
    };
    if (revising) {
      const [before] = await tx
        .select()
        .from(legalDocuments)
        .where(eq(legalDocuments.id, documentId));
      await tx.update(legalDocuments).set(documentRow).where(eq(legalDocuments.id, documentId));
      audit.push({
        entity: 'legal_document',
        entityId: documentId,
        action: 'update',
        before,
        after: documentRow,
      });
      // Tasks that carry on under the new version keep their id (and their progress, requests,
      // assignments); the rest of the old content goes.
      const replaced = await replacePlanContent(tx, planId, documentId, taskRows, coordinatorRows, {
        targetRows,
        milestoneRows,
        projectRows,
        locationRows,
      });
      audit.push(...replaced.audit);
      keptTasks = replaced.kept;
      keptTargets = replaced.keptTargets;
      keptProjects = replaced.keptProjects;
      oldNodeIds = replaced.oldNodeIds;
    } else {
      await tx.insert(legalDocuments).values(documentRow);
      audit.push({
        entity: 'legal_document',
        entityId: documentId,
        action: 'create',
        after: documentRow,
      });
    }

    const referenceRows: Insert<typeof documentReferences>[] = [];
    const link = (fromId: string, numbers: readonly string[], relation: 'implements' | 'cites') => {
      numbers.forEach((n) => {
        const toId = referenceIds.get(parseDocumentNumber(n)?.key ?? '');
        if (!toId || referenceRows.some((r) => r.fromId === fromId && r.toId === toId)) return;
        referenceRows.push({ fromId, toId, relation, position: referenceRows.length });
      });
    };
    link(documentId, file.document.implements, 'implements');
    // Everything listed that the plan does not implement, it cites.
    link(
      documentId,
      file.references.map((r) => r.number),
      'cites',
    );
    for (const ref of file.references) {
      const fromId = referenceIds.get(parseDocumentNumber(ref.number)?.key ?? '');
      if (fromId) link(fromId, ref.implements, 'implements');
    }
    // Links between documents that already existed are kept once.
    if (referenceRows.length > 0)
      await tx.insert(documentReferences).values(referenceRows).onConflictDoNothing();

    const planRow: Insert<typeof plans> = {
      id: planId,
      tenantId,
      documentId,
      place: norm(file.document.place),
      signerName: norm(file.signer?.name),
      signerPosition: norm(file.signer?.position),
      signerAuthority: norm(file.signer?.authority),
      recipients: file.recipients.map(normalizeVietnamese),
      sourceText: file.document.source_text?.normalize('NFC') ?? null,
    };
    const revision = (revising?.revision ?? 0) + 1;
    if (revising) {
      const { id: _id, tenantId: _t, documentId: _d, ...changes } = planRow;
      await tx
        .update(plans)
        .set({ ...changes, revision })
        .where(eq(plans.id, planId));
      audit.push({
        entity: 'plan',
        entityId: planId,
        action: 'update',
        before: { ...revising, sourceText: undefined },
        after: { ...planRow, revision, sourceText: undefined },
      });
    } else {
      await tx.insert(plans).values({ ...planRow, storingSince: stored ? new Date() : null });
      audit.push({
        entity: 'plan',
        entityId: planId,
        action: 'create',
        after: { ...planRow, sourceText: undefined },
      });
    }
    await pause();
    const previousFile = revising ? await latestPlanFile(tx, planId) : null;
    const changes = previousFile ? diffPlanFiles(previousFile, file) : null;
    for (let i = 0; i < audit.length; i += WIDE_ROWS_PER_INSERT) {
      await pause();
      await recordAudit(tx, actor, audit.slice(i, i + WIDE_ROWS_PER_INSERT));
    }
    return {
      planId,
      revision,
      changes,
      keptTasks,
      keptTargets,
      keptProjects,
      oldNodeIds,
      nodeRows,
      targetRows,
      taskRows,
      coordinatorRows,
      projectRows,
      locationRows,
    };
  });
  if (stored) stored.planId = head.planId;
  // The plan file as loaded, kept whole (megabytes for a large plan): a statement of its own.
  await pause();
  await batch(async (tx) => {
    const [revisionRow] = await tx
      .insert(planRevisions)
      .values({
        tenantId,
        planId: head.planId,
        revision: head.revision,
        planFile: { ...file, document: { ...file.document, source_text: undefined } },
        changes: head.changes,
        createdBy: actor.id,
      })
      .returning({ id: planRevisions.id });
    await recordAudit(tx, actor, [
      {
        entity: 'plan_revision',
        entityId: revisionRow?.id ?? head.planId,
        action: 'create',
        after: { planId: head.planId, revision: head.revision, changes: head.changes },
      },
    ]);
  });
  const { planId, keptTasks, oldNodeIds, nodeRows, targetRows, taskRows, coordinatorRows } = head;
  const { milestoneRows } = built;
  const { projectRows, locationRows, keptTargets, keptProjects } = head;

  // Rows go in multi-row INSERTs of a few hundred, each with its audit records, with the event
  // loop let through between statements (pause), so that storing a large plan does not hold up
  // the server's other requests.
  const insertAll = async <R>(
    table: Parameters<Db['insert']>[0],
    rows: R[],
    entity: string,
    id: (r: R) => string,
    perInsert = ROWS_PER_INSERT,
  ) => {
    for (let i = 0; i < rows.length; i += perInsert) {
      const rowsNow = rows.slice(i, i + perInsert);
      await pause();
      await batch(async (tx) => {
        // New tasks' search text goes to the trigram index's pending list, which PostgreSQL
        // merges into the index once it passes this size, inside whichever INSERT passes it: at
        // the default 4 MB that one statement took half a second of PGlite's (the main thread's)
        // time. Set in each batch: a setting of a transaction ends with it.
        await tx.execute(sql`set local gin_pending_list_limit = 256`);
        await tx.insert(table).values(rowsNow as never);
        await recordAudit(
          tx,
          actor,
          rowsNow.map((r) => ({ entity, entityId: id(r), action: 'create' as const, after: r })),
        );
      });
    }
  };
  /** Updates rows found again in the new version, one short transaction each, audited. */
  const keepFoundAgain = async <R extends { id?: string | undefined }>(
    rows: R[],
    entity: string,
    update: (tx: Db, row: R) => Promise<{ before: unknown; after: unknown }>,
  ) => {
    for (const row of rows) {
      await pause();
      await batch(async (tx) => {
        const { before, after } = await update(tx, row);
        await recordAudit(tx, actor, [
          { entity, entityId: row.id as string, action: 'update', before, after },
        ]);
      });
    }
  };
  // Parents before children: nodes are collected depth-first, so a parent always comes first.
  await insertAll(planNodes, nodeRows, 'plan_node', (r) => r.id as string);
  await insertAll(
    targets,
    targetRows.filter((t) => !keptTargets.has(t.id as string)),
    'target',
    (r) => r.id as string,
  );
  await insertAll(
    targetMilestones,
    milestoneRows.filter((m) => !keptTargets.has(m.targetId)),
    'target_milestone',
    (r) => `${r.targetId}:${r.year}`,
  );
  // Targets found again: what the document says is updated, what the consolidator completed
  // (kind, baseline, responsible agency, other milestones) and what was reported stay.
  await keepFoundAgain(
    targetRows.filter((t) => keptTargets.has(t.id as string)),
    'target',
    async (tx, row) => {
      const id = row.id as string;
      const [before] = await tx.select().from(targets).where(eq(targets.id, id));
      const [after] = await tx
        .update(targets)
        .set({
          nodeId: row.nodeId,
          position: row.position,
          indicator: row.indicator,
          unit: sql`coalesce(${targets.unit}, ${row.unit ?? null})`,
          targetValue: row.targetValue,
          targetYear: row.targetYear,
          sector: row.sector,
          body: row.body,
          sourceStart: row.sourceStart,
          sourceEnd: row.sourceEnd,
          version: sql`${targets.version} + 1`,
        })
        .where(eq(targets.id, id))
        .returning();
      for (const m of milestoneRows.filter((r) => r.targetId === id))
        await tx
          .insert(targetMilestones)
          .values(m)
          .onConflictDoUpdate({
            target: [targetMilestones.targetId, targetMilestones.year],
            set: { value: m.value ?? null },
          });
      return { before, after };
    },
  );
  const freshTasks = taskRows.filter((t) => !keptTasks.has(t.id as string));
  await insertAll(tasks, freshTasks, 'task', (r) => r.id as string, WIDE_ROWS_PER_INSERT);
  for (const t of taskRows) {
    const before = keptTasks.get(t.id as string);
    if (!before) continue;
    await pause();
    // Every column the plan gives, search_text included (taskRows carry it).
    const { id: _id, tenantId: _tenant, planId: _plan, ...fields } = t;
    await batch(async (tx) => {
      const [after] = await tx
        .update(tasks)
        .set({ ...fields, version: before.version + 1 })
        .where(eq(tasks.id, before.id))
        .returning();
      await recordAudit(tx, actor, [
        { entity: 'task', entityId: before.id, action: 'update', before, after },
      ]);
    });
  }
  await insertAll(
    taskCoordinators,
    coordinatorRows,
    'task_coordinator',
    (r) => `${r.taskId}:${r.agencyId}`,
  );
  await insertAll(
    taskAssignments,
    // Tasks carried over keep their assignments; only new tasks start from the document.
    assignmentsFromPlan(
      tenantId,
      freshTasks,
      coordinatorRows.filter((c) => !keptTasks.has(c.taskId)),
      file.document.date ?? isoDateInVietnam(),
      actor.id,
    ).map((r) => ({ ...r, id: randomUUID() })),
    'task_assignment',
    (r) => r.id,
  );
  await insertAll(
    projects,
    projectRows.filter((r) => !keptProjects.has(r.id as string)),
    'project',
    (r) => r.id as string,
    WIDE_ROWS_PER_INSERT,
  );
  await insertAll(
    projectLocations,
    locationRows.filter((l) => !keptProjects.has(l.projectId)),
    'project_location',
    (r) => `${r.projectId}:${r.communeCode}`,
  );
  // Projects found again keep their capital plan, disbursement, updates and what the
  // consolidator completed; the document's words are updated, its communes added.
  await keepFoundAgain(
    projectRows.filter((r) => keptProjects.has(r.id as string)),
    'project',
    async (tx, row) => {
      const id = row.id as string;
      const [before] = await tx.select().from(projects).where(eq(projects.id, id));
      const [after] = await tx
        .update(projects)
        .set({
          nodeId: row.nodeId,
          position: row.position,
          name: row.name,
          sector: row.sector,
          investmentForm: sql`coalesce(${projects.investmentForm}, ${row.investmentForm ?? null})`,
          owner: sql`coalesce(${projects.owner}, ${row.owner ?? null})`,
          body: row.body,
          sourceStart: row.sourceStart,
          sourceEnd: row.sourceEnd,
          version: sql`${projects.version} + 1`,
        })
        .where(eq(projects.id, id))
        .returning();
      const places = locationRows.filter((l) => l.projectId === id);
      if (places.length > 0) await tx.insert(projectLocations).values(places).onConflictDoNothing();
      return { before, after };
    },
  );
  // The old tree goes once nothing points at it any more.
  if (oldNodeIds.length > 0) {
    await batch(async (tx) => {
      const gone = await tx.delete(planNodes).where(inArray(planNodes.id, oldNodeIds)).returning();
      await recordAudit(
        tx,
        actor,
        gone.map((r) => ({
          entity: 'plan_node',
          entityId: r.id,
          action: 'delete' as const,
          before: r,
        })),
      );
    });
  }
  await pause();
  await batch(async (tx) => {
    // Successions the administrator already applied reach this plan's tasks too.
    await applyAppliedSuccessions(
      tx,
      actor,
      taskRows.map((t) => t.id as string),
    );
    // Projections of its targets, as lists filter by them (targets/service.ts).
    await refreshProjections(
      tx,
      targetRows.map((t) => t.id as string),
    );
    // Its reporting periods (a new plan's defaults; a revision keeps the plan's own).
    await ensureDefaultPeriods(tx, tenantId, planId);
    // Complete: the plan shows.
    if (stored) await tx.update(plans).set({ storingSince: null }).where(eq(plans.id, planId));
  });

  return {
    planId,
    revision: head.revision,
    changes: head.changes,
    counts: {
      nodes: nodeRows.length,
      targets: targetRows.length,
      tasks: taskRows.length,
      projects: projectRows.length,
    },
  };
}

/**
 * Removes a plan whose content was never completely stored (an error, or a crash, between its
 * short transactions): nobody has seen it, since it was hidden all along. One transaction; the
 * audit trail keeps what was written and says it was removed, and why.
 */
export async function discardStoringPlan(db: Db, actor: Actor, planId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ id: plans.id, documentId: plans.documentId, tenantId: plans.tenantId })
      .from(plans)
      .where(and(eq(plans.id, planId), isNotNull(plans.storingSince)));
    if (!plan) return;
    await deleteStoredPlan(tx, plan);
    await recordAudit(tx, { ...actor, tenantId: plan.tenantId }, [
      {
        entity: 'plan',
        entityId: planId,
        action: 'delete',
        before: { id: planId, documentId: plan.documentId },
        after: { reason: 'storing_incomplete' },
      },
    ]);
  });
}

/**
 * Deletes a plan and every row storing it wrote, in the caller's transaction: its tree, targets
 * (with their milestones), tasks (coordinators, assignments, the reviews a reorganisation already
 * applied queued for them), projects (with their communes), revisions and default reporting
 * periods, the plan row, its document's links, and its document unless another document refers to
 * it. Rows of work done since (plans/withdraw.ts says which) are not deleted: the caller rules
 * them out first, and one left would fail a foreign key, so nothing is removed. Not audited here:
 * each caller records why the plan went.
 */
export async function deleteStoredPlan(
  tx: Db,
  plan: { id: string; documentId: string },
): Promise<{ documentRemoved: boolean }> {
  const planId = plan.id;
  const planTasks = tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.planId, planId));
  await tx.delete(reassignmentReviews).where(inArray(reassignmentReviews.taskId, planTasks));
  await tx.delete(taskAssignments).where(inArray(taskAssignments.taskId, planTasks));
  await tx.delete(taskCoordinators).where(inArray(taskCoordinators.taskId, planTasks));
  await tx.delete(tasks).where(eq(tasks.planId, planId));
  const planProjects = tx
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.planId, planId));
  await tx.delete(projectLocations).where(inArray(projectLocations.projectId, planProjects));
  await tx.delete(projects).where(eq(projects.planId, planId));
  await tx
    .delete(targetMilestones)
    .where(
      inArray(
        targetMilestones.targetId,
        tx.select({ id: targets.id }).from(targets).where(eq(targets.planId, planId)),
      ),
    );
  await tx.delete(targets).where(eq(targets.planId, planId));
  await tx.delete(planNodes).where(eq(planNodes.planId, planId));
  await tx.delete(planRevisions).where(eq(planRevisions.planId, planId));
  await tx.delete(reportingPeriods).where(eq(reportingPeriods.planId, planId));
  await tx.delete(plans).where(eq(plans.id, planId));
  await tx.delete(documentReferences).where(eq(documentReferences.fromId, plan.documentId));
  // Another document citing or implementing this one keeps it (as any cited document is kept).
  const removed = await tx
    .delete(legalDocuments)
    .where(
      and(
        eq(legalDocuments.id, plan.documentId),
        sql`not exists (select 1 from ${documentReferences} where ${documentReferences.toId} = ${plan.documentId})`,
      ),
    )
    .returning({ id: legalDocuments.id });
  return { documentRemoved: removed.length > 0 };
}

/** At start: plans a crash left half-stored (see discardStoringPlan). Returns how many. */
export async function discardStoringPlans(
  db: Db,
  actor: Actor,
  /** Only plans whose storing began before this (another instance may be storing one now). */
  before?: Date,
): Promise<number> {
  const left = await db
    .select({ id: plans.id })
    .from(plans)
    .where(before ? lt(plans.storingSince, before) : isNotNull(plans.storingSince));
  for (const { id } of left) await discardStoringPlan(db, actor, id);
  return left.length;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The tenant's plans that show: not one whose content is still being stored. */
const visiblePlans = (tenantId: string): SQL =>
  and(eq(plans.tenantId, tenantId), isNull(plans.storingSince)) as SQL;

async function countsByPlan(db: Db, tenantId: string, planIds: string[]) {
  const zero = () => ({ targets: 0, tasks: 0, projects: 0 });
  const result = new Map(planIds.map((id) => [id, zero()]));
  if (planIds.length === 0) return result;
  const [t, k, p] = await Promise.all(
    ([targets, tasks, projects] as const).map((table) =>
      db
        .select({ planId: table.planId, n: count() })
        .from(table)
        .where(and(eq(table.tenantId, tenantId), inArray(table.planId, planIds)))
        .groupBy(table.planId),
    ),
  );
  for (const r of t ?? []) (result.get(r.planId) ?? zero()).targets = r.n;
  for (const r of k ?? []) (result.get(r.planId) ?? zero()).tasks = r.n;
  for (const r of p ?? []) (result.get(r.planId) ?? zero()).projects = r.n;
  return result;
}

export async function listPlans(db: Db, tenantId: string, page: { limit: number; offset: number }) {
  const where = visiblePlans(tenantId);
  const [rows, totals] = await Promise.all([
    db
      .select({ plan: plans, document: legalDocuments })
      .from(plans)
      .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
      .where(where)
      .orderBy(desc(legalDocuments.issuedOn), desc(plans.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(plans).where(where),
  ]);
  const counts = await countsByPlan(
    db,
    tenantId,
    rows.map((r) => r.plan.id),
  );
  return { rows, counts, total: totals[0]?.n ?? 0 };
}

export type DocumentRow = typeof legalDocuments.$inferSelect;

/** The documents a document refers to, and theirs in turn (a plan → 693/QĐ-TTg → 72-KL/TW → …). */
async function referenceGraph(db: Db, tenantId: string, rootId: string) {
  const edges: (typeof documentReferences.$inferSelect)[] = [];
  const documents = new Map<string, DocumentRow>();
  let frontier = [rootId];
  const visited = new Set(frontier);
  while (frontier.length > 0) {
    const found = await db
      .select({ edge: documentReferences, document: legalDocuments })
      .from(documentReferences)
      .innerJoin(legalDocuments, eq(legalDocuments.id, documentReferences.toId))
      .where(
        and(inArray(documentReferences.fromId, frontier), eq(legalDocuments.tenantId, tenantId)),
      )
      .orderBy(asc(documentReferences.position));
    frontier = [];
    for (const { edge, document } of found) {
      edges.push(edge);
      documents.set(document.id, document);
      if (!visited.has(document.id)) {
        visited.add(document.id);
        frontier.push(document.id);
      }
    }
  }
  return { edges, documents };
}

export async function getPlan(db: Db, tenantId: string, planId: string) {
  const [head] = await db
    .select({ plan: plans, document: legalDocuments })
    .from(plans)
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(visiblePlans(tenantId), eq(plans.id, planId)));
  if (!head) return undefined;
  const inPlan = <T extends { planId: AnyPgColumn; tenantId: AnyPgColumn }>(t: T) =>
    and(eq(t.planId, planId), eq(t.tenantId, tenantId));
  const [nodes, targetRows, taskRows, projectRows, graph] = await Promise.all([
    db.select().from(planNodes).where(inPlan(planNodes)).orderBy(asc(planNodes.position)),
    db.select().from(targets).where(inPlan(targets)).orderBy(asc(targets.position)),
    db.select().from(tasks).where(inPlan(tasks)).orderBy(asc(tasks.position)),
    db.select().from(projects).where(inPlan(projects)).orderBy(asc(projects.position)),
    referenceGraph(db, tenantId, head.document.id),
  ]);
  const taskIds = taskRows.map((t) => t.id);
  const projectIds = projectRows.map((p) => p.id);
  const [coordinators, locations] = await Promise.all([
    taskIds.length === 0
      ? []
      : db
          .select()
          .from(taskCoordinators)
          .where(inArray(taskCoordinators.taskId, taskIds))
          .orderBy(asc(taskCoordinators.position)),
    projectIds.length === 0
      ? []
      : db
          .select({
            projectId: projectLocations.projectId,
            code: communes.code,
            name: communes.name,
          })
          .from(projectLocations)
          .innerJoin(communes, eq(communes.code, projectLocations.communeCode))
          .where(inArray(projectLocations.projectId, projectIds))
          .orderBy(asc(communes.name)),
  ]);
  return {
    ...head,
    nodes,
    targets: targetRows,
    tasks: taskRows,
    projects: projectRows,
    coordinators,
    locations,
    graph,
  };
}

export type PlanData = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

/** The plan to revise, inside the tenant, locked for the transaction. */
async function getRevisable(db: Db, tenantId: string, planId: string) {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(visiblePlans(tenantId), eq(plans.id, planId)))
    .for('update');
  if (!row) throw new AppError(404, 'not_found', 'plan not found');
  return row;
}

/** The plan file of the plan's latest revision, without its source text. */
export async function latestPlanFile(db: Db, planId: string): Promise<PlanFile | null> {
  const [row] = await db
    .select({ planFile: planRevisions.planFile })
    .from(planRevisions)
    .where(eq(planRevisions.planId, planId))
    .orderBy(desc(planRevisions.revision))
    .limit(1);
  return (row?.planFile as PlanFile | undefined) ?? null;
}

/** A plan already stored under the same number (and year) and issuer, if any. */
export async function findPlanByNumber(
  db: Db,
  tenantId: string,
  number: string | null,
  issuer: string | null,
  date: string | null,
) {
  const parsed = number ? parseDocumentNumber(number) : null;
  if (!parsed) return null;
  const rows = await db
    .select({
      id: plans.id,
      revision: plans.revision,
      issuer: legalDocuments.issuer,
      issuedYear: legalDocuments.issuedYear,
    })
    .from(plans)
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(visiblePlans(tenantId), eq(legalDocuments.numberKey, parsed.key)));
  const year = date ? Number(date.slice(0, 4)) : null;
  return (
    rows.find(
      (r) =>
        (year === null || r.issuedYear === null || r.issuedYear === year) &&
        (!issuer || !r.issuer || nameKey(r.issuer) === nameKey(issuer)),
    ) ?? null
  );
}

type TaskRow = typeof tasks.$inferSelect;

/** The same task in two versions: the same appendix number, else the same title. */
export function matchTasks(
  old: readonly { id: string; code: string | null; title: string }[],
  fresh: readonly { code?: string | null | undefined; title: string }[],
): (string | null)[] {
  const byCode = new Map<string, string>();
  const byTitle = new Map<string, string[]>();
  for (const t of old) {
    if (t.code) byCode.set(t.code, t.id);
    const key = nameKey(t.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), t.id]);
  }
  const used = new Set<string>();
  return fresh.map((t) => {
    const candidates = [
      ...(t.code && byCode.has(t.code) ? [byCode.get(t.code) as string] : []),
      ...(byTitle.get(nameKey(t.title)) ?? []),
    ];
    const id = candidates.find((c) => !used.has(c)) ?? null;
    if (id) used.add(id);
    return id;
  });
}

/**
 * Replaces a plan's content for a new revision. Tasks found again (matchTasks) keep their id, so
 * what was done on them stays; the new rows take those ids before insertion. Tasks no longer in
 * the document are deleted, unless they carry live work (409: nothing is lost silently). Targets,
 * projects and references are replaced; the old tree is removed by the caller once the new one
 * exists. Everything deleted is audited.
 */
async function replacePlanContent(
  tx: Db,
  planId: string,
  documentId: string,
  taskRows: Insert<typeof tasks>[],
  coordinatorRows: Insert<typeof taskCoordinators>[],
  items: {
    targetRows: Insert<typeof targets>[];
    milestoneRows: Insert<typeof targetMilestones>[];
    projectRows: Insert<typeof projects>[];
    locationRows: Insert<typeof projectLocations>[];
  },
): Promise<{
  audit: AuditEntry[];
  kept: Map<string, TaskRow>;
  keptTargets: Set<string>;
  keptProjects: Set<string>;
  oldNodeIds: string[];
}> {
  const audit: AuditEntry[] = [];
  const gone = <R>(entity: string, rows: R[], id: (r: R) => string) => {
    for (const r of rows) audit.push({ entity, entityId: id(r), action: 'delete', before: r });
  };
  const oldTasks = await tx.select().from(tasks).where(eq(tasks.planId, planId));
  const matches = matchTasks(oldTasks, taskRows);
  const kept = new Map<string, TaskRow>();
  matches.forEach((oldId, i) => {
    const row = taskRows[i];
    if (!oldId || !row) return;
    const newId = row.id as string;
    row.id = oldId;
    for (const c of coordinatorRows) if (c.taskId === newId) c.taskId = oldId;
    kept.set(oldId, oldTasks.find((t) => t.id === oldId) as TaskRow);
  });
  const dropped = oldTasks.filter((t) => !kept.has(t.id)).map((t) => t.id);
  const live = await tasksWithLiveWork(tx, dropped);
  if (live.length > 0) {
    throw new AppError(
      409,
      'plan_has_live_work',
      `${live.length} task(s) missing from the new version already have progress, requests or assignments`,
      live.map((id) => ({ field: 'tasks', code: 'task_has_live_work', message: id })),
    );
  }
  // Targets and projects found again (by their words) keep their id, and so their actuals, capital
  // plan, disbursement and links; the rest go, unless they carry such work (409, as for tasks).
  const keptTargets = keepIds(
    await tx
      .select({ id: targets.id, key: targets.indicator })
      .from(targets)
      .where(eq(targets.planId, planId)),
    items.targetRows,
    (r) => r.indicator,
    (oldId, newId) => {
      for (const m of items.milestoneRows) if (m.targetId === newId) m.targetId = oldId;
    },
  );
  const keptProjects = keepIds(
    await tx
      .select({ id: projects.id, key: projects.name })
      .from(projects)
      .where(eq(projects.planId, planId)),
    items.projectRows,
    (r) => r.name,
    (oldId, newId) => {
      for (const l of items.locationRows) if (l.projectId === newId) l.projectId = oldId;
    },
  );
  const droppedTargets = keptTargets.dropped;
  const droppedProjects = keptProjects.dropped;
  const busy = await itemsWithLiveWork(tx, droppedTargets, droppedProjects);
  if (busy.length > 0) {
    throw new AppError(
      409,
      'plan_has_live_work',
      `${busy.length} target(s) or project(s) missing from the new version already have reported figures, capital plans or links`,
      busy.map((id) => ({ field: 'items', code: 'item_has_live_work', message: id })),
    );
  }
  const projectIds = droppedProjects;
  const oldNodeIds = (
    await tx.select({ id: planNodes.id }).from(planNodes).where(eq(planNodes.planId, planId))
  ).map((n) => n.id);
  if (oldTasks.length > 0) {
    gone(
      'task_coordinator',
      await tx
        .delete(taskCoordinators)
        .where(
          inArray(
            taskCoordinators.taskId,
            oldTasks.map((t) => t.id),
          ),
        )
        .returning(),
      (r) => `${r.taskId}:${r.agencyId}`,
    );
  }
  audit.push(...(await deletePlanAssignments(tx, dropped)));
  if (dropped.length > 0) {
    gone('task', await tx.delete(tasks).where(inArray(tasks.id, dropped)).returning(), (r) => r.id);
  }
  if (projectIds.length > 0) {
    gone(
      'project_location',
      await tx
        .delete(projectLocations)
        .where(inArray(projectLocations.projectId, projectIds))
        .returning(),
      (r) => `${r.projectId}:${r.communeCode}`,
    );
  }
  if (droppedTargets.length > 0) {
    gone(
      'target_milestone',
      await tx
        .delete(targetMilestones)
        .where(inArray(targetMilestones.targetId, droppedTargets))
        .returning(),
      (r) => `${r.targetId}:${r.year}`,
    );
    gone(
      'target',
      await tx.delete(targets).where(inArray(targets.id, droppedTargets)).returning(),
      (r) => r.id,
    );
  }
  if (droppedProjects.length > 0) {
    gone(
      'project_milestone',
      await tx
        .delete(projectMilestones)
        .where(inArray(projectMilestones.projectId, droppedProjects))
        .returning(),
      (r) => r.id,
    );
    gone(
      'project',
      await tx.delete(projects).where(inArray(projects.id, droppedProjects)).returning(),
      (r) => r.id,
    );
  }
  gone(
    'document_reference',
    await tx
      .delete(documentReferences)
      .where(eq(documentReferences.fromId, documentId))
      .returning(),
    (r) => `${r.fromId}:${r.toId}:${r.relation}`,
  );
  return {
    audit,
    kept,
    keptTargets: keptTargets.kept,
    keptProjects: keptProjects.kept,
    oldNodeIds,
  };
}

/**
 * Targets or projects of a plan's new version that are the old ones again, by their words
 * (nameKey: case, spacing and tone placement aside), each old row used once: the new row takes
 * the old id (and `moved` re-points its children). Returns the ids kept and the old ids dropped.
 */
function keepIds<R extends { id?: string | undefined }>(
  old: { id: string; key: string }[],
  fresh: R[],
  keyOf: (r: R) => string,
  moved: (oldId: string, newId: string) => void,
) {
  const byKey = new Map<string, string[]>();
  for (const o of old) byKey.set(nameKey(o.key), [...(byKey.get(nameKey(o.key)) ?? []), o.id]);
  const kept = new Set<string>();
  for (const row of fresh) {
    const oldId = byKey.get(nameKey(keyOf(row)))?.find((id) => !kept.has(id));
    if (!oldId) continue;
    kept.add(oldId);
    moved(oldId, row.id as string);
    row.id = oldId;
  }
  return { kept, dropped: old.map((o) => o.id).filter((id) => !kept.has(id)) };
}

/** Of the given targets and projects, those carrying work that a new version must not erase. */
async function itemsWithLiveWork(
  tx: Db,
  targetIds: readonly string[],
  projectIds: readonly string[],
): Promise<string[]> {
  const t = [...targetIds];
  const p = [...projectIds];
  const lists = await inTurn([
    ...(t.length === 0
      ? []
      : [
          tx
            .select({ id: targetActuals.targetId })
            .from(targetActuals)
            .where(inArray(targetActuals.targetId, t)),
          tx
            .select({ id: targetContributors.targetId })
            .from(targetContributors)
            .where(inArray(targetContributors.targetId, t)),
          tx
            .select({ id: targetTasks.targetId })
            .from(targetTasks)
            .where(inArray(targetTasks.targetId, t)),
          tx
            .select({ id: projectTargets.targetId })
            .from(projectTargets)
            .where(inArray(projectTargets.targetId, t)),
          tx.select({ id: feedback.targetId }).from(feedback).where(inArray(feedback.targetId, t)),
        ]),
    ...(p.length === 0
      ? []
      : [
          tx
            .select({ id: projectCapitalPlans.projectId })
            .from(projectCapitalPlans)
            .where(inArray(projectCapitalPlans.projectId, p)),
          tx
            .select({ id: projectDisbursements.projectId })
            .from(projectDisbursements)
            .where(inArray(projectDisbursements.projectId, p)),
          tx
            .select({ id: projectUpdates.projectId })
            .from(projectUpdates)
            .where(inArray(projectUpdates.projectId, p)),
          tx
            .select({ id: projectMilestones.projectId })
            .from(projectMilestones)
            .where(inArray(projectMilestones.projectId, p)),
          tx
            .select({ id: projectTasks.projectId })
            .from(projectTasks)
            .where(inArray(projectTasks.projectId, p)),
          tx
            .select({ id: projectTargets.projectId })
            .from(projectTargets)
            .where(inArray(projectTargets.projectId, p)),
          tx
            .select({ id: feedback.projectId })
            .from(feedback)
            .where(inArray(feedback.projectId, p)),
          tx
            .select({ id: evidenceFiles.projectId })
            .from(evidenceFiles)
            .where(inArray(evidenceFiles.projectId, p)),
        ]),
  ]);
  return [...new Set(lists.flat().map((r) => r.id as string))];
}

/** A plan's projection thresholds, if the plan is the tenant's and shown. */
export async function projectionSettings(db: Db, tenantId: string, planId: string) {
  const [row] = await db
    .select({
      tenantId: plans.tenantId,
      atRiskShare: plans.projectionAtRiskShare,
      aboutMargin: plans.projectionAboutMargin,
    })
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.tenantId, tenantId), isNull(plans.storingSince)));
  return row ?? null;
}

/** Changes a plan's projection thresholds and re-projects its targets, in one transaction, audited. */
export async function updateProjectionSettings(
  db: Db,
  actor: Actor & { tenantId: string },
  planId: string,
  settings: { atRiskShare: string; aboutMargin: string },
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        atRiskShare: plans.projectionAtRiskShare,
        aboutMargin: plans.projectionAboutMargin,
      })
      .from(plans)
      .where(
        and(eq(plans.id, planId), eq(plans.tenantId, actor.tenantId), isNull(plans.storingSince)),
      )
      .for('update');
    if (!before) throw new NotFoundError('plan');
    await tx
      .update(plans)
      .set({
        projectionAtRiskShare: settings.atRiskShare,
        projectionAboutMargin: settings.aboutMargin,
      })
      .where(eq(plans.id, planId));
    await recordAudit(tx, actor, [
      { entity: 'plan', entityId: planId, action: 'update', before, after: settings },
    ]);
    const ids = await tx.select({ id: targets.id }).from(targets).where(eq(targets.planId, planId));
    await refreshProjections(
      tx,
      ids.map((t) => t.id),
    );
  });
}
