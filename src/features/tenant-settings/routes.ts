// /api/tenant/settings: authenticate (app hook; requireUser) → validate (schemas) → authorize
// (policy) → service in a transaction → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../server/policy.js';
import { actorOf } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { tenantSettingsPolicy } from './policy.js';
import { presentSettings } from './presenter.js';
import { tenantSettingsUpdateSchema, tenantSettingsViewSchema } from './schema.js';
import { loadSettings, updateSettings } from './service.js';

export const tenantSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/tenant/settings',
    {
      schema: {
        tags: ['tenant'],
        summary:
          'The province’s settings for its documents (authority, place, consolidating department, signers, symbols, recipients) and the values derived where they are empty',
        response: { 200: tenantSettingsViewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(tenantSettingsPolicy, p, 'read', { tenantId: p.tenantId });
      const asking = p.role === 'consolidator' ? p.agencyId : null;
      return presentSettings(await loadSettings(app.db, p.tenantId, asking), p, p.tenantId);
    },
  );

  app.put(
    '/api/tenant/settings',
    {
      schema: {
        tags: ['tenant'],
        summary: 'The administrator changes the settings (409 on a stale version), audited',
        body: tenantSettingsUpdateSchema,
        response: { 200: tenantSettingsViewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(tenantSettingsPolicy, p, 'update', { tenantId: p.tenantId });
      await updateSettings(app.db, actorOf(p, request.id), request.body);
      return presentSettings(await loadSettings(app.db, p.tenantId), p, p.tenantId);
    },
  );
};
