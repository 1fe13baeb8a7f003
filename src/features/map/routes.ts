// /api/map: authenticate (app hook; requireUser) → validate (schemas) → authorize (policy) →
// service → presenter. Reads only: no transaction, no audit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cacheKey } from '../../db/read-cache.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { mapPolicy } from './policy.js';
import { presentCommuneWork, presentMeasures } from './presenter.js';
import {
  communeCodeParamsSchema,
  communeWorkQuerySchema,
  communeWorkSchema,
  MAP_NOT_AVAILABLE,
  mapMeasureQuerySchema,
  mapMeasuresSchema,
} from './schema.js';
import {
  communeMeasures,
  communeProjects,
  communeTasks,
  findCommune,
  provinceBoundaries,
  tenantProvince,
  totalOf,
} from './service.js';

/**
 * The boundaries change only with a new version of the application: kept a week by the browser
 * (private: only signed-in users fetch them), then revalidated by their ETag (304 when unchanged).
 */
const BOUNDARIES_CACHE = 'private, max-age=604800';

export const mapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/map/communes',
    {
      schema: {
        tags: ['map'],
        summary:
          'The boundaries of the communes of the tenant’s province (GeoJSON FeatureCollection, WGS84; properties.code is the commune code); 404 map_not_available when the installation has none',
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(mapPolicy, p, 'read', { tenantId: p.tenantId });
      const province = await tenantProvince(app.db, p.tenantId);
      const boundaries = province ? provinceBoundaries(province) : null;
      if (!boundaries)
        throw new AppError(404, MAP_NOT_AVAILABLE, 'no commune boundaries for this province');
      reply.header('cache-control', BOUNDARIES_CACHE).header('etag', boundaries.etag);
      const known = request.headers['if-none-match'];
      if (known?.split(',').some((tag) => tag.trim() === boundaries.etag))
        return reply.code(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(boundaries.body);
    },
  );

  app.get(
    '/api/map/measures',
    {
      schema: {
        tags: ['map'],
        summary:
          'A value per commune of the province: overdue tasks (by their current lead agency’s commune; a former district’s on every commune formed from it), key projects (by their communes), or the year’s disbursement of the projects there (billion đồng)',
        querystring: mapMeasureQuerySchema,
        response: { 200: mapMeasuresSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(mapPolicy, p, 'read', { tenantId: p.tenantId });
      const asOf = isoDateInVietnam();
      const { measure, planId } = request.query;
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const compute = () => communeMeasures(app.db, p.tenantId, measure, { planId, year, asOf });
      // Tasks, projects and what hangs off them announce their changes (db/data-changes.ts,
      // migrations 0008 and 0024): each province-wide measure is kept until they change.
      const rows = await app.readCache.get(
        cacheKey('map-measure', measure, p.tenantId, asOf, year, planId ?? null),
        compute,
      );
      return presentMeasures(measure, rows, { planId: planId ?? null, year, asOf });
    },
  );

  app.get(
    '/api/map/communes/:code',
    {
      schema: {
        tags: ['map'],
        summary:
          'A commune of the province with a page of its tasks (overdue first) and a page of its key projects (by name), each with the path of its page',
        params: communeCodeParamsSchema,
        querystring: communeWorkQuerySchema,
        response: { 200: communeWorkSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(mapPolicy, p, 'read', { tenantId: p.tenantId });
      const commune = await findCommune(app.db, p.tenantId, request.params.code);
      if (!commune) throw new NotFoundError('commune');
      const asOf = isoDateInVietnam();
      const { planId, limit, taskOffset, projectOffset } = request.query;
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const tasksOf = (offset: number, n: number) =>
        communeTasks(app.db, p.tenantId, commune.code, { planId, asOf }, { limit: n, offset });
      const projectsOf = (offset: number, n: number) =>
        communeProjects(app.db, p.tenantId, commune.code, { planId, year }, { limit: n, offset });
      // One after the other: PGlite answers one statement at a time anyway (db/in-turn.ts).
      const taskRows = await tasksOf(taskOffset, limit);
      const taskTotal = await totalOf(taskRows, taskOffset, () => tasksOf(0, 1));
      const projectRows = await projectsOf(projectOffset, limit);
      const projectTotal = await totalOf(projectRows, projectOffset, () => projectsOf(0, 1));
      return presentCommuneWork({
        commune,
        year,
        asOf,
        limit,
        tasks: { rows: taskRows, total: taskTotal, offset: taskOffset },
        projects: { rows: projectRows, total: projectTotal, offset: projectOffset },
      });
    },
  );
};
