// /api/communes: authenticate (requireUser) → authorize (policy) → service → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { communePolicy } from './policy.js';
import { presentCommunes } from './presenter.js';
import { communeListSchema } from './schema.js';
import { provinceCommunes } from './service.js';

export const communeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/communes',
    {
      schema: {
        tags: ['reference'],
        summary: 'The communes (xã, phường) of the tenant’s province since 1/7/2025, by name',
        response: { 200: communeListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(communePolicy, p, 'read', { tenantId: p.tenantId });
      return presentCommunes(await provinceCommunes(app.db, p.tenantId));
    },
  );
};
