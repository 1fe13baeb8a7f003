// /api/targets and the actuals reported on them: authenticate (app hook; requireUser) → validate
// (schemas) → authorize (policy, on facts loaded tenant-scoped) → service in a transaction →
// presenter. A target or report the caller may not act on answers 404, like one that does not
// exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { periodAllowed, type ReportingFrequency } from '../../domain/target-period.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import {
  keepingEvidenceOnSuccess,
  readEvidenceForm,
  registerEvidenceForms,
} from '../../server/evidence-form.js';
import { authorize, authorizeDecision, can } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import type { EvidenceStorage } from '../../server/storage/evidence-storage.js';
import { requireUser } from '../auth/hooks.js';
import { removeStored } from '../tasks/evidence-store.js';
import { actualPolicy, targetPolicy } from './policy.js';
import { presentReport, presentTarget } from './presenter.js';
import {
  actualFieldsSchema,
  actualReportSchema,
  actualReviewBodySchema,
  targetDetailSchema,
  targetIdParamsSchema,
  targetListQuerySchema,
  targetListSchema,
  targetUpdateSchema,
} from './schema.js';
import {
  actualReports,
  findActual,
  listTargets,
  loadTarget,
  reportActual,
  reviewActual,
  targetLinks,
  updateTarget,
} from './service.js';

export type TargetRouteOptions = { evidence: EvidenceStorage };

const thisYear = () => Number(isoDateInVietnam().slice(0, 4));

const QUANTITY_KINDS = new Set(['number', 'percentage', 'count']);

