// Fetching the map: the province's boundaries (GET /api/map/communes, kept for the session: they
// change only with a new version), a measure per commune (GET /api/map/measures) and one
// commune's tasks and projects, page by page (GET /api/map/communes/:code).
import type { CommuneBoundaries, CommuneWork, MapMeasure, MapMeasures } from '@features/map/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function useBoundaries() {
  return useQuery({
    queryKey: ['map', 'boundaries'],
    queryFn: ({ signal }) => apiGet<CommuneBoundaries>('/api/map/communes', {}, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useMeasures(
  measure: MapMeasure,
  planId: string | undefined,
  year: number | undefined,
) {
  // The year matters to disbursement only: the other measures share one cache entry.
  const query = { measure, planId, year: measure === 'disbursement' ? year : undefined };
  return useQuery({
    queryKey: ['map', 'measures', query],
    queryFn: ({ signal }) => apiGet<MapMeasures>('/api/map/measures', query, signal),
    placeholderData: keepPreviousData,
  });
}

export const COMMUNE_PAGE_SIZE = 10;

export function useCommuneWork(
  code: string | undefined,
  planId: string | undefined,
  year: number | undefined,
  taskPage: number,
  projectPage: number,
) {
  const query = {
    planId,
    year,
    limit: COMMUNE_PAGE_SIZE,
    taskOffset: (taskPage - 1) * COMMUNE_PAGE_SIZE,
    projectOffset: (projectPage - 1) * COMMUNE_PAGE_SIZE,
  };
  return useQuery<CommuneWork>({
    queryKey: ['map', 'commune', code, query],
    queryFn: ({ signal }) =>
      apiGet<CommuneWork>(`/api/map/communes/${encodeURIComponent(code ?? '')}`, query, signal),
    enabled: code !== undefined,
    placeholderData: (previous: CommuneWork | undefined) =>
      previous?.commune.code === code ? previous : undefined,
  });
}
