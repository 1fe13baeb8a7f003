// /api/periods and a plan's periods: authenticate (requireUser) → validate (schemas) → authorize
// (periodPolicy on the tenant-scoped record) → service in a transaction → presenter. A period of
// another tenant answers 404, like one that does not exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { taskPolicy } from '../tasks/policy.js';
import { loadTask } from '../tasks/queries.js';
import { periodPolicy } from './policy.js';
import { presentPeriod, presentPeriodDetail } from './presenter.js';
import {
  expectedAgenciesBodySchema,
  periodDetailSchema,
  periodFieldsSchema,
  periodIdParamsSchema,
  periodListQuerySchema,
  periodListSchema,
  periodUpdateSchema,
  planIdParamsSchema,
  taskPeriodOutcomesSchema,
} from './schema.js';
import {
  changeExpectedAgencies,
  completeness,
  createPeriod,
  listPeriods,
  loadPeriod,
  openPeriod,
  taskPeriodRecord,
  updatePeriod,
} from './service.js';

export const reportingPeriodRoutes: FastifyPluginAsyncZod = async (app) => {
  async function periodFor(p: UserPrincipal, id: string, action: keyof typeof periodPolicy.rules) {
    const row = await loadPeriod(app.db, p.tenantId, id);
    if (!row) throw new NotFoundError('reporting period');
    authorize(periodPolicy, p, action, row.period);
    return row;
  }

  async function detail(p: UserPrincipal, id: string) {
    const row = await periodFor(p, id, 'read');
    const asOf = isoDateInVietnam();
    return presentPeriodDetail(p, row, asOf, await completeness(app.db, row.period, asOf));
  }

  app.get(
    '/api/periods',
    {
      config: { supervisor: true },
      schema: {
        tags: ['periods'],
        summary: 'The reporting periods of the tenant’s plans (of one plan with planId)',
        querystring: periodListQuerySchema,
        response: { 200: periodListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(periodPolicy, p, 'read', { tenantId: p.tenantId });
      const rows = await listPeriods(app.db, p.tenantId, request.query);
      return { items: rows.map((r) => presentPeriod(p, r)) };
    },
  );

  app.post(
    '/api/plans/:id/periods',
    {
      schema: {
        tags: ['periods'],
        summary:
          'The consolidator adds a reporting period to a plan: kind, label, data window, submission deadline',
        params: planIdParamsSchema,
        body: periodFieldsSchema,
        response: { 201: periodDetailSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(periodPolicy, p, 'create', { tenantId: p.tenantId });
      const id = await createPeriod(
        app.db,
        actorOf(p, request.id),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(await detail(p, id));
    },
  );

  app.get(
    '/api/periods/:id',
    {
      schema: {
        tags: ['periods'],
        summary:
          'A reporting period with its completeness: expected agencies, submitted, on time, late, missing, returned, and recurring tasks',
        params: periodIdParamsSchema,
        response: { 200: periodDetailSchema },
      },
    },
    async (request) => detail(requireUser(request), request.params.id),
  );

  app.put(
    '/api/periods/:id',
    {
      schema: {
        tags: ['periods'],
        summary:
          'The consolidator edits a period (409 on a stale version); recurring tasks are judged again',
        params: periodIdParamsSchema,
        body: periodUpdateSchema,
        response: { 200: periodDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await periodFor(p, request.params.id, 'update');
      await updatePeriod(app.db, actorOf(p, request.id), request.params.id, request.body);
      return detail(p, request.params.id);
    },
  );

  app.post(
    '/api/periods/:id/open',
    {
      schema: {
        tags: ['periods'],
        summary:
          'The consolidator opens a period: the agencies leading tasks, targets or projects of the plan are expected to report',
        params: periodIdParamsSchema,
        response: { 200: periodDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await periodFor(p, request.params.id, 'open');
      await openPeriod(app.db, actorOf(p, request.id), p.userId, request.params.id);
      return detail(p, request.params.id);
    },
  );

  app.put(
    '/api/periods/:id/agencies',
    {
      schema: {
        tags: ['periods'],
        summary: 'The consolidator adds or removes agencies expected to report in an open period',
        params: periodIdParamsSchema,
        body: expectedAgenciesBodySchema,
        response: { 200: periodDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      await periodFor(p, request.params.id, 'manageAgencies');
      await changeExpectedAgencies(app.db, actorOf(p, request.id), request.params.id, request.body);
      return detail(p, request.params.id);
    },
  );

  app.get(
    '/api/tasks/:id/period-outcomes',
    {
      schema: {
        tags: ['periods'],
        summary:
          'A recurring task’s record period by period: reported on time, late, overdue, missing or pending',
        params: periodIdParamsSchema,
        response: { 200: taskPeriodOutcomesSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const asOf = isoDateInVietnam();
      const task = await loadTask(app.db, p.tenantId, request.params.id, asOf);
      if (!task) throw new NotFoundError('task');
      authorize(taskPolicy, p, 'read', task.access);
      return taskPeriodRecord(app.db, task, asOf);
    },
  );
};