export const targetRoutes: FastifyPluginAsyncZod<TargetRouteOptions> = async (app, options) => {
  await registerEvidenceForms(app);

  app.get(
    '/api/targets',
    {
      schema: {
        tags: ['targets'],
        summary:
          'A page of the tenant’s targets with milestones, latest actual and projection; filter by plan, sector, agency (responsible or contributing) and projection',
        querystring: targetListQuerySchema,
        response: { 200: targetListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(targetPolicy, p, 'read', { tenantId: p.tenantId });
      const { limit, offset, projection, ...filter } = request.query;
      const year = thisYear();
      const page = await listTargets(
        app.db,
        p.tenantId,
        { ...filter, projection: projection ? { state: projection, year } : undefined },
        { limit, offset },
      );
      return {
        items: page.rows.map((r) => {
          const { actuals: _all, ...summary } = presentTarget(r, page, year);
          return summary;
        }),
        total: page.total,
      };
    },
  );

  /** The target if the caller may read it (404 otherwise), as the API shows it. */
  async function detail(p: UserPrincipal, id: string) {
    const found = await loadTarget(app.db, p.tenantId, id);
    if (!found) throw new NotFoundError('target');
    const t = found.row.target;
    const access = { tenantId: t.tenantId, responsibleAgencyId: t.responsibleAgencyId };
    authorize(targetPolicy, p, 'read', access);
    const [links, reports] = await Promise.all([
      targetLinks(app.db, id),
      actualReports(app.db, id),
    ]);
    return {
      ...presentTarget(found.row, found, thisYear()),
      version: t.version,
      body: t.body,
      dataSource: t.dataSource,
      reportingFrequency: t.reportingFrequency as ReportingFrequency,
      contributors: links.contributors,
      tasks: links.tasks,
      abilities: {
        update: can(targetPolicy, p, 'update', access),
        report: can(targetPolicy, p, 'reportActual', access),
      },
      reports: reports.map((r) =>
        presentReport(r, (a) => can(actualPolicy, p, 'review', a), p.tenantId),
      ),
    };
  }

  app.get(
    '/api/targets/:id',
    {
      schema: {
        tags: ['targets'],
        summary:
          'A target with its milestones, actuals (those that count and every report), links and projection (and its rule)',
        params: targetIdParamsSchema,
        response: { 200: targetDetailSchema },
      },
    },
    async (request) => detail(requireUser(request), request.params.id),
  );

  app.put(
    '/api/targets/:id',
    {
      schema: {
        tags: ['targets'],
        summary:
          'The consolidator completes a target: kind, comparator, unit, baseline, milestones, responsible and contributing agencies, data source, reporting frequency, linked tasks',
        params: targetIdParamsSchema,
        body: targetUpdateSchema,
        response: { 200: targetDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      // The role decides; the target is looked up (404 if not in the tenant) and locked by the service.
      authorize(targetPolicy, p, 'update', { tenantId: p.tenantId });
      await updateTarget(app.db, actorOf(p, request.id), request.params.id, request.body);
      return detail(p, request.params.id);
    },
  );

  app.post(
    '/api/targets/:id/actuals',
    {
      schema: {
        tags: ['targets'],
        summary:
          'The responsible agency reports an actual for a period: multipart fields version, period (2026, 2026-H1, 2026-Q3, 2026-07), value | achieved | assessment (by the target’s kind), note, and up to 10 evidence files',
        params: targetIdParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: actualReportSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const found = await loadTarget(app.db, p.tenantId, request.params.id);
      if (!found) throw new NotFoundError('target');
      const t = found.row.target;
      authorize(targetPolicy, p, 'reportActual', {
        tenantId: t.tenantId,
        responsibleAgencyId: t.responsibleAgencyId,
      });
      const form = await readEvidenceForm(request, options.evidence, actualFieldsSchema, [
        'value',
        'achieved',
        'assessment',
      ]);
      const { data } = form;
      const issues: { field: string; code: string; message: string }[] = [];
      const allowed = periodAllowed(
        data.period,
        t.reportingFrequency as ReportingFrequency,
        isoDateInVietnam(),
      );
      if (!allowed.ok) issues.push({ field: 'period', code: allowed.code, message: data.period });
      // What the target's kind asks for, and nothing else.
      const asked = QUANTITY_KINDS.has(t.kind)
        ? 'value'
        : t.kind === 'milestone'
          ? 'achieved'
          : 'assessment';
      for (const field of ['value', 'achieved', 'assessment'] as const) {
        const given = data[field] !== undefined;
        if (field === asked && !given)
          issues.push({ field, code: `${field}_required`, message: `required for ${t.kind}` });
        if (field !== asked && given)
          issues.push({ field, code: `${field}_not_allowed`, message: `not for ${t.kind}` });
      }
      if (issues.length > 0 || !allowed.ok) {
        await removeStored(options.evidence, form.files);
        throw new AppError(400, issues[0]?.code ?? 'invalid_input', 'invalid actual', issues);
      }
      const actual = await keepingEvidenceOnSuccess(options.evidence, form.files, () =>
        reportActual(app.db, actorOf(p, request.id), p, t.id, {
          version: data.version,
          period: allowed.period,
          value: data.value ?? null,
          achieved: data.achieved === undefined ? null : data.achieved === 'true',
          assessment: data.assessment ?? null,
          note: data.note,
          files: form.files,
        }),
      );
      const view = await detail(p, t.id);
      const written = view.reports.find((r) => r.id === actual.id);
      if (!written) throw new Error('written report not found on read-back');
      return reply.code(201).send(written);
    },
  );

  app.post(
    '/api/target-actuals/:id/review',
    {
      schema: {
        tags: ['targets'],
        summary: 'The agency head approves or returns an actual reported by the agency’s staff',
        params: targetIdParamsSchema,
        body: actualReviewBodySchema,
        response: { 200: actualReportSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const actual = await findActual(app.db, p.tenantId, request.params.id);
      if (!actual) throw new NotFoundError('target_actual');
      authorizeDecision(actualPolicy, p, 'review', actual);
      await reviewActual(
        app.db,
        actorOf(p, request.id),
        p,
        actual.id,
        request.body.decision,
        request.body.note,
      );
      const view = await detail(p, actual.targetId);
      const reviewed = view.reports.find((r) => r.id === actual.id);
      if (!reviewed) throw new Error('reviewed report not found on read-back');
      return reviewed;
    },
  );
};
