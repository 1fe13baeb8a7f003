// /api/targets: authenticate (app hook; requireUser) → validate (schemas) → authorize (policy,
// tenant in the query) → service in a transaction → presenter. The consolidator completes a
// target; reporting actuals is the workflow still to come (issue #9).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize, can } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { targetPolicy } from './policy.js';
import { presentTarget } from './presenter.js';
import {
  targetDetailSchema,
  targetIdParamsSchema,
  targetListQuerySchema,
  targetListSchema,
  targetUpdateSchema,
} from './schema.js';
import { listTargets, loadTarget, updateTarget } from './service.js';

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

  /** The target if the caller may read it (404 otherwise), as the API shows it. */
  async function detail(p: UserPrincipal, id: string) {
    const found = await loadTarget(app.db, p.tenantId, id);
    if (!found) throw new NotFoundError('target');
    const access = { tenantId: found.row.target.tenantId };
    authorize(targetPolicy, p, 'read', access);
    return {
      ...presentTarget(found.row, found, thisYear()),
      version: found.row.target.version,
      body: found.row.target.body,
      dataSource: found.row.target.dataSource,
      abilities: { update: can(targetPolicy, p, 'update', access) },
    };
  }

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
    async (request) => detail(requireUser(request), request.params.id),
  );

  app.put(
    '/api/targets/:id',
    {
      schema: {
        tags: ['targets'],
        summary:
          'The consolidator completes a target: kind, comparator, unit, baseline, milestones, responsible agency, data source',
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
};
