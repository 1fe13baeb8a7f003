// /api/search: authenticate (app hook; requireUser: anonymous → 401) → validate (schema) →
// authorize (policy; the tenant and what is hidden are conditions of the query) → service (one
// statement) → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { parseSearchQuery } from '../../domain/search-query.js';
import { InvalidInputError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { searchPolicy } from './policy.js';
import { presentSearch } from './presenter.js';
import { searchQuerySchema, searchResultSchema } from './schema.js';
import { search } from './service.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search plans, tasks, targets, key projects, agencies and documents at once: without diacritics, abbreviations both ways, exact phrase first; a page and a total per kind',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(searchPolicy, p, 'read', { tenantId: p.tenantId });
      const query = parseSearchQuery(request.query.q);
      // Marks alone ("◌́") fold to nothing: there is nothing to look for.
      if (query.terms.length === 0)
        throw new InvalidInputError(
          [{ field: 'querystring.q', code: 'empty', message: 'nothing to search for' }],
          'search_query_empty',
        );
      const rows = await search(app.db, p.tenantId, query, request.query.limit, isoDateInVietnam());
      return presentSearch(request.query.q, rows);
    },
  );
};
