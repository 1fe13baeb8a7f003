// /api/adjustments (proposed adjustments of a plan) and /api/adjustment-batches (the consolidating
// department's batches): authenticate (app hook; requireUser) → validate (schemas) → authorize
// (policy, on facts loaded tenant-scoped) → service in a transaction → presenter. What the caller
// may not act on answers 404, like what does not exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { NotFoundError } from '../../server/errors.js';
import {
  keepingEvidenceOnSuccess,
  readEvidenceForm,
  registerEvidenceForms,
} from '../../server/evidence-form.js';
import { authorize, authorizeDecision } from '../../server/policy.js';
import { actorOf, hasRole, type UserPrincipal } from '../../server/principal.js';
import type { EvidenceStorage } from '../../server/storage/evidence-storage.js';
import { requireUser } from '../auth/hooks.js';
import { batchPolicy, decisionAccess, proposalPolicy, proposePolicy } from './policy.js';
import { presentBatch, presentProposal } from './presenter.js';
import {
  batchCreateSchema,
  batchDetailSchema,
  batchListQuerySchema,
  batchListSchema,
  batchUpdateSchema,
  decisionBodySchema,
  idParamsSchema,
  OPTIONAL_PROPOSAL_FIELDS,
  proposalFieldsSchema,
  proposalListQuerySchema,
  proposalListSchema,
  proposalSchema,
  versionBodySchema,
} from './schema.js';
import {
  createBatch,
  createProposal,
  decideProposal,
  loadBatch,
  loadBatches,
  loadProposal,
  loadProposals,
  prepareProposal,
  submitBatch,
  updateBatch,
  withdrawProposal,
} from './service.js';

const DECIDED = new Set(['accepted', 'rejected', 'withdrawn']);

export type AdjustmentRouteOptions = { evidence: EvidenceStorage };

