// /api/projects and /api/project-updates: authenticate (app hook; requireUser) → validate
// (schemas) → authorize (policy, on facts loaded tenant-scoped) → service in a transaction →
// presenter. A project or update the caller may not act on answers 404, like a missing one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import {
  keepingEvidenceOnSuccess,
  readEvidenceForm,
  registerEvidenceForms,
} from '../../server/evidence-form.js';
import { authorize, can } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import type { EvidenceStorage } from '../../server/storage/evidence-storage.js';
import { requireUser } from '../auth/hooks.js';
import {
  buildCapitalTemplate,
  readCapitalWorkbook,
  spreadsheetInvalid,
} from './capital-spreadsheet.js';
import { projectPolicy, projectUpdatePolicy } from './policy.js';
import { presentProjectDetail, presentProjectSummary, presentProjectUpdate } from './presenter.js';
import {
  capitalImportResultSchema,
  capitalTemplateQuerySchema,
  PROJECT_UPDATE_OPTIONAL_FIELDS,
  projectDetailQuerySchema,
  projectDetailSchema,
  projectDocumentsFieldsSchema,
  projectEditSchema,
  projectIdParamsSchema,
  projectListQuerySchema,
  projectListSchema,
  projectUpdateFieldsSchema,
  projectUpdateReviewSchema,
  projectUpdateViewSchema,
} from './schema.js';
import {
  addProjectDocuments,
  addProjectUpdate,
  capitalSheetRows,
  editProject,
  findProjectUpdate,
  importCapital,
  listProjects,
  loadProject,
  projectAccess,
  reviewProjectUpdate,
  updatesOf,
} from './service.js';

export type ProjectRouteOptions = { evidence: EvidenceStorage };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A capital spreadsheet of every project of a province is a few hundred kilobytes. */
const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;
const thisYear = () => Number(isoDateInVietnam().slice(0, 4));

