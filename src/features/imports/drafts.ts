// Import drafts: a read document waiting for a person's review. Every correction is audited with
// the draft's state before and after; confirming stores the plan and closes the draft, together.
import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importDrafts } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import type { ExtractionPool } from './extraction-pool.js';
import { presentExtraction } from './presenter.js';
import { mapUnknownAgency, reviewGaps, unacknowledged, unknownAgencies } from './review-gaps.js';
import type { ExtractionDocument, ImportDraftUpdate } from './schema.js';
import { type Extracted, planFileForStoring, refuseImportedText, storePlan } from './service.js';

type StoredDraft = typeof importDrafts.$inferSelect;
/** A draft as services use it: the extraction read back whatever way it was stored. */
export type DraftRow = Omit<StoredDraft, 'extraction' | 'extractionGz'> & {
  extraction: ExtractionDocument;
};

const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

/**
 * The extraction as stored: gzipped JSON (compressed in libuv's threads, off the event loop), a
 * tenth of its size, so the embedded database writes bytes instead of parsing megabytes of JSON.
 */
async function packExtraction(extraction: ExtractionDocument) {
  return { extraction: null, extractionGz: await gzip(JSON.stringify(extraction)) };
}

async function unpack(row: StoredDraft): Promise<DraftRow> {
  const { extractionGz, extraction, ...rest } = row;
  return {
    ...rest,
    extraction: (extractionGz
      ? JSON.parse((await gunzip(extractionGz)).toString('utf8'))
      : extraction) as ExtractionDocument,
  };
}

export async function createDraft(
  db: Db,
  actor: Actor & { tenantId: string },
  fileName: string,
  extracted: Extracted,
) {
  const extraction = presentExtraction(extracted.extraction, {
    file: fileName,
    format: extracted.source.format,
    characters: extracted.source.text.length,
  });
  // A document already imported is recognised now, not after the review.
  await refuseImportedText(db, actor.tenantId, extracted.source.text);
  const packed = await packExtraction(extraction);
  return db.transaction(async (tx): Promise<DraftRow> => {
    const values = {
      tenantId: actor.tenantId,
      fileName,
      format: extracted.source.format,
      sourceText: extracted.source.text,
      createdBy: actor.id,
    };
    // Only the columns the database fills: the text and the extraction (megabytes for a large
    // plan) are already here, and reading them back costs the embedded database's main thread.
    const [filled] = await tx
      .insert(importDrafts)
      .values({ ...values, ...packed })
      .returning({
        id: importDrafts.id,
        status: importDrafts.status,
        version: importDrafts.version,
        planId: importDrafts.planId,
        createdAt: importDrafts.createdAt,
        updatedAt: importDrafts.updatedAt,
      });
    if (!filled) throw new Error('insert returned nothing');
    const row = { ...values, ...filled, extraction };
    await recordAudit(tx, actor, [
      {
        entity: 'import_draft',
        entityId: row.id,
        action: 'create',
        after: { fileName, format: row.format, counts: counts(extraction) },
      },
    ]);
    return row;
  });
}

function counts(x: ExtractionDocument) {
  return {
    targets: x.targets.length,
    tasks: x.tasks.length,
    projects: x.projects.length,
    warnings: x.warnings.length,
  };
}

export async function findDraft(
  db: Db,
  tenantId: string,
  id: string,
): Promise<DraftRow | undefined> {
  const [row] = await db
    .select()
    .from(importDrafts)
    .where(and(eq(importDrafts.tenantId, tenantId), eq(importDrafts.id, id)));
  return row ? unpack(row) : undefined;
}

/** Refuses a draft already confirmed, or changed since the version the caller started from. */
function checkOpen(row: { status: string; version: number }, version?: number) {
  if (row.status !== 'draft')
    throw new AppError(409, 'import_closed', `This import is ${row.status}`);
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      409,
      'stale_version',
      `The import changed since version ${version}; it is now at version ${row.version}`,
    );
  }
}

/** Takes a row lock and checks the version the caller started from. */
async function lockDraft(
  db: Db,
  tenantId: string,
  id: string,
  version?: number,
): Promise<DraftRow> {
  const [row] = await db
    .select()
    .from(importDrafts)
    .where(and(eq(importDrafts.tenantId, tenantId), eq(importDrafts.id, id)))
    .for('update');
  if (!row) throw new AppError(404, 'not_found', 'import not found');
  checkOpen(row, version);
  return unpack(row);
}

/** lockDraft reading only the draft's state (not its text and extraction, megabytes for a large plan). */
async function lockDraftState(db: Db, tenantId: string, id: string, version: number) {
  const [row] = await db
    .select({ status: importDrafts.status, version: importDrafts.version })
    .from(importDrafts)
    .where(and(eq(importDrafts.tenantId, tenantId), eq(importDrafts.id, id)))
    .for('update');
  if (!row) throw new AppError(404, 'not_found', 'import not found');
  checkOpen(row, version);
}

