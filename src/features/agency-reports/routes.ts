// /api/periods/:periodId/agency-reports[/:agencyId …] and /api/agency-reports/mine:
// authenticate (app hook; requireUser) → validate (schemas) → authorize (policy, on the report's
// agency loaded tenant-scoped with its period) → service in a transaction → presenter. A report
// the caller may not see, of a period not opened or of an agency the period does not expect, is
// 404 alike.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, NotFoundError } from '../../server/errors.js';
import { registerEvidenceForms } from '../../server/evidence-form.js';
import { authorize } from '../../server/policy.js';
import { actorOf, isStaffOf, type UserPrincipal } from '../../server/principal.js';
import { spreadsheetInvalid } from '../../server/spreadsheet.js';
import { requireUser } from '../auth/hooks.js';
import { agencyReportPolicy } from './policy.js';
import {
  presentMine,
  presentPeriod,
  presentPeriodRow,
  presentReport,
  presentVersion,
} from './presenter.js';
import {
  agencyReportSchema,
  myReportListSchema,
  periodParamsSchema,
  periodReportListSchema,
  type ReportState,
  reportParamsSchema,
  reportReasonBodySchema,
  reportSaveSchema,
  reportVersionBodySchema,
  reportVersionListSchema,
} from './schema.js';
import {
  agencyPeriods,
  currentContent,
  decideReport,
  type FoundReport,
  findOpenedPeriod,
  findReport,
  listPeriodReports,
  listVersions,
  saveDraft,
  submitReport,
  userNames,
} from './service.js';
import { buildReportTemplate, readReportWorkbook } from './spreadsheet.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;
const BASE = '/api/periods/:periodId/agency-reports';

type Params = { periodId: string; agencyId: string };