/** The object just written, read back through the presenter. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('written object not found on read-back');
  return value;
}

export const projectRoutes: FastifyPluginAsyncZod<ProjectRouteOptions> = async (app, options) => {
  await registerEvidenceForms(app);

  app.get(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary:
          'A page of the tenant’s key projects with the year’s capital plan, disbursement and its %, site clearance and next milestone',
        querystring: projectListQuerySchema,
        response: { 200: projectListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(projectPolicy, p, 'read', { tenantId: p.tenantId, ownerAgencyId: null });
      const { limit, offset, year: asked, slipping, ...filter } = request.query;
      const year = asked ?? thisYear();
      const today = isoDateInVietnam();
      const page = await listProjects(
        app.db,
        p.tenantId,
        { ...filter, slipping: slipping ? { asOf: today } : undefined },
        year,
        { limit, offset },
      );
      return {
        items: page.rows.map((r) => presentProjectSummary(r, page.milestones, year, today)),
        total: page.total,
      };
    },
  );

  /** The project if the caller may read it (404 otherwise), as the API shows it. */
  async function detail(p: UserPrincipal, id: string, year = thisYear()) {
    const found = await loadProject(app.db, p.tenantId, id, year);
    if (!found) throw new NotFoundError('project');
    authorize(projectPolicy, p, 'read', {
      tenantId: found.row.project.tenantId,
      ownerAgencyId: found.row.project.ownerAgencyId,
    });
    return presentProjectDetail(found, year, isoDateInVietnam(), p);
  }

  app.get(
    '/api/projects/capital-template',
    {
      schema: {
        tags: ['projects'],
        summary:
          'The consolidator’s .xlsx template: every project’s capital plan of the year by source and the month’s disbursement, pre-filled',
        querystring: capitalTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(projectPolicy, p, 'loadSpreadsheet', { tenantId: p.tenantId, ownerAgencyId: null });
      const { year, month } = request.query;
      const rows = await capitalSheetRows(app.db, p.tenantId, year, month);
      const bytes = await buildCapitalTemplate(rows, year, month);
      const name = `ke-hoach-von-${year}-thang-${String(month).padStart(2, '0')}.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(bytes);
    },
  );

  app.post(
    '/api/projects/capital-import',
    {
      schema: {
        tags: ['projects'],
        summary:
          'Load a filled capital template (multipart field "file"): all or nothing; problems listed by sheet, cell and reason in Vietnamese',
        consumes: ['multipart/form-data'],
        response: { 200: capitalImportResultSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(projectPolicy, p, 'loadSpreadsheet', { tenantId: p.tenantId, ownerAgencyId: null });
      if (!request.isMultipart())
        throw new AppError(415, 'multipart_expected', 'send multipart/form-data');
      let bytes: Buffer | null = null;
      try {
        for await (const part of request.parts({ limits: { fileSize: MAX_SPREADSHEET_BYTES } })) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || bytes !== null) {
            part.file.resume();
            continue;
          }
          bytes = await part.toBuffer();
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(413, 'file_too_large', 'the spreadsheet is too large', [
            {
              field: 'file',
              code: 'file_too_large',
              message: `Tệp quá lớn (tối đa ${MAX_SPREADSHEET_BYTES / 1024 / 1024} MB).`,
            },
          ]);
        throw e;
      }
      if (!bytes)
        throw spreadsheetInvalid([
          { field: 'file', code: 'file_required', message: 'Chưa chọn tệp bảng tính (.xlsx).' },
        ]);
      const book = await readCapitalWorkbook(bytes);
      return importCapital(app.db, actorOf(p, request.id), p.userId, book);
    },
  );

  app.get(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary:
          'A key project: capital plan, monthly disbursement with cumulative and %, milestones and slippage, update history, links',
        params: projectIdParamsSchema,
        querystring: projectDetailQuerySchema,
        response: { 200: projectDetailSchema },
      },
    },
    async (request) => detail(requireUser(request), request.params.id, request.query.year),
  );

  app.put(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary:
          'The consolidator completes a project: form, owner, total investment, approval documents, period, communes, clearance, planned milestones, links',
        params: projectIdParamsSchema,
        body: projectEditSchema,
        response: { 200: projectDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      // The role decides; the project is looked up (404 if not in the tenant) and locked by the service.
      authorize(projectPolicy, p, 'update', { tenantId: p.tenantId, ownerAgencyId: null });
      await editProject(app.db, actorOf(p, request.id), request.params.id, request.body);
      return detail(p, request.params.id);
    },
  );

  app.post(
    '/api/projects/:id/updates',
    {
      schema: {
        tags: ['projects'],
        summary:
          'A monthly update by the owner agency (or the consolidating department for an outside owner): multipart fields version, year, month, disbursed, clearanceDone, constructionPercent, milestones (JSON), narrative and evidence files',
        params: projectIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: projectUpdateViewSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const access = await projectAccess(app.db, p.tenantId, request.params.id);
      if (!access) throw new NotFoundError('project');
      authorize(projectPolicy, p, 'report', access);
      const form = await readEvidenceForm(
        request,
        options.evidence,
        projectUpdateFieldsSchema,
        PROJECT_UPDATE_OPTIONAL_FIELDS,
      );
      const update = await keepingEvidenceOnSuccess(options.evidence, form.files, () =>
        addProjectUpdate(
          app.db,
          actorOf(p, request.id),
          p,
          request.params.id,
          { ...form.data, files: form.files },
          isoDateInVietnam(),
        ),
      );
      const row = (await updatesOf(app.db, request.params.id)).find(
        (u) => u.update.id === update.id,
      );
      return reply.code(201).send(presentProjectUpdate(must(row), p));
    },
  );

  app.post(
    '/api/projects/:id/documents',
    {
      schema: {
        tags: ['projects'],
        summary:
          'Add documents (files) to a project: multipart field version and up to 10 files in "evidence"; the consolidator or the owner agency’s staff',
        params: projectIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: projectDetailSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const access = await projectAccess(app.db, p.tenantId, request.params.id);
      if (!access) throw new NotFoundError('project');
      authorize(projectPolicy, p, 'addDocuments', access);
      const form = await readEvidenceForm(request, options.evidence, projectDocumentsFieldsSchema);
      await keepingEvidenceOnSuccess(options.evidence, form.files, () =>
        addProjectDocuments(
          app.db,
          actorOf(p, request.id),
          p.tenantId,
          request.params.id,
          form.data.version,
          form.files,
        ),
      );
      return reply.code(201).send(await detail(p, request.params.id));
    },
  );

  app.post(
    '/api/project-updates/:id/review',
    {
      schema: {
        tags: ['projects'],
        summary:
          'The agency head approves (and so applies to the project) or returns a monthly update of the agency',
        params: projectIdParamsSchema,
        body: projectUpdateReviewSchema,
        response: { 200: projectUpdateViewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const update = await findProjectUpdate(app.db, p.tenantId, request.params.id);
      if (!update) throw new NotFoundError('project_update');
      // One already decided is a conflict for those who could have decided it, 404 for others.
      if (
        update.status !== 'pending' &&
        can(projectUpdatePolicy, p, 'review', { ...update, status: 'pending' })
      )
        throw new AppError(409, 'already_decided', 'project_update already decided');
      authorize(projectUpdatePolicy, p, 'review', update);
      await reviewProjectUpdate(
        app.db,
        actorOf(p, request.id),
        p,
        update.id,
        request.body.decision,
        request.body.note,
      );
      const row = (await updatesOf(app.db, update.projectId)).find(
        (u) => u.update.id === update.id,
      );
      return presentProjectUpdate(must(row), p);
    },
  );
};
