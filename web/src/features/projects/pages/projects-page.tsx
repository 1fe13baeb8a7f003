// /du-an – every key project of the plans the user can see, filtered by plan, sector, investment
// form, owner and year (in the address), with the year's disbursement against the capital plan,
// site clearance, construction and the next milestone; a chart of the page's projects with its
// table. The consolidator also downloads and loads the capital spreadsheet here.
import { Flex, Typography } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { CapitalSpreadsheet } from '../components/capital-spreadsheet';
import { DisbursementOverview } from '../components/disbursement-overview';
import { ProjectFilters } from '../components/project-filters';
import { ProjectsTable } from '../components/projects-table';
import { useProjects } from '../hooks/use-projects';
import {
  type ProjectsPageState,
  readProjectsPageState,
  writeProjectsPageState,
} from '../search-params';

export function ProjectsPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const state = readProjectsPageState(params);
  const projects = useProjects(state);
  const items = projects.data?.items ?? [];
  const shownYear = state.year ?? items[0]?.year ?? new Date().getFullYear();
  const filtered = Boolean(
    state.planId || state.sector || state.investmentForm || state.ownerAgencyId || state.slipping,
  );

  const update = useCallback(
    (change: Partial<ProjectsPageState>, options: { replace?: boolean } = {}) =>
      setParams(
        (prev) => writeProjectsPageState({ ...readProjectsPageState(prev), ...change }),
        options,
      ),
    [setParams],
  );
  const onSector = useCallback(
    (sector: string | undefined) => update({ sector, page: 1 }, { replace: true }),
    [update],
  );

  return (
    <div data-testid="projects-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Dự án trọng điểm
        </Typography.Title>
        {user.role === 'consolidator' && <CapitalSpreadsheet />}
      </Flex>
      <ProjectFilters
        state={state}
        shownYear={shownYear}
        onSector={onSector}
        onChange={(change) => update({ ...change, page: 1 })}
      />
      {projects.isError ? (
        <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
      ) : (
        <>
          <DisbursementOverview projects={items} year={shownYear} />
          <ProjectsTable
            projects={items}
            total={projects.data?.total ?? 0}
            year={shownYear}
            page={state.page}
            pageSize={state.pageSize}
            loading={projects.isFetching}
            filtered={filtered}
            onPageChange={(page, pageSize) =>
              update({ page: pageSize === state.pageSize ? page : 1, pageSize })
            }
          />
        </>
      )}
    </div>
  );
}
