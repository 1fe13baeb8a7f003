// /chi-tieu: every target of the plans the user can see, filtered by plan, with its milestones,
// its latest approved actual and its projection (the rule in the tag's tooltip and below it).
import { formatVietnameseNumber } from '@domain/target-projection';
import type { TargetSummary } from '@features/targets/schema';
import {
  Card,
  Empty,
  Flex,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { usePlans } from '../../plans/hooks/use-plans';
import { useTargets } from '../hooks/use-targets';
import { PROJECTION_LABELS } from '../labels';

const withUnit = (value: string, unit: string | null) =>
  `${formatVietnameseNumber(value)}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;

const columns: TableColumnsType<TargetSummary> = [
  {
    title: 'Chỉ tiêu',
    key: 'indicator',
    render: (_, t) => (
      <>
        <Typography.Text strong data-testid="target-indicator">
          {t.indicator}
        </Typography.Text>
        {t.responsibleAgency && (
          <div>
            <Typography.Text type="secondary">Chủ trì: {t.responsibleAgency.name}</Typography.Text>
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
              : `${withUnit(m.value, t.unit)} (${m.year})`}
          </div>
        ))
      ),
  },
  {
    title: 'Thực hiện',
    key: 'actual',
    width: 160,
    render: (_, t) =>
      t.latestActual?.value ? (
        `${withUnit(t.latestActual.value, t.unit)} (${t.latestActual.year})`
      ) : (
        <Typography.Text type="secondary">Chưa có số liệu</Typography.Text>
      ),
  },
  {
    title: 'Dự báo',
    key: 'projection',
    width: 190,
    render: (_, t) => {
      const label = PROJECTION_LABELS[t.projection.state];
      return (
        <Tooltip title={t.projection.rule}>
          <Tag color={label.color} data-testid="target-projection">
            {label.label}
          </Tag>
        </Tooltip>
      );
    },
  },
];

export function TargetsPage() {
  const [planId, setPlanId] = useState<string | undefined>();
  const [{ page, pageSize }, setPaging] = useState({ page: 1, pageSize: 20 });
  const plans = usePlans(1, 100);
  const targets = useTargets({ planId }, page, pageSize);

  return (
    <div data-testid="targets-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Chỉ tiêu
        </Typography.Title>
        <Select
          allowClear
          placeholder="Mọi kế hoạch"
          aria-label="Lọc theo kế hoạch"
          style={{ minWidth: 320 }}
          value={planId}
          onChange={(value?: string) => {
            setPlanId(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={(plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: p.document.number ?? p.document.title ?? 'Kế hoạch',
          }))}
        />
      </Flex>
      {targets.isError ? (
        <QueryError error={targets.error} onRetry={() => void targets.refetch()} />
      ) : targets.data?.total === 0 ? (
        <Card>
          <Empty description="Chưa có chỉ tiêu nào trong các kế hoạch đã nạp." />
        </Card>
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={targets.data?.items ?? []}
          loading={targets.isFetching}
          expandable={{
            expandedRowRender: (t) => (
              <Typography.Paragraph style={{ margin: 0 }} data-testid="target-rule">
                {t.projection.rule}
              </Typography.Paragraph>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: targets.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `${total} chỉ tiêu`,
            onChange: (p, size) => setPaging({ page: size === pageSize ? p : 1, pageSize: size }),
          }}
          scroll={{ x: 900 }}
        />
      )}
    </div>
  );
}
