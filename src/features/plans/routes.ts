// /api/plans: authenticate (app hook; requireUser: anonymous → 401) → validate (schemas) →
// authorize (policy, tenant in the query) → service → presenter. Plans are created by
// `tiendo plan load` or by confirming an import draft (features/imports).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { responsibleOn } from '../../domain/succession.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize, can } from '../../server/policy.js';
import { actorOf } from '../../server/principal.js';
import { agenciesByIds, loadSuccessionIndex, responsibleAgencyIds } from '../agencies/service.js';
import { requireUser } from '../auth/hooks.js';
import { canCreateImport } from '../imports/policy.js';
import { planPolicy } from './policy.js';
import { presentPlan, presentPlanList, presentWithdrawnPlan } from './presenter.js';
import {
  planDetailSchema,
  planIdParamsSchema,
  planListQuerySchema,
  planListSchema,
  projectionSettingsSchema,
  projectionSettingsViewSchema,
  withdrawnPlanSchema,
  withdrawPlanSchema,
} from './schema.js';
import { getPlan, listPlans, projectionSettings, updateProjectionSettings } from './service.js';
import { planHasWork, withdrawPlan } from './withdraw.js';

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Plans of the tenant, newest first',
        querystring: planListQuerySchema,
        response: { 200: planListSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      return presentPlanList(await listPlans(app.db, principal.tenantId, request.query), {
        import: canCreateImport(principal),
      });
    },
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary:
          'A plan: header, legal basis, and its tree of objectives, targets, tasks and key projects',
        params: planIdParamsSchema,
        response: { 200: planDetailSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const data = await getPlan(app.db, principal.tenantId, request.params.id);
      if (!data) throw new NotFoundError('plan');
      authorize(planPolicy, principal, 'read', data.plan);
      const today = isoDateInVietnam();
      const successions = await loadSuccessionIndex(app.db, principal.tenantId);
      const named = [
        ...data.tasks.flatMap((t) => (t.leadAgencyId ? [t.leadAgencyId] : [])),
        ...data.coordinators.map((c) => c.agencyId),
      ];
      const responsible = [...new Set(named)].flatMap((id) =>
        responsibleAgencyIds(responsibleOn(id, today, successions)),
      );
      const agencies = await agenciesByIds(app.db, principal.tenantId, [...named, ...responsible]);
      const counts = {
        targets: data.targets.length,
        tasks: data.tasks.length,
        projects: data.projects.length,
      };
      // Asked only of those who may withdraw: one statement of index probes, nothing loaded.
      const unworked =
        can(planPolicy, principal, 'withdraw', data.plan) &&
        !(await planHasWork(app.db, principal.tenantId, data.plan.id));
      return presentPlan(data, counts, { principal, today, successions, agencies, unworked });
    },
  );

  app.post(
    '/api/plans/:id/withdraw',
    {
      schema: {
        tags: ['plans'],
        summary:
          'The consolidator withdraws a plan nobody has worked on (409 plan_has_work otherwise): it and everything storing it wrote are removed, its import draft closed, so the document can be imported again',
        params: planIdParamsSchema,
        body: withdrawPlanSchema,
        response: { 200: withdrawnPlanSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(planPolicy, p, 'withdraw', { tenantId: p.tenantId });
      const withdrawn = await withdrawPlan(
        app.db,
        actorOf(p, request.id),
        request.params.id,
        request.body.reason,
      );
      return presentWithdrawnPlan(withdrawn);
    },
  );

  /** The thresholds as the API shows them ("0.800" → "0.8"), if the caller may read the plan. */
  async function settingsView(p: ReturnType<typeof requireUser>, planId: string) {
    const row = await projectionSettings(app.db, p.tenantId, planId);
    if (!row) throw new NotFoundError('plan');
    authorize(planPolicy, p, 'read', row);
    const plain = (v: string) => v.replace(/0+$/, '').replace(/\.$/, '');
    return {
      atRiskShare: plain(row.atRiskShare),
      aboutMargin: plain(row.aboutMargin),
      abilities: { update: can(planPolicy, p, 'updateProjectionSettings', row) },
    };
  }

  app.get(
    '/api/plans/:id/projection-settings',
    {
      schema: {
        tags: ['plans'],
        summary:
          'How the plan’s targets are projected: the at-risk share and the margin of "about"',
        params: planIdParamsSchema,
        response: { 200: projectionSettingsViewSchema },
      },
    },
    async (request) => settingsView(requireUser(request), request.params.id),
  );

  app.put(
    '/api/plans/:id/projection-settings',
    {
      schema: {
        tags: ['plans'],
        summary:
          'The consolidator sets the projection thresholds; every target of the plan is re-projected',
        params: planIdParamsSchema,
        body: projectionSettingsSchema,
        response: { 200: projectionSettingsViewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(planPolicy, p, 'updateProjectionSettings', { tenantId: p.tenantId });
      await updateProjectionSettings(
        app.db,
        actorOf(p, request.id),
        request.params.id,
        request.body,
      );
      return settingsView(p, request.params.id);
    },
  );
};
