// The agencies page keeps its search in the address, so that a search and an open agency can be
// linked: /co-quan?q=so+ke+hoach&kind=department&status=ended&page=2&id=….
import type { AgencyKind } from '@features/agencies/schema';
import { AGENCY_KIND_LABELS, AGENCY_STATUS_LABELS, type AgencyStatusFilter } from './labels';

export const PAGE_SIZES = [20, 50, 100] as const;

export type AgencyPageState = {
  q: string;
  kind: AgencyKind | undefined;
  status: AgencyStatusFilter;
  page: number;
  pageSize: number;
  id: string | null;
};

const isKind = (v: string | null): v is AgencyKind => v !== null && v in AGENCY_KIND_LABELS;
const isStatus = (v: string | null): v is AgencyStatusFilter =>
  v !== null && v in AGENCY_STATUS_LABELS;

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readAgencyPageState(params: URLSearchParams): AgencyPageState {
  const kind = params.get('kind');
  const status = params.get('status');
  const size = positiveInt(params.get('size'), 20);
  return {
    q: params.get('q') ?? '',
    kind: isKind(kind) ? kind : undefined,
    status: isStatus(status) ? status : 'all',
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
    id: params.get('id') || null,
  };
}

export function writeAgencyPageState(state: AgencyPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.kind) params.set('kind', state.kind);
  if (state.status !== 'all') params.set('status', state.status);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('size', String(state.pageSize));
  if (state.id) params.set('id', state.id);
  return params;
}
