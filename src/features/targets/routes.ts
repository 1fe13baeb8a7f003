// /api/targets: authenticate (app hook; requireUser) → validate (schemas) → authorize (policy,
// tenant in the query) → service → presenter. Reading only for now: actuals are reported, and
// baselines and milestones completed, by the workflow still to come (issue #9).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { targetPolicy } from './policy.js';
import { presentTarget } from './presenter.js';
import {
  targetDetailSchema,
  targetIdParamsSchema,
  targetListQuerySchema,
  targetListSchema,
} from './schema.js';
import { listTargets, loadTarget } from './service.js';

const thisYear = () => Number(isoDateInVietnam().slice(0, 4));

export const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/targets',
    {
      schema: {
        tags: ['targets'],
        summary: 'A page of the tenant’s targets with milestones, latest actual and projection',
        querystring: targetListQuerySchema,
        response: { 200: targetListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(targetPolicy, p, 'read', { tenantId: p.tenantId });
      const { limit, offset, ...filter } = request.query;
      const page = await listTargets(app.db, p.tenantId, filter, { limit, offset });
      const year = thisYear();
      return {
        items: page.rows.map((r) => {
          const { actuals: _all, ...summary } = presentTarget(r, page, year);
          return summary;
        }),
        total: page.total,
      };
    },
  );

  app.get(
    '/api/targets/:id',
    {
      schema: {
        tags: ['targets'],
        summary: 'A target with its milestones, approved actuals and projection (and its rule)',
        params: targetIdParamsSchema,
        response: { 200: targetDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await loadTarget(app.db, p.tenantId, request.params.id);
      if (!found) throw new NotFoundError('target');
      authorize(targetPolicy, p, 'read', { tenantId: found.row.target.tenantId });
      return {
        ...presentTarget(found.row, found, thisYear()),
        body: found.row.target.body,
        dataSource: found.row.target.dataSource,
      };
    },
  );
};
