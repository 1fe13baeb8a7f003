// /bao-cao/ky/:id: one reporting period — its window and deadline, who must report and who has
// (expected, submitted, on time, late, missing, returned: a chart with the table behind it, each
// agency opening its report), what the plan's recurring tasks did in it, and the consolidator's
// changes (edit, open, the agencies expected). The consolidated report is one click away.

import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import type { PeriodDetail } from '@features/reporting-periods/schema';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Segmented,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Chart, type ChartOption } from '../../../app/chart';
import { formatDate, formatDateTime } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { AgencySelect } from '../../imports/components/agency-select';
import { RemindersPanel } from '../../reminders/components/reminders-panel';
import { PeriodFormModal } from '../components/period-form';
import { usePeriod, usePeriodMutations } from '../hooks/use-periods';
import { KIND_LABELS, periodMessage, STANDING_LABELS } from '../messages';

type AgencyRow = PeriodDetail['completeness']['agencies'][number];
type Filter = 'all' | 'submitted' | 'onTime' | 'late' | 'missing' | 'returned' | 'pending';

const FILTERS: { key: Filter; label: string; keep: (r: AgencyRow) => boolean }[] = [
  { key: 'all', label: 'Phải báo cáo', keep: () => true },
  {
    key: 'submitted',
    label: 'Đã nộp',
    keep: (r) => r.standing === 'submitted' || r.standing === 'accepted',
  },
  { key: 'onTime', label: 'Đúng hạn', keep: (r) => r.onTime === true },
  { key: 'late', label: 'Muộn', keep: (r) => r.onTime === false },
  { key: 'missing', label: 'Chưa nộp, quá hạn', keep: (r) => r.missing },
  { key: 'returned', label: 'Bị trả lại', keep: (r) => r.standing === 'returned' },
  {
    key: 'pending',
    label: 'Chưa nộp, còn hạn',
    keep: (r) => !r.missing && r.standing !== 'submitted' && r.standing !== 'accepted',
  },
];

