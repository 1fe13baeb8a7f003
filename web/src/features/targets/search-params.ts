// The targets page keeps its filters in the address, so that a filtered list can be linked and the
// back button returns to it: /chi-tieu?plan=…&sector=Hạ+tầng+đô+thị&agency=…&projection=at_risk&page=2.
import { PROJECTION_STATES, type ProjectionState } from './labels';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export type TargetsPageState = {
  planId: string | undefined;
  sector: string | undefined;
  /** Responsible for the target or contributing to it. */
  agencyId: string | undefined;
  projection: ProjectionState | undefined;
  page: number;
  pageSize: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (v: string | null) => (v && UUID.test(v) ? v : undefined);
const isProjection = (v: string | null): v is ProjectionState =>
  v !== null && (PROJECTION_STATES as readonly string[]).includes(v);

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readTargetsPageState(params: URLSearchParams): TargetsPageState {
  const projection = params.get('projection');
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    planId: uuidOrUndefined(params.get('plan')),
    sector: params.get('sector')?.trim().slice(0, 200) || undefined,
    agencyId: uuidOrUndefined(params.get('agency')),
    projection: isProjection(projection) ? projection : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function writeTargetsPageState(state: TargetsPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.planId) params.set('plan', state.planId);
  if (state.sector) params.set('sector', state.sector);
  if (state.agencyId) params.set('agency', state.agencyId);
  if (state.projection) params.set('projection', state.projection);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(state.pageSize));
  return params;
}
