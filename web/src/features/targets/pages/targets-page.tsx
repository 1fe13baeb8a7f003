// /chi-tieu: every target of the plans the user can see, filtered by plan, sector, agency
// (responsible or contributing) and projection – the filters live in the address and the server
// pages the list – with its milestones, its latest approved actual and its projection (the rule in
// the tag's tooltip and under the row). The indicator opens the target's page.
import type { TargetSummary } from '@features/targets/schema';
import { Card, Empty, Flex, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { ProjectionSettingsButton } from '../components/projection-settings';
import { ProjectionTag } from '../components/projection-tag';
import { TargetFilters } from '../components/target-filters';
import { actualText, unitOf, withUnit } from '../figures';
import { useTargets } from '../hooks/use-targets';
import {
  PAGE_SIZES,
  readTargetsPageState,
  type TargetsPageState,
  writeTargetsPageState,
} from '../search-params';

const columns: TableColumnsType<TargetSummary> = [
  {
    title: 'Chỉ tiêu',
    key: 'indicator',
    render: (_, t) => (
      <>
        <Link to={`/chi-tieu/${t.id}`}>
          <Typography.Text strong data-testid="target-indicator" style={{ color: 'inherit' }}>
            {t.indicator}
          </Typography.Text>
        </Link>
        {(t.responsibleAgency || t.sector) && (
          <div>
            <Typography.Text type="secondary">
              {[t.sector, t.responsibleAgency && `Chủ trì: ${t.responsibleAgency.name}`]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        )}
      </>
    ),
  },
  {
    title: 'Kế hoạch',
    key: 'plan',
    width: 220,
    render: (_, t) => (
      <Link to={`/ke-hoach/${t.plan.id}`}>
        <Typography.Text ellipsis={{ tooltip: t.plan.title }} style={{ maxWidth: 200 }}>
          {t.plan.number ?? t.plan.title ?? 'Kế hoạch'}
        </Typography.Text>
      </Link>
    ),
  },
  {
    title: 'Mục tiêu',
    key: 'milestones',
    width: 200,
    render: (_, t) =>
      t.milestones.length === 0 ? (
        <Typography.Text type="secondary">Chưa có mốc</Typography.Text>
      ) : (
        t.milestones.map((m) => (
          <div key={m.year}>
            {m.value === null
              ? `Hoàn thành năm ${m.year}`
              : `${withUnit(m.value, unitOf(t))} (${m.year})`}
          </div>
        ))
      ),
  },
  {
    title: 'Thực hiện',
    key: 'actual',
    width: 180,
    render: (_, t) =>
      t.latestActual ? (
        `${actualText(t, t.latestActual)} (${t.latestActual.periodLabel})`
      ) : (
        <Typography.Text type="secondary">Chưa có số liệu</Typography.Text>
      ),
  },
  {
    title: 'Dự báo',
    key: 'projection',
    width: 190,
    render: (_, t) => (
      <Tooltip title={t.projection.rule}>
        <span>
          <ProjectionTag state={t.projection.state} />
        </span>
      </Tooltip>
    ),
  },
];

export function TargetsPage() {
  const [params, setParams] = useSearchParams();
  const state = readTargetsPageState(params);
  const targets = useTargets(state, state.page, state.pageSize);
  const filtered = Boolean(state.planId || state.sector || state.agencyId || state.projection);

  const update = useCallback(
    (change: Partial<TargetsPageState>, options: { replace?: boolean } = {}) =>
      setParams(
        (prev) => writeTargetsPageState({ ...readTargetsPageState(prev), ...change }),
        options,
      ),
    [setParams],
  );

  return (
    <div data-testid="targets-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Chỉ tiêu
        </Typography.Title>
        {state.planId && <ProjectionSettingsButton planId={state.planId} />}
      </Flex>
      <TargetFilters state={state} onChange={(change) => update({ ...change, page: 1 })} />
      {targets.isError ? (
        <QueryError error={targets.error} onRetry={() => void targets.refetch()} />
      ) : targets.data?.total === 0 && !filtered ? (
        <Card>
          <Empty description="Chưa có chỉ tiêu nào trong các kế hoạch đã nạp." />
        </Card>
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={targets.data?.items ?? []}
          loading={targets.isFetching}
          locale={{
            emptyText: <Empty description="Không có chỉ tiêu nào khớp với bộ lọc." />,
          }}
          expandable={{
            expandedRowRender: (t) => (
              <Typography.Paragraph style={{ margin: 0 }} data-testid="target-rule">
                {t.projection.rule}
              </Typography.Paragraph>
            ),
          }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            pageSizeOptions: PAGE_SIZES.map(String),
            total: targets.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `${total} chỉ tiêu`,
            onChange: (page, pageSize) =>
              update({ page: pageSize === state.pageSize ? page : 1, pageSize }),
          }}
          scroll={{ x: 900 }}
        />
      )}
    </div>
  );
}