export function PeriodPage() {
  const { id = '' } = useParams();
  const period = usePeriod(id);
  const { update, open, agencies } = usePeriodMutations();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const c = period.data?.completeness;

  const counts = useMemo(
    () =>
      c
        ? {
            all: c.expected,
            submitted: c.submitted,
            onTime: c.onTime,
            late: c.late,
            missing: c.missing,
            returned: c.returned,
            pending: c.pending,
          }
        : null,
    [c],
  );
  const option = useMemo<ChartOption | null>(
    () =>
      counts && {
        grid: { left: 150, right: 24, top: 8, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: FILTERS.map((f) => f.label) },
        series: [
          {
            type: 'bar',
            data: FILTERS.map((f) => ({
              value: counts[f.key],
              itemStyle: {
                color:
                  f.key === 'missing' || f.key === 'late'
                    ? '#cf1322'
                    : f.key === 'returned'
                      ? '#d46b08'
                      : '#1677ff',
              },
            })),
            label: { show: true, position: 'right' },
          },
        ],
      },
    [counts],
  );

  if (period.isPending) return <PageLoading />;
  if (period.isError)
    return <QueryError error={period.error} onRetry={() => void period.refetch()} />;
  const p = period.data;
  const rows = (p.completeness.agencies ?? []).filter(
    FILTERS.find((f) => f.key === filter)?.keep ?? (() => true),
  );

  const columns: TableColumnsType<AgencyRow> = [
    {
      title: 'Cơ quan',
      key: 'agency',
      render: (_, r) => (
        <Link to={`/bao-cao/ky/${p.id}/co-quan/${r.agency.id}`} data-testid="period-agency-link">
          {r.agency.name}
        </Link>
      ),
    },
    {
      title: 'Tình trạng',
      key: 'standing',
      width: 150,
      render: (_, r) => {
        const s = STANDING_LABELS[r.standing];
        return (
          <Flex gap={4} wrap>
            <Tag color={s?.color}>{s?.text ?? r.standing}</Tag>
            {r.missing && <Tag color="red">Quá hạn</Tag>}
          </Flex>
        );
      },
    },
    {
      title: 'Ngày nộp',
      key: 'submittedAt',
      width: 160,
      render: (_, r) =>
        r.submittedAt ? (
          <Flex vertical gap={0}>
            <span>{formatDateTime(r.submittedAt)}</span>
            {r.onTime !== null && (
              <Typography.Text type={r.onTime ? 'success' : 'danger'}>
                {r.onTime ? 'Đúng hạn' : 'Muộn'}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: 'Ghi chú',
      key: 'note',
      render: (_, r) =>
        r.returnReason
          ? `Lý do trả lại: ${r.returnReason}`
          : r.source === 'added'
            ? 'Bổ sung vào kỳ'
            : '',
    },
    ...(p.abilities.manageAgencies
      ? [
          {
            title: '',
            key: 'remove',
            width: 90,
            render: (_: unknown, r: AgencyRow) =>
              r.standing === 'submitted' || r.standing === 'accepted' ? null : (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: `Bỏ ${r.agency.name} khỏi danh sách phải báo cáo?`,
                      okText: 'Bỏ',
                      cancelText: 'Hủy',
                      onOk: () =>
                        agencies
                          .mutateAsync({ id: p.id, add: [], remove: [r.agency.id] })
                          .catch((e: unknown) => void message.error(periodMessage(e))),
                    })
                  }
                >
                  Bỏ
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="period-page">
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="period-title">{`Kỳ báo cáo ${p.label}`}</span>
            {p.openedAt ? <Tag color="blue">Đang mở</Tag> : <Tag>Chưa mở</Tag>}
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            <Link to={`/bao-cao/ky/${p.id}/tong-hop`}>
              <Button icon={<FileWordOutlined />} data-testid="period-consolidated">
                Báo cáo tổng hợp
              </Button>
            </Link>
            {p.abilities.update && (
              <Button
                icon={<EditOutlined />}
                onClick={() => {
                  update.reset();
                  setEditing(true);
                }}
                data-testid="period-edit"
              >
                Sửa
              </Button>
            )}
            {p.abilities.open && (
              <Button
                type="primary"
                loading={open.isPending}
                onClick={() =>
                  modal.confirm({
                    title: `Mở kỳ báo cáo "${p.label}"?`,
                    content:
                      'Các cơ quan dưới đây sẽ phải nộp báo cáo của kỳ này và được nhắc khi đến hạn.',
                    okText: 'Mở kỳ',
                    cancelText: 'Hủy',
                    onOk: () =>
                      open
                        .mutateAsync(p.id)
                        .then(() => void message.success(`Đã mở kỳ ${p.label}.`))
                        .catch((e: unknown) => void message.error(periodMessage(e))),
                  })
                }
                data-testid="period-open"
              >
                Mở kỳ
              </Button>
            )}
          </Flex>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'plan',
              label: 'Kế hoạch',
              // A plan without a number shows its long title: the whole row, not half of it.
              span: 'filled',
              children: (
                <Link to={`/ke-hoach/${p.planId}`}>
                  {p.planNumber ? `Kế hoạch số ${p.planNumber}` : (p.planTitle ?? 'Kế hoạch')}
                </Link>
              ),
            },
            { key: 'kind', label: 'Loại kỳ', children: KIND_LABELS[p.kind] ?? p.kind },
            {
              key: 'window',
              label: 'Thời gian lấy số liệu',
              children: `${formatDate(p.windowFrom)} – ${formatDate(p.windowTo)}`,
            },
            {
              key: 'due',
              label: 'Hạn nộp báo cáo',
              children: <span data-testid="period-due">{formatDate(p.submissionDueOn)}</span>,
            },
            {
              key: 'reminders',
              label: 'Nhắc trước hạn',
              children: p.reminderDaysBefore.length
                ? p.reminderDaysBefore.map((d) => `${d} ngày`).join(', ')
                : 'Không nhắc',
            },
            {
              key: 'opened',
              label: 'Mở kỳ',
              children: p.openedAt ? formatDateTime(p.openedAt) : 'Chưa mở',
            },
          ]}
        />
      </Card>

      <Card
        title="Tình hình nộp báo cáo"
        extra={
          <Segmented<'chart' | 'table'>
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: 'Biểu đồ' },
              { value: 'table', label: 'Bảng số liệu' },
            ]}
          />
        }
        data-testid="period-completeness"
      >
        {!p.openedAt ? (
          <Typography.Text type="secondary">
            Kỳ chưa mở: khi mở kỳ, các cơ quan chủ trì nhiệm vụ, chỉ tiêu, dự án của kế hoạch phải
            nộp báo cáo.
          </Typography.Text>
        ) : (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {FILTERS.map((f) => (
                <Col key={f.key} xs={12} sm={8} md={6} lg={3}>
                  <button
                    type="button"
                    onClick={() => setFilter(f.key)}
                    aria-pressed={filter === f.key}
                    style={{
                      all: 'unset',
                      cursor: 'pointer',
                      display: 'block',
                      borderBottom:
                        filter === f.key ? '2px solid #1677ff' : '2px solid transparent',
                    }}
                    data-testid={`period-count-${f.key}`}
                  >
                    <Statistic title={f.label} value={counts?.[f.key] ?? 0} />
                  </button>
                </Col>
              ))}
            </Row>
            {view === 'chart' && option ? (
              <Chart option={option} height={260} label="Tình hình nộp báo cáo của các cơ quan" />
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={FILTERS.map((f) => ({
                  key: f.key,
                  label: f.label,
                  n: counts?.[f.key] ?? 0,
                }))}
                columns={[
                  { title: 'Chỉ số', dataIndex: 'label' },
                  { title: 'Số cơ quan', dataIndex: 'n', align: 'right', width: 120 },
                ]}
              />
            )}
          </>
        )}
      </Card>

      {p.openedAt && (
        <Card
          title={`Cơ quan: ${FILTERS.find((f) => f.key === filter)?.label ?? ''} (${rows.length})`}
          extra={
            p.abilities.manageAgencies ? (
              <div style={{ width: 320 }}>
                <AgencySelect
                  placeholder="Thêm cơ quan phải báo cáo…"
                  testId="period-add-agency"
                  onPick={(a) =>
                    agencies
                      .mutateAsync({ id: p.id, add: [a.id], remove: [] })
                      .then(() => void message.success(`Đã thêm ${a.name}.`))
                      .catch((e: unknown) => void message.error(periodMessage(e)))
                  }
                />
              </div>
            ) : null
          }
        >
          <Table<AgencyRow>
            rowKey={(r) => r.agency.id}
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            data-testid="period-agencies"
          />
        </Card>
      )}

      {p.completeness.recurringTasks && (
        <Card title="Nhiệm vụ thường xuyên, hằng năm trong kỳ" data-testid="period-recurring">
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title="Tổng số" value={p.completeness.recurringTasks.total} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title="Báo cáo đúng hạn" value={p.completeness.recurringTasks.onTime} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title="Báo cáo muộn" value={p.completeness.recurringTasks.late} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic
                title="Không báo cáo"
                value={p.completeness.recurringTasks.missing}
                valueStyle={
                  p.completeness.recurringTasks.missing ? { color: '#cf1322' } : undefined
                }
              />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title="Chưa báo cáo, còn hạn" value={p.completeness.recurringTasks.open} />
            </Col>
          </Row>
        </Card>
      )}

      {p.abilities.readReminders && p.openedAt && <RemindersPanel periodId={p.id} />}

      <PeriodFormModal
        open={editing}
        period={p}
        pending={update.isPending}
        error={update.error}
        onCancel={() => setEditing(false)}
        onSubmit={(fields) =>
          update.mutate(
            { id: p.id, fields: { ...fields, version: p.version } },
            {
              onSuccess: () => {
                setEditing(false);
                void message.success(
                  'Đã lưu kỳ báo cáo; các nhiệm vụ thường xuyên đã được tính lại.',
                );
              },
            },
          )
        }
      />
    </Flex>
  );
}
