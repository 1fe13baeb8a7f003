// /api/agencies: authenticate (app hook; requireUser: anonymous → 401) → validate (schemas) →
// authorize (policy, tenant in the query) → service (registry.ts: one transaction with its audit
// records) → presenter. Missing and forbidden both answer 404.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import { authorize, can } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { agencyPolicy, canCreateAgency } from './policy.js';
import { presentAgencyDetail, presentAgencySummary } from './presenter.js';
import {
  createAgency,
  endAgency,
  type RegistryActor,
  setAgencyAliases,
  updateAgency,
} from './registry.js';
import {
  agencyAliasesBodySchema,
  agencyDetailQuerySchema,
  agencyDetailSchema,
  agencyIdParamsSchema,
  agencyListQuerySchema,
  agencyListSchema,
  createAgencyBodySchema,
  endAgencyBodySchema,
  updateAgencyBodySchema,
} from './schema.js';
import { findAgency, getAgencyDetail, searchAgencies } from './service.js';

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
      return {
        items: rows.map((r) => presentAgencySummary(r, today)),
        total,
        abilities: { create: canCreateAgency(principal) },
      };
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

  /** The agency as it is now, for the caller (after a change). */
  const detailFor = async (p: UserPrincipal, id: string) => {
    const today = isoDateInVietnam();
    const detail = await getAgencyDetail(app.db, p.tenantId, id, today);
    if (!detail) throw new NotFoundError('agency');
    return presentAgencyDetail(detail, p, today, today);
  };

  /** The agency's access facts, read in the tenant; 404 unless the caller may do `action`. */
  const authorized = async (p: UserPrincipal, id: string, action: 'update' | 'end') => {
    const agency = await findAgency(app.db, p.tenantId, id);
    if (!agency) throw new NotFoundError('agency');
    // An agency ends once: those who could have ended it learn it already has (409).
    if (
      action === 'end' &&
      agency.inForceTo !== null &&
      can(agencyPolicy, p, 'end', { ...agency, inForceTo: null })
    )
      throw new AppError(409, 'agency_ended', `the agency ends on ${agency.inForceTo} already`);
    authorize(agencyPolicy, p, action, agency);
    return agency;
  };

  /** An edit of one agency: found and allowed, the registry's change in a transaction, the detail. */
  const edit = async (
    request: FastifyRequest & { params: { id: string } },
    action: 'update' | 'end',
    change: (tx: Db, actor: RegistryActor, id: string) => Promise<unknown>,
  ) => {
    const p = requireUser(request);
    await authorized(p, request.params.id, action);
    await app.db.transaction((tx) => change(tx, actorOf(p, request.id), request.params.id));
    return detailFor(p, request.params.id);
  };

  app.post(
    '/api/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary:
          'Add an agency to the registry (name, short name, kind, other names); 409 agency_name_taken when another agency is written so at the same time',
        body: createAgencyBodySchema,
        response: { 201: agencyDetailSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!canCreateAgency(p)) throw new NotFoundError('agency');
      const row = await app.db.transaction((tx) =>
        createAgency(tx, actorOf(p, request.id), request.body),
      );
      return reply.code(201).send(await detailFor(p, row.id));
    },
  );

  app.patch(
    '/api/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary:
          'Rename an agency or change its short name, kind, start or note; a former name stays an other name unless keepFormerNames is false',
        params: agencyIdParamsSchema,
        body: updateAgencyBodySchema,
        response: { 200: agencyDetailSchema },
      },
    },
    async (request) =>
      edit(request, 'update', (tx, actor, id) => updateAgency(tx, actor, id, request.body)),
  );

  app.put(
    '/api/agencies/:id/aliases',
    {
      schema: {
        tags: ['agencies'],
        summary:
          "Replace an agency's other names (the forms plans write it as besides its name and short name)",
        params: agencyIdParamsSchema,
        body: agencyAliasesBodySchema,
        response: { 200: agencyDetailSchema },
      },
    },
    async (request) =>
      edit(request, 'update', (tx, actor, id) => setAgencyAliases(tx, actor, id, request.body)),
  );

  app.post(
    '/api/agencies/:id/end',
    {
      schema: {
        tags: ['agencies'],
        summary:
          'End an agency from a date, optionally naming its successors (recorded as a merge or split succession, applied to tasks separately); 409 agency_ended when it has ended already',
        params: agencyIdParamsSchema,
        body: endAgencyBodySchema,
        response: { 200: agencyDetailSchema },
      },
    },
    async (request) =>
      edit(request, 'end', (tx, actor, id) => endAgency(tx, actor, id, request.body)),
  );
};
