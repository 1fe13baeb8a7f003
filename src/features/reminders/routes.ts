// /api/periods/:periodId/reminders and /api/escalations: authenticate (app hook;
// requireUser) → validate (schemas) → authorize (policy; the period is loaded tenant-scoped, and a
// missing one answers 404 like a forbidden one) → service → presenter. Reads only: reminders are
// sent by the job (server/jobs), never by a request.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { reminderPolicy } from './policy.js';
import { presentEscalations, presentPeriodReminders } from './presenter.js';
import {
  escalationListSchema,
  escalationsQuerySchema,
  periodIdParamsSchema,
  periodRemindersSchema,
} from './schema.js';
import { escalatedAgencies, findPeriod, periodReminderRows } from './service.js';

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/periods/:periodId/reminders',
    {
      schema: {
        tags: ['reminders'],
        summary:
          'The reminders and escalations sent for a reporting period: agency, step, when, and who got each',
        params: periodIdParamsSchema,
        response: { 200: periodRemindersSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(reminderPolicy, p, 'readReminders', { tenantId: p.tenantId });
      const period = await findPeriod(app.db, p.tenantId, request.params.periodId);
      if (!period) throw new NotFoundError('reporting_period');
      const rows = await periodReminderRows(app.db, p.tenantId, period.id);
      return presentPeriodReminders(period, rows);
    },
  );

  app.get(
    '/api/escalations',
    {
      schema: {
        tags: ['reminders'],
        summary:
          'Agencies still missing their report 5 working days or more after a period’s deadline (leadership’s list)',
        querystring: escalationsQuerySchema,
        response: { 200: escalationListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(reminderPolicy, p, 'readEscalations', { tenantId: p.tenantId });
      const asOf = request.query.asOf ?? isoDateInVietnam();
      const rows = await escalatedAgencies(app.db, p.tenantId, asOf, {
        periodId: request.query.periodId,
      });
      return presentEscalations(asOf, rows);
    },
  );
};
