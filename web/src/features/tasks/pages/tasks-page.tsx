// /nhiem-vu – every live task of the province, filtered by words, state, lead agency, plan, "not
// done yet" or "no lead yet", in the plan's order or by deadline; the filters live in the address
// and the server pages the list.
import { Typography } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { TaskFilters } from '../components/task-filters';
import { TasksTable } from '../components/tasks-table';
import { useTasks } from '../hooks/use-tasks';
import { readTasksPageState, type TasksPageState, writeTasksPageState } from '../search-params';

export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const state = readTasksPageState(params);
  const tasks = useTasks(state);
  const filtered = Boolean(
    state.q ||
      state.state ||
      state.agencyId ||
      state.planId ||
      state.unassigned ||
      state.open ||
      state.sector ||
      state.overdueAge,
  );

  const update = useCallback(
    (change: Partial<TasksPageState>, options: { replace?: boolean } = {}) =>
      setParams((prev) => writeTasksPageState({ ...readTasksPageState(prev), ...change }), options),
    [setParams],
  );
  const onSearch = useCallback((q: string) => update({ q, page: 1 }, { replace: true }), [update]);

  return (
    <div data-testid="tasks-page">
      <Typography.Title level={3}>Nhiệm vụ</Typography.Title>
      <TaskFilters
        state={state}
        onSearch={onSearch}
        onChange={(change) => update({ ...change, page: 1 })}
      />
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <TasksTable
          tasks={tasks.data?.items ?? []}
          total={tasks.data?.total ?? 0}
          page={state.page}
          pageSize={state.pageSize}
          loading={tasks.isFetching}
          filtered={filtered}
          sort={state.sort}
          onSortChange={(sort) => update({ sort, page: 1 })}
          onPageChange={(page, pageSize) =>
            update({ page: pageSize === state.pageSize ? page : 1, pageSize })
          }
        />
      )}
    </div>
  );
}
