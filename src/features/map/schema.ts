// /api/map: the province's communes on a map, coloured by a measure, and what each commune has.
// Shared by server (validation, OpenAPI) and web client (the /ban-do page).
//
// - GET /api/map/communes: the boundaries of the tenant's province's communes (GeoJSON, WGS84;
//   each feature's `properties.code` is `communes.code`), shipped with the app under
//   reference/geo/ and keyed by province code; 404 `map_not_available` when there are none.
// - GET /api/map/measures: a value per commune of the province (every commune, zeros included).
// - GET /api/map/communes/:code: the commune's key projects and tasks, paged.
//
// Where work is: a key project where its communes are (project_locations), or, for a project
// with no commune recorded, where its owner agency is; a task where its current lead agency is.
// An agency is where its commune is (agencies.commune_code) or, for an agency without one that has
// ended (a former district's People's Committee), on every commune its successors are — so a
// former district's work shows on every commune formed from it.
import { z } from 'zod';
import { taskStateSchema } from '../tasks/schema.js';

export const MAP_MEASURES = ['overdue', 'projects', 'disbursement'] as const;
export const mapMeasureSchema = z.enum(MAP_MEASURES);
export type MapMeasure = z.infer<typeof mapMeasureSchema>;

/** Vietnamese names of the measures, as the page's chooser and legend show them. */
export const MAP_MEASURE_LABELS: Record<MapMeasure, string> = {
  overdue: 'Nhiệm vụ quá hạn',
  projects: 'Dự án trọng điểm',
  disbursement: 'Giải ngân',
};

const yearQuery = z.coerce.number().int().min(1945).max(2100).optional();

export const mapMeasureQuerySchema = z.object({
  measure: mapMeasureSchema,
  planId: z.uuid().optional(),
  /** The year disbursement is summed over; the current year in Vietnam when absent. */
  year: yearQuery,
});
export type MapMeasureQuery = z.infer<typeof mapMeasureQuerySchema>;

export const communeMeasureSchema = z.object({
  code: z.string(),
  name: z.string(),
  /**
   * Overdue tasks or key projects (a count, as text), or the year's disbursement in billion đồng
   * (exact decimal as text). A project in two communes counts, and its money shows, in both.
   */
  value: z.string(),
});

export const mapMeasuresSchema = z.object({
  measure: mapMeasureSchema,
  planId: z.uuid().nullable(),
  /** The year disbursement is for. */
  year: z.number().int(),
  /** The day task status is judged on (overdue). */
  asOf: z.string(),
  /** Every commune of the province, by code. */
  items: z.array(communeMeasureSchema),
});
export type MapMeasures = z.infer<typeof mapMeasuresSchema>;
export type CommuneMeasure = z.infer<typeof communeMeasureSchema>;

export const communeCodeParamsSchema = z.object({
  code: z.string().regex(/^\d{1,10}$/),
});

export const communeWorkQuerySchema = z.object({
  planId: z.uuid().optional(),
  year: yearQuery,
  projectOffset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  taskOffset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type CommuneWorkQuery = z.infer<typeof communeWorkQuerySchema>;

const agencyRef = z.object({ id: z.uuid(), name: z.string() });

export const communeProjectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable() }),
  owner: z.string().nullable(),
  /** The year's disbursement and capital plan, billion đồng. */
  disbursed: z.string(),
  capitalPlanned: z.string(),
  /** location: one of its communes; owner: it has none recorded and its owner agency is here. */
  via: z.enum(['location', 'owner']),
  /** The web page that opens it. */
  path: z.string(),
});

export const communeTaskSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  title: z.string(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable() }),
  state: taskStateSchema,
  dueOn: z.string().nullable(),
  lead: agencyRef,
  /**
   * commune: its lead is an agency of this commune; former: its lead is a former agency (a
   * district's People's Committee) whose successors include this commune.
   */
  via: z.enum(['commune', 'former']),
  path: z.string(),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), offset: z.number().int() });

export const communeWorkSchema = z.object({
  commune: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  asOf: z.string(),
  limit: z.number().int(),
  /** Overdue first, then by the date judged against. */
  tasks: page(communeTaskSchema),
  /** By name. */
  projects: page(communeProjectSchema),
});
export type CommuneWork = z.infer<typeof communeWorkSchema>;
export type CommuneProject = z.infer<typeof communeProjectSchema>;
export type CommuneTask = z.infer<typeof communeTaskSchema>;

/** The boundaries as the API sends them (typed for the client; served from a file as is). */
export type CommuneBoundaries = {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { code: string; name: string };
    geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown };
  }[];
};

export const MAP_NOT_AVAILABLE = 'map_not_available';