export const adjustmentRoutes: FastifyPluginAsyncZod<AdjustmentRouteOptions> = async (
  app,
  options,
) => {
  await registerEvidenceForms(app);

  async function proposalView(p: UserPrincipal, id: string) {
    const row = await loadProposal(app.db, p.tenantId, id);
    if (!row) throw new NotFoundError('adjustment_proposal');
    authorize(proposalPolicy, p, 'read', decisionAccess(row.p));
    return presentProposal(row, p);
  }

  async function batchView(p: UserPrincipal, id: string) {
    const row = await loadBatch(app.db, p.tenantId, id);
    if (!row) throw new NotFoundError('adjustment_batch');
    authorize(batchPolicy, p, 'read', row.b);
    const proposals = await loadProposals(
      app.db,
      p.tenantId,
      { batchId: id },
      { limit: 500, offset: 0 },
    );
    return {
      ...presentBatch(row, p),
      proposals: proposals.rows.map((r) => presentProposal(r, p)),
    };
  }

  app.get(
    '/api/adjustments',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'Proposed adjustments of plans, newest first; filter by plan, state, proposing agency, batch or not yet batched',
        querystring: proposalListQuerySchema,
        response: { 200: proposalListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(proposalPolicy, p, 'read', {
        tenantId: p.tenantId,
        agencyId: '',
        status: '',
        state: '',
      });
      const { limit, offset, unbatched, ...filter } = request.query;
      const page = await loadProposals(
        app.db,
        p.tenantId,
        { ...filter, unbatched: unbatched === 'true' },
        { limit, offset },
      );
      return { items: page.rows.map((r) => presentProposal(r, p)), total: page.total };
    },
  );

  app.get(
    '/api/adjustments/:id',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'A proposed adjustment: what it changes, the values when proposed, evidence, decision',
        params: idParamsSchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => proposalView(requireUser(request), request.params.id),
  );

  app.post(
    '/api/adjustments',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'An agency proposes an adjustment of a task it leads, a target it answers for, or a new task in a plan it has work in: multipart fields kind (deadline | lead | content | drop_task | add_task | target), the kind’s fields, reason, and up to 10 evidence files',
        consumes: ['multipart/form-data'],
        response: { 201: proposalSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      // Only agency staff propose: others are refused before anything is read or stored.
      if (!hasRole(p, p.tenantId, 'agency_head', 'agency_officer'))
        throw new NotFoundError('adjustment_proposal');
      const form = await readEvidenceForm(
        request,
        options.evidence,
        proposalFieldsSchema,
        OPTIONAL_PROPOSAL_FIELDS,
      );
      const row = await keepingEvidenceOnSuccess(options.evidence, form.files, async () => {
        const prepared = await prepareProposal(app.db, p, form.data, isoDateInVietnam());
        authorize(proposePolicy, p, prepared.action, prepared.access);
        return createProposal(
          app.db,
          actorOf(p, request.id),
          p,
          prepared,
          form.data.reason,
          form.files,
        );
      });
      return reply.code(201).send(await proposalView(p, row.id));
    },
  );

  app.post(
    '/api/adjustments/:id/withdraw',
    {
      schema: {
        tags: ['adjustments'],
        summary: 'The proposing agency withdraws its proposal while it still waits for a batch',
        params: idParamsSchema,
        body: versionBodySchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const row = await loadProposal(app.db, p.tenantId, request.params.id);
      if (!row) throw new NotFoundError('adjustment_proposal');
      // The agency's staff may withdraw a waiting proposal; past that point it is a conflict.
      authorize(proposalPolicy, p, 'withdraw', { ...decisionAccess(row.p), state: 'proposed' });
      await withdrawProposal(app.db, actorOf(p, request.id), p, row.p.id, request.body.version);
      return proposalView(p, row.p.id);
    },
  );

  app.post(
    '/api/adjustments/:id/decision',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'Leadership accepts (applied to the plan as a new revision) or rejects (with its reason) a submitted proposal',
        params: idParamsSchema,
        body: decisionBodySchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const row = await loadProposal(app.db, p.tenantId, request.params.id);
      if (!row) throw new NotFoundError('adjustment_proposal');
      // Decided already: a conflict for leadership; not yet submitted: not leadership's to see.
      if (DECIDED.has(row.p.state))
        authorizeDecision(proposalPolicy, p, 'decide', decisionAccess(row.p));
      authorize(proposalPolicy, p, 'decide', decisionAccess(row.p));
      await decideProposal(
        app.db,
        actorOf(p, request.id),
        p,
        row.p.id,
        request.body,
        isoDateInVietnam(),
      );
      return proposalView(p, row.p.id);
    },
  );

  app.get(
    '/api/adjustment-batches',
    {
      schema: {
        tags: ['adjustments'],
        summary: 'The consolidating department’s batches of proposals, newest first',
        querystring: batchListQuerySchema,
        response: { 200: batchListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(batchPolicy, p, 'read', { tenantId: p.tenantId, state: 'draft' });
      const rows = await loadBatches(app.db, p.tenantId, request.query);
      return { items: rows.map((r) => presentBatch(r, p)) };
    },
  );

  app.get(
    '/api/adjustment-batches/:id',
    {
      schema: {
        tags: ['adjustments'],
        summary: 'A batch with its opinion and its proposals',
        params: idParamsSchema,
        response: { 200: batchDetailSchema },
      },
    },
    async (request) => batchView(requireUser(request), request.params.id),
  );

  app.post(
    '/api/adjustment-batches',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'The consolidating department groups waiting proposals of a plan into a batch, with its opinion',
        body: batchCreateSchema,
        response: { 201: batchDetailSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(batchPolicy, p, 'create', { tenantId: p.tenantId, state: 'draft' });
      const row = await createBatch(app.db, actorOf(p, request.id), p, request.body);
      return reply.code(201).send(await batchView(p, row.id));
    },
  );

  app.put(
    '/api/adjustment-batches/:id',
    {
      schema: {
        tags: ['adjustments'],
        summary: 'The consolidating department changes a draft batch: its opinion and proposals',
        params: idParamsSchema,
        body: batchUpdateSchema,
        response: { 200: batchDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      // The role decides; the batch is looked up (404 if not in the tenant), locked, and a
      // submitted one refused (409) by the service.
      authorize(batchPolicy, p, 'update', { tenantId: p.tenantId, state: 'draft' });
      await updateBatch(app.db, actorOf(p, request.id), p, request.params.id, request.body);
      return batchView(p, request.params.id);
    },
  );

  app.post(
    '/api/adjustment-batches/:id/submit',
    {
      schema: {
        tags: ['adjustments'],
        summary:
          'The consolidating department submits a batch (with its opinion) to leadership for decision',
        params: idParamsSchema,
        body: versionBodySchema,
        response: { 200: batchDetailSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(batchPolicy, p, 'submit', { tenantId: p.tenantId, state: 'draft' });
      await submitBatch(app.db, actorOf(p, request.id), p, request.params.id, request.body.version);
      return batchView(p, request.params.id);
    },
  );
};
