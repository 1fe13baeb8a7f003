// Fetching key projects: a page of the filtered list (GET /api/projects, the figures of one year)
// and one project with everything hanging off it (GET /api/projects/:id?year=).
import type { ProjectDetail, ProjectList } from '@features/projects/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';
import type { ProjectsPageState } from '../search-params';

export const projectKey = (id: string) => ['projects', 'detail', id] as const;

export function useProjects(state: ProjectsPageState) {
  const query = {
    planId: state.planId,
    sector: state.sector,
    investmentForm: state.investmentForm,
    ownerAgencyId: state.ownerAgencyId,
    // The server reads any value of a yes/no filter as true: send it only when wanted.
    slipping: state.slipping ? true : undefined,
    year: state.year,
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
  return useQuery({
    queryKey: ['projects', 'list', query],
    queryFn: ({ signal }) => apiGet<ProjectList>('/api/projects', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string, year: number | undefined) {
  return useQuery<ProjectDetail>({
    queryKey: [...projectKey(id), { year }],
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<ProjectDetail>(`/api/projects/${encodeURIComponent(id)}`, { year }, signal);
    },
    // Another year of the same project keeps the page shown while it loads; another project does not.
    placeholderData: (previous: ProjectDetail | undefined) =>
      previous?.id === id ? previous : undefined,
  });
}
