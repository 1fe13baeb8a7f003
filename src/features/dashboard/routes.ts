// GET /api/dashboard: authenticate (requireUser) → validate (schema) → authorize (policy) →
// service → presenter. Read-only and made of independent aggregates, it runs no transaction (on
// the embedded database a transaction would hold every other request for its length); the task
// figures are the same cached counts /api/tasks/counts serves (db/read-cache.ts, dropped when task
// data changes), the rest is a handful of small GROUP BY reads.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cacheKey } from '../../db/read-cache.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { countTasks, countTasksBreakdown } from '../tasks/queries.js';
import { dashboardPolicy } from './policy.js';
import { presentDashboard } from './presenter.js';
import { dashboardQuerySchema, dashboardSchema } from './schema.js';
import {
  checkFilter,
  periodOf,
  projectSums,
  reportCounts,
  sectorsOf,
  targetCounts,
} from './service.js';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'The leadership dashboard: tasks by status and overdue age, reports missing in the period, targets by projection, the year’s disbursement against the capital plan, milestones slipping, by sector and by agency; each figure with the list behind it',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(dashboardPolicy, p, 'read', { tenantId: p.tenantId });
      const filter = request.query;
      const asOf = isoDateInVietnam();
      const thisYear = Number(asOf.slice(0, 4));
      await checkFilter(app.db, p.tenantId, filter);
      const period = await periodOf(app.db, p.tenantId, filter, asOf);
      const year = period ? Number(period.windowTo.slice(0, 4)) : thisYear;
      // The task list's filter: the plan, the sector, the agency as current lead.
      const taskFilter = {
        planId: filter.planId,
        sector: filter.sector,
        agencyId: filter.agencyId,
      };
      const [counts, breakdown, reports, targets, projects, sectors] = await Promise.all([
        app.readCache.get(cacheKey('task-counts', p.tenantId, asOf, taskFilter), () =>
          countTasks(app.db, p.tenantId, taskFilter, asOf),
        ),
        app.readCache.get(cacheKey('task-breakdown', p.tenantId, asOf, taskFilter), () =>
          countTasksBreakdown(app.db, p.tenantId, taskFilter, asOf),
        ),
        period ? reportCounts(app.db, period.id, filter.agencyId) : null,
        // Targets, projects and plan sections announce their changes too (migration 0024).
        // Projections are read in this year, as the targets list reads them. (The queries are
        // drizzle builders, run on every await: the cache keeps their result, `async` awaits it.)
        app.readCache.get(
          cacheKey('dashboard-targets', p.tenantId, asOf, taskFilter),
          async () => await targetCounts(app.db, p.tenantId, filter, thisYear),
        ),
        app.readCache.get(
          cacheKey('dashboard-projects', p.tenantId, asOf, year, taskFilter),
          async () => await projectSums(app.db, p.tenantId, filter, year, asOf),
        ),
        app.readCache.get(cacheKey('dashboard-sectors', p.tenantId, filter.planId ?? null), () =>
          sectorsOf(app.db, p.tenantId, filter.planId),
        ),
      ]);
      return presentDashboard({
        asOf,
        year,
        filter,
        counts,
        breakdown,
        period: period && reports ? { ...period, ...reports } : null,
        targets,
        projects,
        sectors,
      });
    },
  );
};
