// /api/reorganisation: the tenant's agency successions, applying one to live tasks, and the reviews
// where a person chooses who takes over after a split or an abolition.
// authenticate (app hook, requireUser) → validate (schemas) → authorize (policy) → service →
// presenter. Missing and forbidden both answer 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { canRecordSuccession, reviewPolicy, successionPolicy } from './policy.js';
import { presentReview, presentSuccessionList } from './presenter.js';
import {
  applyResultSchema,
  createSuccessionBodySchema,
  reorganisationIdParamsSchema,
  resolveReviewBodySchema,
  reviewListQuerySchema,
  reviewListSchema,
  reviewSchema,
  successionListSchema,
  successionSchema,
} from './schema.js';
import {
  applySuccession,
  createSuccession,
  listReviews,
  listSuccessions,
  resolveReview,
} from './service.js';

export const reorganisationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reorganisation',
    {
      schema: {
        tags: ['reorganisation'],
        summary: 'Agency successions of the tenant, whether applied, and the tasks they concern',
        response: { 200: successionListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(successionPolicy, p, 'read', { tenantId: p.tenantId, applied: false });
      return presentSuccessionList(await listSuccessions(app.db, p.tenantId), p);
    },
  );

  app.post(
    '/api/reorganisation',
    {
      schema: {
        tags: ['reorganisation'],
        summary:
          'Record a succession decided after the registry was loaded (the predecessor ends on the effective date); apply it separately',
        body: createSuccessionBodySchema,
        response: { 201: successionSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!canRecordSuccession(p)) throw new NotFoundError('succession');
      const id = await createSuccession(app.db, actorOf(p, request.id), request.body);
      const created = presentSuccessionList(
        await listSuccessions(app.db, p.tenantId),
        p,
      ).items.find((s) => s.id === id);
      if (!created) throw new NotFoundError('succession');
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/reorganisation/:id/apply',
    {
      schema: {
        tags: ['reorganisation'],
        summary:
          'Apply a succession to unfinished tasks (merge: hand over; split, abolition: queue for review); 409 when already applied',
        params: reorganisationIdParamsSchema,
        response: { 200: applyResultSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(successionPolicy, p, 'apply', { tenantId: p.tenantId, applied: false });
      return applySuccession(app.db, actorOf(p, request.id), request.params.id, {
        userId: p.userId,
      });
    },
  );

  app.get(
    '/api/reorganisation/reviews',
    {
      schema: {
        tags: ['reorganisation'],
        summary: 'Tasks waiting for a person to choose who takes over (or already chosen)',
        querystring: reviewListQuerySchema,
        response: { 200: reviewListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(reviewPolicy, p, 'read', { tenantId: p.tenantId, status: 'open' });
      const { ctx, rows } = await listReviews(app.db, p.tenantId, {
        status: request.query.status,
      });
      return { items: rows.map((r) => presentReview(r, ctx, p)) };
    },
  );

  app.post(
    '/api/reorganisation/reviews/:id',
    {
      schema: {
        tags: ['reorganisation'],
        summary:
          'Choose the agency that takes over the task (one of the candidates); 409 when already resolved',
        params: reorganisationIdParamsSchema,
        body: resolveReviewBodySchema,
        response: { 200: reviewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      // The role decides access; a resolved review is a conflict (409), not a missing one.
      authorize(reviewPolicy, p, 'read', { tenantId: p.tenantId, status: 'open' });
      await resolveReview(app.db, actorOf(p, request.id), request.params.id, request.body, {
        userId: p.userId,
      });
      const { ctx, rows } = await listReviews(app.db, p.tenantId, { id: request.params.id });
      const row = rows[0];
      if (!row) throw new NotFoundError('reassignment_review');
      return presentReview(row, ctx, p);
    },
  );
};
