// Feedback (góp ý). Public: GET /api/public/feedback/form (a signed, timed form token) and POST
// /api/public/feedback (anonymous: token, honeypot, links, the sender's hourly limit — form.ts —
// then one transaction). Moderation: GET /api/feedback, POST /api/feedback/:id/publish|reject for
// the consolidator and the administrator (policy.ts), each audited; 409 when already moderated.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf, type Principal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import {
  checkFormToken,
  type FeedbackSettings,
  HONEYPOT_FIELD,
  issueFormToken,
  senderKey,
  tooManyLinks,
} from './form.js';
import { feedbackPolicy } from './policy.js';
import { presentModeratedFeedback } from './presenter.js';
import {
  feedbackCreatedSchema,
  feedbackCreateSchema,
  feedbackFormSchema,
  feedbackIdParamsSchema,
  feedbackListQuerySchema,
  feedbackListSchema,
  feedbackPublishSchema,
  feedbackRejectSchema,
  moderatedFeedbackSchema,
} from './schema.js';
import { createFeedback, findFeedback, listFeedback, moderateFeedback } from './service.js';

const refuse = (code: string, field: string, message: string) =>
  new AppError(400, code, message, [{ field, code, message }]);

export const feedbackRoutes: FastifyPluginAsyncZod<{ settings: FeedbackSettings }> = async (
  app,
  { settings },
) => {
  app.get(
    '/api/public/feedback/form',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'A signed, timed token for the feedback form, and the name of its hidden field',
        response: { 200: feedbackFormSchema },
      },
    },
    async (request) => ({
      token: issueFormToken(settings.secret, request.tenant.id),
      honeypot: HONEYPOT_FIELD,
    }),
  );

  app.post(
    '/api/public/feedback',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          'Anyone sends feedback on a public target or key project; it is shown only once the consolidator publishes it with an answer (the contact never)',
        body: feedbackCreateSchema,
        response: { 201: feedbackCreatedSchema },
      },
    },
    async (request, reply) => {
      const tenantId = request.tenant.id;
      const { formToken, website, ...input } = request.body;
      if (website && website.trim() !== '')
        throw refuse('spam_suspected', `body.${HONEYPOT_FIELD}`, 'hidden field filled in');
      const problem = checkFormToken(settings, tenantId, formToken);
      if (problem) throw refuse(problem, 'body.formToken', problem);
      if (tooManyLinks(input.body)) throw refuse('too_many_links', 'body.body', 'mostly links');
      const contact = input.senderContact;
      if (
        contact !== null &&
        !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(contact) &&
        !/^\+?[\d\s.()-]{8,20}$/u.test(contact)
      )
        throw refuse('contact_invalid', 'body.senderContact', 'neither a telephone nor an e-mail');
      const row = await createFeedback(
        app.db,
        tenantId,
        input,
        senderKey(settings.secret, request.ip),
        settings.perHour,
      );
      return reply.code(201).send({ id: row.id, status: 'pending' as const });
    },
  );

  app.get(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'The moderation queue (pending, oldest first) or the published or rejected feedback (newest first), a page with its total',
        querystring: feedbackListQuerySchema,
        response: { 200: feedbackListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(feedbackPolicy, p, 'read', { tenantId: p.tenantId, status: 'pending' });
      const { status, limit, offset } = request.query;
      const page = await listFeedback(app.db, p.tenantId, status, { limit, offset });
      return { items: page.rows.map(presentModeratedFeedback), total: page.total };
    },
  );

  async function moderate(
    request: { id: string; principal: Principal },
    id: string,
    decision: { publish: true; answer: string } | { publish: false; note: string },
  ) {
    const p = request.principal;
    if (p.kind !== 'user') throw new NotFoundError('feedback');
    // The role decides (404 otherwise); the service locks the row, 409 if already moderated.
    authorize(feedbackPolicy, p, 'read', { tenantId: p.tenantId, status: 'pending' });
    await moderateFeedback(app.db, actorOf(p, request.id), p.userId, id, decision);
    const row = await findFeedback(app.db, p.tenantId, id);
    if (!row) throw new NotFoundError('feedback');
    return presentModeratedFeedback(row);
  }

  app.post(
    '/api/feedback/:id/publish',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Publish pending feedback with the answer shown under it on the public page',
        params: feedbackIdParamsSchema,
        body: feedbackPublishSchema,
        response: { 200: moderatedFeedbackSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return moderate(request, request.params.id, { publish: true, answer: request.body.answer });
    },
  );

  app.post(
    '/api/feedback/:id/reject',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Reject pending feedback with an internal note (never shown publicly)',
        params: feedbackIdParamsSchema,
        body: feedbackRejectSchema,
        response: { 200: moderatedFeedbackSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return moderate(request, request.params.id, { publish: false, note: request.body.note });
    },
  );
};
