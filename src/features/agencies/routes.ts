// /api/agencies: authenticate (app hook; requireUser: anonymous → 401) → validate (schemas) →
// authorize (policy, tenant in the query) → service → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { agencyPolicy } from './policy.js';
import { presentAgencyDetail, presentAgencySummary } from './presenter.js';
import {
  agencyDetailQuerySchema,
  agencyDetailSchema,
  agencyIdParamsSchema,
  agencyListQuerySchema,
  agencyListSchema,
} from './schema.js';
import { getAgencyDetail, searchAgencies } from './service.js';

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Search the agency registry (without diacritics too)',
        querystring: agencyListQuerySchema,
        response: { 200: agencyListSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const today = isoDateInVietnam();
      const { rows, total } = await searchAgencies(
        app.db,
        principal.tenantId,
        request.query,
        today,
      );
      return { items: rows.map((r) => presentAgencySummary(r, today)), total };
    },
  );

  app.get(
    '/api/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'One agency with its aliases, history and who is responsible for its work today',
        params: agencyIdParamsSchema,
        querystring: agencyDetailQuerySchema,
        response: { 200: agencyDetailSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const today = isoDateInVietnam();
      const on = request.query.on ?? today;
      const detail = await getAgencyDetail(app.db, principal.tenantId, request.params.id, on);
      if (!detail) throw new NotFoundError('agency');
      authorize(agencyPolicy, principal, 'read', detail.agency);
      return presentAgencyDetail(detail, principal, on, today);
    },
  );
};
