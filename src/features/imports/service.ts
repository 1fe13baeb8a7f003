// Importing a plan document: read the file, parse it against the tenant's registry, and (unless it
// is a dry run) store it as a plan in one transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { plans } from '../../db/schema.js';
import { type Extraction, parsePlanDocument } from '../../domain/plan-import/parse.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../audit/service.js';
import { parsePlanFile } from '../plans/load.js';
import { createPlanFromFile } from '../plans/service.js';
import { loadAgencyDirectory } from './directory.js';
import { presentExtraction } from './presenter.js';
import { readSourceDocument } from './readers/index.js';
import { type SourceDocument, UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';
import { extractionToPlanFile } from './to-plan-file.js';

export type Extracted = { source: SourceDocument; extraction: Extraction };

export async function extractPlan(
  db: Db,
  tenantId: string,
  bytes: Uint8Array,
  fileName: string,
  today: string,
): Promise<Extracted> {
  let source: SourceDocument;
  try {
    source = await readSourceDocument(bytes, fileName);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw new AppError(422, e.code, e.message);
    throw e;
  }
  const directory = await loadAgencyDirectory(db, tenantId);
  const extraction = parsePlanDocument(source, directory, { today });
  if (extraction.document.type !== 'KH' || extraction.outline.length === 0) {
    const what = extraction.document.type
      ? `a document of type ${extraction.document.type}`
      : 'no plan structure (KẾ HOẠCH, then sections I., II., …)';
    throw new AppError(422, 'not_a_plan', `This is not a plan: found ${what}`);
  }
  return { source, extraction };
}

export async function importPlan(
  db: Db,
  actor: Actor & { tenantId: string },
  extracted: Extracted,
) {
  const { source, extraction } = extracted;
  if (!extraction.document.issuer) {
    throw new AppError(
      422,
      'missing_issuer',
      'The issuing authority was not found; review the extraction and give it',
    );
  }
  const [same] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), eq(plans.sourceText, source.text)));
  if (same)
    throw new AppError(
      409,
      'already_imported',
      `This document was already imported as plan ${same.id}`,
    );
  const presented = presentExtraction(extraction, {
    file: 'document',
    format: source.format,
    characters: source.text.length,
  });
  return storePlan(db, actor, presented, source.text);
}

/** Stores a (possibly corrected) extraction as a plan, refusing a document already imported. */
export async function storePlan(
  db: Db,
  actor: Actor & { tenantId: string },
  extraction: ExtractionDocument,
  sourceText: string,
) {
  if (!extraction.document.issuer) {
    throw new AppError(
      422,
      'missing_issuer',
      'The issuing authority was not found; review the extraction and give it',
    );
  }
  const [same] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), eq(plans.sourceText, sourceText)));
  if (same)
    throw new AppError(
      409,
      'already_imported',
      `This document was already imported as plan ${same.id}`,
    );
  const file = parsePlanFile(JSON.stringify(extractionToPlanFile(extraction, sourceText)));
  return createPlanFromFile(db, actor, file);
}
