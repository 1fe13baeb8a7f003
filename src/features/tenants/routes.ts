// GET /api/tenant: which province this host serves, for the login page and the header. Public: an
// anonymous visitor must see whose system they sign in to; it names nothing but the tenant of the
// host asked (features/tenants/hosts.ts), so it discloses nothing another host would not.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tenantViewSchema } from './schema.js';

export const tenantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/tenant',
    {
      config: { public: true },
      schema: {
        tags: ['tenant'],
        summary: 'The tenant (province) this host serves: its name, for the login page and header',
        response: { 200: tenantViewSchema },
      },
    },
    async (request) => {
      const { code, name, province } = request.tenant;
      return { code, name, province };
    },
  );
};