export async function updateDraft(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  update: ImportDraftUpdate,
) {
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, actor.tenantId, id, update.version);
    const before = row.extraction;
    const after: ExtractionDocument = {
      ...before,
      document: { ...before.document, ...update.document },
      targets: update.targets,
      tasks: update.tasks,
      projects: update.projects,
    };
    const audit: AuditEntry[] = [];
    for (const key of ['document', 'targets', 'tasks', 'projects'] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        audit.push({
          entity: 'import_draft',
          entityId: id,
          action: 'update',
          before: { [key]: before[key] },
          after: { [key]: after[key] },
        });
      }
    }
    const [updated] = await tx
      .update(importDrafts)
      .set({
        ...(await packExtraction(after)),
        version: sql`${importDrafts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(importDrafts.id, id))
      .returning();
    await recordAudit(tx, actor, audit);
    return unpack(updated as StoredDraft);
  });
}

/**
 * Stores the draft as a plan and closes it. The plan file is made first, outside the transaction
 * (in a worker thread with `pool`), from the draft at the version the caller confirms; the
 * transaction then locks the row and checks that version again, so the file is of exactly the
 * draft it closes. `draft` is the row when the caller has read it already.
 */
export async function confirmDraft(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  version: number,
  newVersion = false,
  options: { pool?: ExtractionPool; draft?: DraftRow; acknowledgedGaps?: readonly string[] } = {},
) {
  const draft = options.draft ?? (await findDraft(db, actor.tenantId, id));
  if (!draft) throw new AppError(404, 'not_found', 'import not found');
  checkOpen(draft, version);
  const extraction = draft.extraction;
  const acknowledgedGaps = options.acknowledgedGaps ?? [];
  const open = unacknowledged(extraction, acknowledgedGaps);
  if (open.length > 0) {
    throw new AppError(
      422,
      'gaps_not_acknowledged',
      `${open.length} gap(s) must be acknowledged before confirming`,
      open.slice(0, 200).map((g) => ({
        field: g.kind === 'task_without_lead' ? `tasks.${g.task}.lead` : `document.${g.key}`,
        code: g.kind,
        message: g.kind === 'task_without_lead' ? `task "${g.title}" has no lead` : g.kind,
      })),
    );
  }
  const acknowledged = reviewGaps(extraction).map((g) => g.key);
  const file = await planFileForStoring(
    extraction,
    draft.sourceText,
    options.pool ? { pool: options.pool } : {},
  );
  // Claimed first (status `storing`: a second confirmation is refused), then stored in short
  // transactions (plans/service.ts), then closed; a failed store gives the draft back.
  await db.transaction(async (tx) => {
    await lockDraftState(tx, actor.tenantId, id, version);
    await tx
      .update(importDrafts)
      .set({ status: 'storing', version: sql`${importDrafts.version} + 1`, updatedAt: new Date() })
      .where(eq(importDrafts.id, id));
  });
  let planId: string;
  try {
    ({ planId } = await storePlan(db, actor, extraction, draft.sourceText, { newVersion, file }));
  } catch (e) {
    await releaseDraft(db, id);
    throw e;
  }
  return db.transaction(async (tx) => {
    await tx
      .update(importDrafts)
      .set({
        status: 'confirmed',
        planId,
        version: sql`${importDrafts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(importDrafts.id, id));
    await recordAudit(tx, actor, [
      {
        entity: 'import_draft',
        entityId: id,
        action: 'update',
        before: { status: 'draft' },
        // The gaps the reviewer accepted are part of what was decided.
        after: { status: 'confirmed', planId, acknowledgedGaps: acknowledged },
      },
    ]);
    return planId;
  });
}

/** A draft whose plan was not stored is open again (at once after a failure; at start after a crash). */
async function releaseDraft(db: Db, id: string) {
  await db
    .update(importDrafts)
    .set({ status: 'draft', version: sql`${importDrafts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(importDrafts.id, id), eq(importDrafts.status, 'storing')));
}

/** At start: drafts whose confirmation a crash interrupted are open again. Returns how many. */
export async function releaseStoringDrafts(
  db: Db,
  /** Only drafts claimed before this (another instance may be storing one now). */
  before?: Date,
): Promise<number> {
  const left = await db
    .select({ id: importDrafts.id })
    .from(importDrafts)
    .where(
      and(
        eq(importDrafts.status, 'storing'),
        before ? lt(importDrafts.updatedAt, before) : undefined,
      ),
    );
  for (const { id } of left) await releaseDraft(db, id);
  return left.length;
}

/**
 * What the registry does for one unknown agency, inside the draft's transaction: the code of the
 * agency every mention spelled that way now names (an existing one, which learns the spelling as an
 * alias, or one added to the registry). Supplied by the agencies feature (agency-resolution.ts).
 */
export type RegistryStep = (
  tx: Db,
  asWritten: string,
) => Promise<{ agencyCode: string; agencyId: string; created: boolean }>;

/**
 * One decision for an agency the registry does not know: every task of the draft naming it, as
 * lead or coordinator, now names the chosen agency. The registry change and the draft's change are
 * one transaction: both or neither.
 */
export async function resolveUnknownAgency(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  version: number,
  key: string,
  registry: RegistryStep,
): Promise<DraftRow> {
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, actor.tenantId, id, version);
    const entry = unknownAgencies(row.extraction).find((u) => u.key === key);
    if (!entry) {
      throw new AppError(
        409,
        'agency_not_in_draft',
        'No task of this draft names an unknown agency spelled that way',
      );
    }
    const { agencyCode, agencyId, created } = await registry(tx, entry.asWritten);
    const { tasks, changed } = mapUnknownAgency(row.extraction.tasks, key, agencyCode);
    const extraction: ExtractionDocument = { ...row.extraction, tasks };
    const [updated] = await tx
      .update(importDrafts)
      .set({
        ...(await packExtraction(extraction)),
        version: sql`${importDrafts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(importDrafts.id, id))
      .returning();
    await recordAudit(tx, actor, [
      {
        entity: 'import_draft',
        entityId: id,
        action: 'update',
        before: { agency: { asWritten: entry.asWritten, kind: 'unknown' } },
        after: {
          agency: { asWritten: entry.asWritten, agencyId, agencyCode, created },
          mentions: changed,
        },
      },
    ]);
    return unpack(updated as StoredDraft);
  });
}