export const agencyReportRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerEvidenceForms(app);

  /** The report if the caller may take `action` on it (404 otherwise). */
  async function load(
    p: UserPrincipal,
    params: Params,
    action: keyof typeof agencyReportPolicy.rules,
  ): Promise<FoundReport> {
    const found = await findReport(app.db, p.tenantId, params.periodId, params.agencyId);
    if (!found) throw new NotFoundError('agency_report');
    authorize(agencyReportPolicy, p, action, {
      tenantId: found.period.tenantId,
      agencyId: found.agency.id,
      state: (found.report?.state as ReportState | undefined) ?? null,
    });
    return found;
  }

  async function view(p: UserPrincipal, params: Params) {
    const found = await load(p, params, 'read');
    const content = await currentContent(app.db, found);
    const names = await userNames(app.db, [
      found.report?.submittedBy ?? null,
      found.report?.decidedBy ?? null,
    ]);
    const report = presentReport(found, content, names, p);
    // The supervisor reads what was accepted, not why it was once returned.
    return p.role === 'supervisor' ? { ...report, returnReason: null } : report;
  }

  app.get(
    '/api/agency-reports/mine',
    {
      schema: {
        tags: ['agency-reports'],
        summary:
          'The caller’s agency’s reports: one per opened reporting period that expects the agency, with its state (empty for users without an agency’s staff role)',
        response: { 200: myReportListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (!p.agencyId || !isStaffOf(p, p.tenantId, p.agencyId)) return { items: [] };
      return { items: presentMine(await agencyPeriods(app.db, p.tenantId, p.agencyId)) };
    },
  );

  app.get(
    BASE,
    {
      config: { supervisor: true },
      schema: {
        tags: ['agency-reports'],
        summary:
          'Every agency a reporting period expects, with its report’s state, submission, timeliness (first submission by the deadline, in Vietnam) and return; agency staff see their own agency’s row',
        params: periodParamsSchema,
        response: { 200: periodReportListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const period = await findOpenedPeriod(app.db, p.tenantId, request.params.periodId);
      if (!period) throw new NotFoundError('reporting_period');
      const readsAll = agencyReportPolicy.rules.read(p, {
        tenantId: p.tenantId,
        agencyId: '',
        state: null,
      });
      if (p.role === 'supervisor') {
        const accepted = await listPeriodReports(
          app.db,
          p.tenantId,
          period.id,
          undefined,
          'accepted',
        );
        return {
          period: presentPeriod(period),
          items: accepted.map((r) => ({ ...presentPeriodRow(r), returnReason: null })),
        };
      }
      if (!readsAll && !p.agencyId) return { period: presentPeriod(period), items: [] };
      const rows = await listPeriodReports(
        app.db,
        p.tenantId,
        period.id,
        readsAll ? undefined : (p.agencyId ?? undefined),
      );
      return { period: presentPeriod(period), items: rows.map(presentPeriodRow) };
    },
  );

  app.get(
    `${BASE}/:agencyId`,
    {
      config: { supervisor: true },
      schema: {
        tags: ['agency-reports'],
        summary:
          'An agency’s report for a period: its tasks, targets and key projects (pre-filled from live data while it can be edited, frozen once submitted), the narratives, the state and what the caller may do',
        params: reportParamsSchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => view(requireUser(request), request.params),
  );

  app.put(
    `${BASE}/:agencyId`,
    {
      schema: {
        tags: ['agency-reports'],
        summary:
          'Save the draft (the agency’s officer or head): entries per row and the three narratives; version 0 stores the pre-filled draft first; 409 report_locked once accepted, stale_version on an old version',
        params: reportParamsSchema,
        body: reportSaveSchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await load(p, request.params, 'save');
      await saveDraft(app.db, actorOf(p, request.id), p, request.params, request.body, 'saved');
      return view(p, request.params);
    },
  );

  app.post(
    `${BASE}/:agencyId/submit`,
    {
      schema: {
        tags: ['agency-reports'],
        summary: 'The agency head submits the report to the consolidating department',
        params: reportParamsSchema,
        body: reportVersionBodySchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await load(p, request.params, 'submit');
      await submitReport(app.db, actorOf(p, request.id), p, request.params, request.body.version);
      return view(p, request.params);
    },
  );

  app.post(
    `${BASE}/:agencyId/accept`,
    {
      schema: {
        tags: ['agency-reports'],
        summary: 'The consolidating department accepts a submitted report: it is locked',
        params: reportParamsSchema,
        body: reportVersionBodySchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await load(p, request.params, 'decide');
      await decideReport(
        app.db,
        actorOf(p, request.id),
        p,
        request.params,
        'accepted',
        request.body.version,
        null,
      );
      return view(p, request.params);
    },
  );

  app.post(
    `${BASE}/:agencyId/return`,
    {
      schema: {
        tags: ['agency-reports'],
        summary: 'The consolidating department returns a submitted report with a reason',
        params: reportParamsSchema,
        body: reportReasonBodySchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await load(p, request.params, 'decide');
      await decideReport(
        app.db,
        actorOf(p, request.id),
        p,
        request.params,
        'returned',
        request.body.version,
        request.body.reason,
      );
      return view(p, request.params);
    },
  );

  app.post(
    `${BASE}/:agencyId/unlock`,
    {
      schema: {
        tags: ['agency-reports'],
        summary:
          'The consolidating department unlocks an accepted report with a reason: it goes back to the agency as returned',
        params: reportParamsSchema,
        body: reportReasonBodySchema,
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await load(p, request.params, 'unlock');
      await decideReport(
        app.db,
        actorOf(p, request.id),
        p,
        request.params,
        'unlocked',
        request.body.version,
        request.body.reason,
      );
      return view(p, request.params);
    },
  );

  app.get(
    `${BASE}/:agencyId/versions`,
    {
      schema: {
        tags: ['agency-reports'],
        summary: 'Every version of the report, newest first, with its action, reason and author',
        params: reportParamsSchema,
        response: { 200: reportVersionListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await load(p, request.params, 'read');
      if (!found.report) return { items: [] };
      const rows = await listVersions(app.db, found.report.id);
      const names = await userNames(
        app.db,
        rows.map((r) => r.actorId),
      );
      return { items: rows.map((r) => presentVersion(r, names)) };
    },
  );

  app.get(
    `${BASE}/:agencyId/template.xlsx`,
    {
      schema: {
        tags: ['agency-reports'],
        summary:
          'The agency’s .xlsx template of the report, pre-filled with what it holds now (the agency’s staff)',
        params: reportParamsSchema,
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const found = await load(p, request.params, 'save');
      const content = await currentContent(app.db, found);
      const r = found.report;
      const bytes = await buildReportTemplate({
        periodId: found.period.id,
        agencyId: found.agency.id,
        version: r?.version ?? 0,
        periodLabel: found.period.label,
        windowFrom: found.period.windowFrom,
        windowTo: found.period.windowTo,
        submissionDueOn: found.period.submissionDueOn,
        planName: found.period.planName,
        agencyName: found.agency.name,
        content,
        narratives: {
          results: r?.results ?? '',
          difficulties: r?.difficulties ?? '',
          proposals: r?.proposals ?? '',
        },
      });
      // ASCII file name: the agency's name would need RFC 5987 encoding in the header.
      const name = `bao-cao-co-quan-${found.period.windowTo}-v${r?.version ?? 0}.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(bytes);
    },
  );

  app.post(
    `${BASE}/:agencyId/upload`,
    {
      schema: {
        tags: ['agency-reports'],
        summary:
          'Upload the filled template (multipart field "file"): checked in full, problems listed by sheet, cell and reason in Vietnamese; a valid file becomes the draft, an invalid one stores nothing; another agency’s or period’s template or an older version is refused',
        params: reportParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 200: agencyReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await load(p, request.params, 'save');
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
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
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
      // A locked or submitted report takes no file, whatever the file holds.
      const state = found.report?.state ?? null;
      if (state === 'accepted')
        throw new AppError(409, 'report_locked', 'the report was accepted: unlock it first');
      if (state === 'submitted')
        throw new AppError(409, 'invalid_state', 'the report is submitted');
      const content = await currentContent(app.db, found);
      const parsed = await readReportWorkbook(bytes, {
        periodId: found.period.id,
        agencyId: found.agency.id,
        version: found.report?.version ?? 0,
        periodLabel: found.period.label,
        agencyName: found.agency.name,
        content,
      });
      // Rows left out of the file keep what the report has.
      const keep = <T, K extends keyof T>(current: T[], given: T[], key: K) => {
        const ids = new Set(given.map((g) => g[key]));
        return [...current.filter((c) => !ids.has(c[key])), ...given];
      };
      await saveDraft(
        app.db,
        actorOf(p, request.id),
        p,
        request.params,
        {
          version: parsed.meta.version,
          ...parsed.narratives,
          tasks: keep(
            content.tasks.map(({ taskId, status, percent, note }) => ({
              taskId,
              status,
              percent,
              note,
            })),
            parsed.tasks,
            'taskId',
          ),
          targets: keep(
            content.targets.map(({ targetId, value, note }) => ({ targetId, value, note })),
            parsed.targets,
            'targetId',
          ),
          projects: keep(
            content.projects.map(({ projectId, disbursed, note }) => ({
              projectId,
              disbursed,
              note,
            })),
            parsed.projects,
            'projectId',
          ),
        },
        'uploaded',
      );
      return view(p, request.params);
    },
  );
};
