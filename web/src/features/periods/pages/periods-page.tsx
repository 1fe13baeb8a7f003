// /bao-cao: the reporting periods of the plans, each with its window, deadline and how many of the
// agencies expected have reported; the consolidator adds and opens periods here.

import { PlusOutlined } from '@ant-design/icons';
import type { PeriodSummary } from '@features/reporting-periods/schema';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Progress,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { usePlans } from '../../plans/hooks/use-plans';
import { PeriodFormModal } from '../components/period-form';
import { usePeriodMutations, usePeriods } from '../hooks/use-periods';
import { KIND_LABELS, periodMessage } from '../messages';

const planName = (p: Pick<PeriodSummary, 'planNumber' | 'planTitle'>) =>
  p.planNumber ? `Kế hoạch số ${p.planNumber}` : (p.planTitle ?? 'Kế hoạch');

export function PeriodsPage() {
  const [params, setParams] = useSearchParams();
  const planId = params.get('keHoach') ?? undefined;
  const plans = usePlans(1, 100);
  const periods = usePeriods(planId);
  const { create, open } = usePeriodMutations();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const canCreate = (periods.data?.items ?? []).some((p) => p.abilities.update);

  const columns: TableColumnsType<PeriodSummary> = [
    {
      title: 'Kỳ báo cáo',
      key: 'label',
      render: (_, p) => (
        <>
          <Link to={`/bao-cao/ky/${p.id}`} data-testid="period-link">
            <Typography.Text strong style={{ color: 'inherit' }}>
              {p.label}
            </Typography.Text>
          </Link>
          <div>
            <Typography.Text type="secondary">{planName(p)}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: 'Loại', key: 'kind', width: 100, render: (_, p) => KIND_LABELS[p.kind] ?? p.kind },
    {
      title: 'Số liệu',
      key: 'window',
      width: 200,
      render: (_, p) => `${formatDate(p.windowFrom)} – ${formatDate(p.windowTo)}`,
    },
    {
      title: 'Hạn nộp',
      key: 'due',
      width: 110,
      render: (_, p) => formatDate(p.submissionDueOn),
    },
    {
      title: 'Tình hình nộp',
      key: 'progress',
      width: 220,
      render: (_, p) =>
        p.openedAt ? (
          <Flex vertical gap={0}>
            <Typography.Text>{`${p.submitted}/${p.expected} cơ quan đã nộp`}</Typography.Text>
            <Progress
              percent={p.expected ? Math.round((100 * p.submitted) / p.expected) : 0}
              size="small"
              showInfo={false}
            />
          </Flex>
        ) : (
          <Tag>Chưa mở</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, p) =>
        p.abilities.open ? (
          <Button
            size="small"
            data-testid="period-open"
            loading={open.isPending && open.variables === p.id}
            onClick={() =>
              modal.confirm({
                title: `Mở kỳ báo cáo "${p.label}"?`,
                content:
                  'Các cơ quan chủ trì nhiệm vụ, chỉ tiêu, dự án của kế hoạch sẽ phải nộp báo cáo của kỳ này.',
                okText: 'Mở kỳ',
                cancelText: 'Hủy',
                onOk: () =>
                  open
                    .mutateAsync(p.id)
                    .then(() => void message.success(`Đã mở kỳ ${p.label}.`))
                    .catch((e: unknown) => void message.error(periodMessage(e))),
              })
            }
          >
            Mở kỳ
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title="Báo cáo định kỳ"
      data-testid="periods-page"
      extra={
        canCreate && planId ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              create.reset();
              setAdding(true);
            }}
            data-testid="period-add"
          >
            Thêm kỳ báo cáo
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          aria-label="Kế hoạch"
          prefix="Kế hoạch:"
          allowClear
          placeholder="Tất cả"
          value={planId}
          loading={plans.isFetching}
          onChange={(v) => setParams(v ? { keHoach: v } : {})}
          options={(plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: p.document.number
              ? `Kế hoạch số ${p.document.number}`
              : (p.document.title ?? 'Kế hoạch chưa có số'),
          }))}
          style={{ minWidth: 280 }}
          popupMatchSelectWidth={false}
          data-testid="periods-plan-filter"
        />
        {canCreate && !planId && (
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            Chọn một kế hoạch để thêm kỳ báo cáo.
          </Typography.Text>
        )}
      </Flex>
      {periods.isError ? (
        <QueryError error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <Table<PeriodSummary>
          rowKey="id"
          size="middle"
          loading={periods.isPending}
          columns={columns}
          dataSource={periods.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="Chưa có kỳ báo cáo" /> }}
          data-testid="periods-table"
        />
      )}
      {planId && (
        <PeriodFormModal
          open={adding}
          period={null}
          pending={create.isPending}
          error={create.error}
          onCancel={() => setAdding(false)}
          onSubmit={(fields) =>
            create.mutate(
              { planId, fields },
              {
                onSuccess: (d) => {
                  setAdding(false);
                  void message.success(`Đã thêm kỳ ${d.label}.`);
                },
              },
            )
          }
        />
      )}
    </Card>
  );
}
