// /api/public/plans[/:id]: the public view, without signing in (config.public). authenticate (the
// app hook sets an anonymous principal of the host's tenant) → validate → authorize (the tenant) →
// read (service.ts, rule.ts's conditions) → presenter (rule.ts's fields). Answers are the same for
// every visitor of the host: a shared cache (reverse proxy, CDN) may keep them for a minute;
// browsers revalidate, so a visitor who reloads sees an answer published meanwhile.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cacheKey } from '../../db/read-cache.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { publicViewPolicy } from './policy.js';
import { presentPublicPlan, presentPublicPlanItem } from './presenter.js';
import { PUBLIC_MAX_AGE_SECONDS } from './rule.js';
import { publicPlanListSchema, publicPlanParamsSchema, publicPlanSchema } from './schema.js';
import { listPublicPlans, loadPublicPlan } from './service.js';

export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_MAX_AGE_SECONDS}`;

export const publicViewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/plans',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'The tenant’s confirmed plans (number, title, date), for anyone',
        response: { 200: publicPlanListSchema },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      authorize(publicViewPolicy, p, 'read', { tenantId: request.tenant.id });
      const items = await listPublicPlans(app.db, p.tenantId);
      reply.header('cache-control', PUBLIC_CACHE_CONTROL);
      return { items: items.map(presentPublicPlanItem) };
    },
  );

  app.get(
    '/api/public/plans/:id',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          'A plan’s public page: purpose, targets with the latest approved actual and projection, key projects with progress, disbursement and milestones, the responsible agencies, published feedback with answers',
        params: publicPlanParamsSchema,
        response: { 200: publicPlanSchema },
      },
      // The schema documents the answer; the presenter already built it through rule.ts's
      // `publicOnly` (exactly the public keys), so it is written out as it is: checking a plan of
      // hundreds of items against the schema again cost more than reading it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request, reply) => {
      const p = request.principal;
      authorize(publicViewPolicy, p, 'read', { tenantId: request.tenant.id });
      const today = isoDateInVietnam();
      const year = Number(today.slice(0, 4));
      // Every table the page reads announces its changes (migrations 0008, 0024): the answer is
      // kept until one changes (or the day does), the same for every visitor of the tenant.
      const answer = await app.readCache.get(
        cacheKey('public-plan', p.tenantId, request.params.id, today),
        async () => {
          const loaded = await loadPublicPlan(app.db, p.tenantId, request.params.id, year);
          return loaded ? presentPublicPlan(loaded, year) : null;
        },
      );
      if (!answer) throw new NotFoundError('plan');
      reply.header('cache-control', PUBLIC_CACHE_CONTROL);
      return answer;
    },
  );
};
