// The figures the report is built on, counted from data as of the report's date: tasks by status
// with the completion rate and the ageing of overdue tasks, targets by projection, the key
// projects' capital and milestones, and the tasks by sector and by lead agency.
import type { Figures } from '@features/consolidated-report/schema';
import {
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { formatDate, formatDecimal, formatNumber } from '../../../app/format';
import { AMOUNT_DECIMALS } from '../../projects/figures';
import {
  OVERDUE_AGE_LABELS,
  OVERDUE_AGES,
  TASK_STATE_LABELS,
  type TaskState,
} from '../../tasks/labels';

type Group = Figures['byAgency'][number];

const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];

const STATE_COLORS: Partial<Record<TaskState, string>> = {
  done_on_time: '#389e0d',
  done_late: '#d48806',
  overdue: '#cf1322',
};

/** A share (0–1) as "87,5%"; "—" when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${formatNumber(Math.round(rate * 1000) / 10)}%`;
}

const count = (n: number) => formatNumber(n);

/** Values on one line across the row, whatever the length of the titles above them. */
const STAT_STYLE = {
  height: '100%',
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'space-between',
} as const;

function groupColumns(first: string): TableColumnsType<Group> {
  return [
    { title: first, dataIndex: 'name', key: 'name', fixed: 'left', width: 260 },
    {
      title: 'Tổng số',
      key: 'total',
      align: 'right',
      width: 90,
      render: (_, g) => count(g.total),
    },
    ...STATES.map((s) => ({
      title: TASK_STATE_LABELS[s],
      key: s,
      align: 'right' as const,
      width: 120,
      render: (_: unknown, g: Group) => count(g.states[s]),
    })),
    {
      title: 'Tỷ lệ hoàn thành',
      key: 'rate',
      align: 'right',
      width: 120,
      render: (_, g) => formatRate(g.completionRate),
    },
  ];
}

function GroupTable({ first, rows, testId }: { first: string; rows: Group[]; testId: string }) {
  return (
    <Table<Group>
      size="small"
      rowKey={(g) => g.id ?? '(none)'}
      columns={groupColumns(first)}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1000 }}
      data-testid={testId}
    />
  );
}

