// /api/imports: upload a plan document, review and correct what was read, confirm it as a plan.
// authenticate (app hook) → validate (schemas) → authorize (policy, tenant in the query) →
// service in a transaction → presenter.
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import { abilities, authorize } from '../../server/policy.js';
import { actorOf, type Principal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { registryStep } from './agency-resolution.js';
import {
  confirmDraft,
  createDraft,
  type DraftRow,
  findDraft,
  resolveUnknownAgency,
  updateDraft,
} from './drafts.js';
import { extractionPool, ImportBusyError } from './extraction-pool.js';
import { canCreateImport, importPolicy } from './policy.js';
import { DEFAULT_MAX_BYTES } from './readers/index.js';
import { reviewGaps, unknownAgencies } from './review-gaps.js';
import {
  confirmBodySchema,
  confirmResultSchema,
  type ExtractionDocument,
  type ImportDraft,
  importDraftSchema,
  importDraftUpdateSchema,
  importIdParamsSchema,
  resolveAgencyBodySchema,
  uploadQuerySchema,
} from './schema.js';
import { extractPlan, previousVersion } from './service.js';

async function present(db: Db, row: DraftRow, principal: Principal): Promise<ImportDraft> {
  const extraction = row.extraction as ExtractionDocument;
  return {
    id: row.id,
    status: row.status as ImportDraft['status'],
    fileName: row.fileName,
    version: row.version,
    sourceText: row.sourceText,
    extraction,
    planId: row.planId,
    previous:
      row.status === 'draft'
        ? await previousVersion(db, row.tenantId, extraction, row.sourceText)
        : null,
    review: { gaps: reviewGaps(extraction), unknownAgencies: unknownAgencies(extraction) },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: (() => {
      const a = abilities(importPolicy, principal, row);
      const open = row.status === 'draft';
      return { read: a.read, update: a.update && open, confirm: a.confirm && open };
    })(),
  };
}

/**
 * The routes that answer a whole draft send it with JSON.stringify instead of checking it against
 * its Zod schema first: a large plan's extraction is megabytes (a 300-page plan: 3,500 tasks, 5 MB)
 * and checking it took the main thread about a second, during which no other request is answered.
 * The draft is this feature's own presenter output, and corrections are checked on the way in.
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

/** "20 MB": the upload limit as people say it (binary megabytes, as file managers count them). */
const UPLOAD_LIMIT = `${DEFAULT_MAX_BYTES / 1024 / 1024} MB`;

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Errors of these routes that Fastify raises itself get the project's own codes here, then go on
  // to the application's error handler (errors thrown in a plugin's handler reach its parent's).
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError(
        413,
        'file_too_large',
        `The file is larger than the ${UPLOAD_LIMIT} limit (${DEFAULT_MAX_BYTES.toLocaleString('en-US')} bytes)`,
        [{ field: 'file', code: 'file_too_large', message: `at most ${UPLOAD_LIMIT}` }],
      );
    }
    if (error instanceof ImportBusyError)
      reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  });

  // The document travels as the request body, its name in the query: no multipart needed.
  app.addContentTypeParser(
    [
      'application/octet-stream',
      'application/pdf',
      'text/plain',
      'text/markdown',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/imports',
    {
      bodyLimit: DEFAULT_MAX_BYTES,
      serializerCompiler: plainJson,
      schema: {
        tags: ['imports'],
        summary: 'Read a plan document (.docx, .pdf, .txt, .md) into a draft for review',
        querystring: uploadQuerySchema,
        body: z.instanceof(Buffer),
        response: { 201: importDraftSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      if (!canCreateImport(principal)) throw new NotFoundError('import');
      if (request.body.length === 0)
        throw new AppError(400, 'empty_document', 'The request has no file');
      const extracted = await extractPlan(
        app.db,
        principal.tenantId,
        request.body,
        request.query.fileName,
        isoDateInVietnam(),
        { offThread: true },
      );
      const row = await createDraft(
        app.db,
        actorOf(principal, request.id),
        request.query.fileName,
        extracted,
      );
      return reply.code(201).send(await present(app.db, row, principal));
    },
  );

  app.get(
    '/api/imports/:id',
    {
      serializerCompiler: plainJson,
      schema: {
        tags: ['imports'],
        summary: 'An import draft with its source text',
        params: importIdParamsSchema,
        response: { 200: importDraftSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const row = await findDraft(app.db, principal.tenantId, request.params.id);
      if (!row) throw new NotFoundError('import');
      authorize(importPolicy, principal, 'read', row);
      return present(app.db, row, principal);
    },
  );

  app.put(
    '/api/imports/:id',
    {
      serializerCompiler: plainJson,
      schema: {
        tags: ['imports'],
        summary: 'Save the review’s corrections (optimistic: send the version you started from)',
        params: importIdParamsSchema,
        body: importDraftUpdateSchema,
        response: { 200: importDraftSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const row = await findDraft(app.db, principal.tenantId, request.params.id);
      if (!row) throw new NotFoundError('import');
      authorize(importPolicy, principal, 'update', row);
      const updated = await updateDraft(
        app.db,
        actorOf(principal, request.id),
        row.id,
        request.body,
      );
      return present(app.db, updated, principal);
    },
  );

  app.post(
    '/api/imports/:id/agencies',
    {
      serializerCompiler: plainJson,
      schema: {
        tags: ['imports'],
        summary:
          'Settle an agency the registry does not know: map it to an agency, or add it to the registry; every task naming it follows',
        params: importIdParamsSchema,
        body: resolveAgencyBodySchema,
        response: { 200: importDraftSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const row = await findDraft(app.db, principal.tenantId, request.params.id);
      if (!row) throw new NotFoundError('import');
      authorize(importPolicy, principal, 'update', row);
      const actor = actorOf(principal, request.id);
      const updated = await resolveUnknownAgency(
        app.db,
        actor,
        row.id,
        request.body.version,
        request.body.key,
        registryStep(principal, actor, request.body.resolution),
      );
      return present(app.db, updated, principal);
    },
  );

  app.post(
    '/api/imports/:id/confirm',
    {
      schema: {
        tags: ['imports'],
        summary: 'Store the reviewed extraction as a plan',
        params: importIdParamsSchema,
        body: confirmBodySchema,
        response: { 200: confirmResultSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const row = await findDraft(app.db, principal.tenantId, request.params.id);
      if (!row) throw new NotFoundError('import');
      authorize(importPolicy, principal, 'confirm', row);
      const planId = await confirmDraft(
        app.db,
        actorOf(principal, request.id),
        row.id,
        request.body.version,
        request.body.newVersion,
        { pool: extractionPool(), draft: row, acknowledgedGaps: request.body.acknowledgedGaps },
      );
      return { planId };
    },
  );
};
