import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { AgenciesTable } from '../components/agencies-table';
import { AgencyDrawer } from '../components/agency-drawer';
import { AgencyFilters } from '../components/agency-filters';
import { AgencyFormModal } from '../components/agency-form-modal';
import { useAgencies } from '../hooks/use-agencies';
import { type AgencyPageState, readAgencyPageState, writeAgencyPageState } from '../search-params';

export function AgenciesPage() {
  const [params, setParams] = useSearchParams();
  const state = readAgencyPageState(params);
  const agencies = useAgencies(state);
  const [adding, setAdding] = useState(false);

  const update = useCallback(
    (change: Partial<AgencyPageState>, options: { replace?: boolean } = {}) =>
      setParams(
        (prev) => writeAgencyPageState({ ...readAgencyPageState(prev), ...change }),
        options,
      ),
    [setParams],
  );
  const onSearch = useCallback((q: string) => update({ q, page: 1 }, { replace: true }), [update]);

  return (
    <div data-testid="agencies-page">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3}>Cơ quan, đơn vị</Typography.Title>
        {/* The server says who may add (the administrator, the consolidating department). */}
        {agencies.data?.abilities.create && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="agency-new"
          >
            Thêm cơ quan
          </Button>
        )}
      </Flex>
      {adding && (
        <AgencyFormModal onClose={() => setAdding(false)} onSaved={(a) => update({ id: a.id })} />
      )}
      <AgencyFilters
        q={state.q}
        kind={state.kind}
        status={state.status}
        onSearch={onSearch}
        onKind={(kind) => update({ kind, page: 1 })}
        onStatus={(status) => update({ status, page: 1 })}
      />
      {agencies.isError ? (
        <QueryError error={agencies.error} onRetry={() => void agencies.refetch()} />
      ) : (
        <AgenciesTable
          agencies={agencies.data?.items ?? []}
          total={agencies.data?.total ?? 0}
          page={state.page}
          pageSize={state.pageSize}
          loading={agencies.isFetching}
          selectedId={state.id}
          onPageChange={(page, pageSize) =>
            update({ page: pageSize === state.pageSize ? page : 1, pageSize })
          }
          onOpen={(id) => update({ id })}
        />
      )}
      <AgencyDrawer id={state.id} onClose={() => update({ id: null })} />
    </div>
  );
}