export function FiguresSummary({ figures }: { figures: Figures }) {
  const t = figures.tasks;
  const tg = figures.targets;
  const pj = figures.projects;
  const done = t.states.done_on_time + t.states.done_late;

  const groupTabs = [
    ...(figures.bySector.length > 0
      ? [
          {
            key: 'sector',
            label: `Theo lĩnh vực (${count(figures.bySector.length)})`,
            children: (
              <GroupTable
                first="Lĩnh vực"
                rows={figures.bySector}
                testId="consolidated-by-sector"
              />
            ),
          },
        ]
      : []),
    ...(figures.byAgency.length > 0
      ? [
          {
            key: 'agency',
            label: `Theo cơ quan chủ trì (${count(figures.byAgency.length)})`,
            children: (
              <GroupTable
                first="Cơ quan chủ trì"
                rows={figures.byAgency}
                testId="consolidated-by-agency"
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="Số liệu của báo cáo"
      extra={
        <Typography.Text type="secondary">Tính đến ngày {formatDate(figures.asOf)}</Typography.Text>
      }
      data-testid="consolidated-figures"
    >
      <Flex vertical gap={24}>
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Nhiệm vụ
          </Typography.Title>
          <Row gutter={[16, 16]} align="stretch">
            <Col flex="1 0 130px">
              <Statistic
                title="Tổng số"
                value={t.total}
                formatter={() => count(t.total)}
                style={STAT_STYLE}
              />
            </Col>
            {STATES.map((s) => (
              <Col key={s} flex="1 0 130px">
                <Statistic
                  title={TASK_STATE_LABELS[s]}
                  value={t.states[s]}
                  formatter={() => count(t.states[s])}
                  styles={
                    t.states[s] > 0 && STATE_COLORS[s]
                      ? { content: { color: STATE_COLORS[s] } }
                      : undefined
                  }
                  style={STAT_STYLE}
                  data-testid={`consolidated-tasks-${s}`}
                />
              </Col>
            ))}
            <Col flex="1 0 130px">
              <Statistic
                title="Tỷ lệ hoàn thành"
                value={t.completionRate ?? 0}
                formatter={() => formatRate(t.completionRate)}
                style={STAT_STYLE}
                data-testid="consolidated-completion-rate"
              />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t.completionRate === null
              ? 'Chưa có nhiệm vụ đến hạn để tính tỷ lệ hoàn thành.'
              : `Tỷ lệ hoàn thành = số nhiệm vụ đã hoàn thành (${count(done)}) trên tổng số nhiệm vụ đã hoàn thành và quá hạn chưa hoàn thành (${count(done + t.states.overdue)}).`}
            {t.states.overdue > 0 &&
              ` Nhiệm vụ quá hạn: ${OVERDUE_AGES.map((a) => `${OVERDUE_AGE_LABELS[a]} ${count(t.overdueByAge[a])}`).join('; ')}.`}
          </Typography.Paragraph>
        </div>

        <Row gutter={[24, 24]}>
          <Col xs={24} lg={10}>
            <Descriptions
              title="Chỉ tiêu"
              size="small"
              column={1}
              bordered
              data-testid="consolidated-targets"
              items={[
                { key: 'total', label: 'Tổng số chỉ tiêu', children: count(tg.total) },
                { key: 'on', label: 'Đạt hoặc đúng lộ trình', children: count(tg.onTrack) },
                { key: 'risk', label: 'Có nguy cơ không đạt', children: count(tg.atRisk) },
                {
                  key: 'off',
                  label: 'Không đạt hoặc chậm so với lộ trình',
                  children: count(tg.offTrack),
                },
                { key: 'none', label: 'Chưa có số liệu để đánh giá', children: count(tg.noData) },
              ]}
            />
          </Col>
          <Col xs={24} lg={14}>
            {pj.count === 0 ? (
              <Descriptions
                title="Dự án trọng điểm"
                size="small"
                column={1}
                bordered
                data-testid="consolidated-projects"
                items={[
                  {
                    key: 'none',
                    label: 'Số dự án',
                    children: 'Kế hoạch không có dự án trọng điểm',
                  },
                ]}
              />
            ) : (
              <Descriptions
                title="Dự án trọng điểm"
                size="small"
                column={1}
                bordered
                data-testid="consolidated-projects"
                items={[
                  { key: 'count', label: 'Số dự án', children: count(pj.count) },
                  {
                    key: 'plan',
                    label: `Kế hoạch vốn năm ${pj.year}`,
                    children: `${formatDecimal(pj.capitalPlan, AMOUNT_DECIMALS)} tỷ đồng`,
                  },
                  {
                    key: 'disbursed',
                    label: 'Đã giải ngân',
                    children: `${formatDecimal(pj.disbursed, AMOUNT_DECIMALS)} tỷ đồng${
                      pj.disbursedPercent === null
                        ? ''
                        : ` (đạt ${formatDecimal(pj.disbursedPercent, 1)}% kế hoạch vốn năm)`
                    }`,
                  },
                  {
                    key: 'reached',
                    label: 'Mốc tiến độ đã đạt',
                    children: `${count(pj.milestonesReached)}/${count(pj.milestonesPlanned)} mốc`,
                  },
                  {
                    key: 'late',
                    label: 'Mốc đến hạn chưa đạt',
                    children: (
                      <Typography.Text type={pj.milestonesLate > 0 ? 'danger' : undefined}>
                        {count(pj.milestonesLate)} mốc
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            )}
          </Col>
        </Row>

        {groupTabs.length > 0 && (
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              Kết quả thực hiện nhiệm vụ
            </Typography.Title>
            <Tabs items={groupTabs} />
          </div>
        )}
      </Flex>
    </Card>
  );
}
