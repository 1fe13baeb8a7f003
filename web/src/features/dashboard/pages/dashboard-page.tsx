// /tong-quan ("Tổng quan") – leadership's landing page: are the tasks done and on time, are the
// reports in, are the targets on their path, are the key projects spending and on schedule; by
// sector and by agency. Every figure links to the list it counts, every chart has its table
// ("Xem dạng bảng"), the filters live in the address, and the page prints on A4 (print.tsx).

import { EnvironmentOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Dashboard } from '@features/dashboard/schema';
import { Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ChartOption } from '../../../app/chart';
import { formatDate, formatDecimal } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { AMOUNT_DECIMALS, formatPercent } from '../../projects/figures';
import { PROJECTION_LABELS, PROJECTION_STATES } from '../../targets/labels';
import { OVERDUE_AGE_LABELS, TASK_STATE_LABELS } from '../../tasks/labels';
import { ChartPanel } from '../components/chart-panel';
import { DashboardFilters } from '../components/dashboard-filters';
import { FigureTable } from '../components/figure-table';
import { HeadlineCards } from '../components/headline-cards';
import { PrintStyle } from '../components/print-style';
import { useDashboard } from '../hooks/use-dashboard';
import { hrefOf } from '../links';
import { formatRate } from '../rates';
import {
  type DashboardPageState,
  readDashboardPageState,
  writeDashboardPageState,
} from '../search-params';

type TaskState = keyof Dashboard['tasks']['states'];
const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];
const STATE_COLORS: Record<TaskState, string> = {
  done_on_time: '#52c41a',
  done_late: '#faad14',
  in_progress: '#1677ff',
  overdue: '#f5222d',
  not_started: '#bfbfbf',
};
const AGES = ['under_30', 'over_30', 'over_60', 'over_120'] as const;
const NO_SECTOR = 'Chưa phân lĩnh vực';
/** At most this many agencies in the ranking's chart (the table lists them all). */
const CHART_AGENCIES = 15;

function bars(
  categories: string[],
  values: number[],
  colors?: string[],
  horizontal = false,
  percent = false,
): ChartOption {
  // Names under vertical bars wrap onto lines; beside horizontal bars they are cut short.
  const category = {
    type: 'category',
    data: categories,
    axisLabel: horizontal
      ? { width: 180, overflow: 'truncate' }
      : { width: 84, overflow: 'break', interval: 0, lineHeight: 14 },
  };
  const value = {
    type: 'value',
    minInterval: 1,
    ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}),
  };
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        data: values.map((v, i) =>
          colors?.[i] ? { value: v, itemStyle: { color: colors[i] } } : v,
        ),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          formatter: percent ? '{c}%' : '{c}',
        },
        barMaxWidth: 40,
      },
    ],
  };
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const state = readDashboardPageState(params);
  const dashboard = useDashboard(state);
  const update = useCallback(
    (change: Partial<DashboardPageState>) =>
      setParams((prev) => writeDashboardPageState({ ...readDashboardPageState(prev), ...change })),
    [setParams],
  );
  const d = dashboard.data;

  return (
    <div data-testid="dashboard-page" className="dashboard-page">
      <PrintStyle />
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Tổng quan
          </Typography.Title>
          {d && (
            <Typography.Text type="secondary">
              Số liệu đến ngày {formatDate(d.asOf)}
              {state.sector ? ` · lĩnh vực ${state.sector}` : ''}
            </Typography.Text>
          )}
        </div>
        <Flex gap={8} className="dashboard-no-print">
          <Link to="/ban-do">
            <Button icon={<EnvironmentOutlined />} data-testid="dashboard-map-link">
              Bản đồ
            </Button>
          </Link>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            In
          </Button>
        </Flex>
      </Flex>
      <DashboardFilters state={state} sectors={d?.sectors ?? []} onChange={update} />
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !d ? (
        <PageLoading />
      ) : (
        <DashboardBody d={d} />
      )}
    </div>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const t = d.tasks;
  const stateOption = useMemo(
    () =>
      bars(
        STATES.map((s) => TASK_STATE_LABELS[s]),
        STATES.map((s) => t.states[s].value),
        STATES.map((s) => STATE_COLORS[s]),
      ),
    [t],
  );
  const ageOption = useMemo(
    () =>
      bars(
        AGES.map((a) => `Quá hạn ${OVERDUE_AGE_LABELS[a]}`),
        AGES.map((a) => t.overdueByAge[a].value),
        AGES.map(() => '#f5222d'),
      ),
    [t],
  );
  const projectionOption = useMemo(
    () =>
      bars(
        PROJECTION_STATES.map((p) => PROJECTION_LABELS[p].label),
        PROJECTION_STATES.map((p) => d.targets.byProjection[p].value),
        undefined,
        true,
      ),
    [d.targets],
  );
  const sectorOption = useMemo((): ChartOption => {
    const names = d.bySector.map((s) => s.sector ?? NO_SECTOR);
    const series = (name: string, color: string, values: number[]) => ({
      name,
      type: 'bar',
      stack: 'tasks',
      data: values,
      itemStyle: { color },
      barMaxWidth: 28,
    });
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: names,
        inverse: true,
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        series(
          'Đã hoàn thành',
          STATE_COLORS.done_on_time,
          d.bySector.map((s) => s.tasks.done),
        ),
        series(
          'Quá hạn',
          STATE_COLORS.overdue,
          d.bySector.map((s) => s.tasks.overdue.value),
        ),
        series(
          'Đang và chưa thực hiện',
          STATE_COLORS.in_progress,
          d.bySector.map((s) => s.tasks.total.value - s.tasks.done - s.tasks.overdue.value),
        ),
      ],
    };
  }, [d.bySector]);
  const ranking = d.byAgency.slice(0, CHART_AGENCIES);
  const agencyOption = useMemo(
    () =>
      bars(
        ranking.map((a) => a.agency.name),
        ranking.map((a) => (a.onTimeRate === null ? 0 : Math.round(a.onTimeRate * 1000) / 10)),
        ranking.map((a) =>
          a.onTimeRate === null
            ? '#bfbfbf'
            : a.onTimeRate >= 0.8
              ? '#52c41a'
              : a.onTimeRate >= 0.5
                ? '#faad14'
                : '#f5222d',
        ),
        true,
        true,
      ),
    [ranking],
  );

  return (
    <>
      <HeadlineCards d={d} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartPanel
            title="Nhiệm vụ theo trạng thái"
            label={`Biểu đồ cột: ${t.total.value} nhiệm vụ theo trạng thái`}
            option={stateOption}
            testId="dashboard-states"
            table={
              <FigureTable
                caption="Nhiệm vụ theo trạng thái"
                columns={['Trạng thái', 'Số nhiệm vụ']}
                testId="dashboard-states-table"
                rows={[
                  ...STATES.map((s) => ({
                    key: s,
                    cells: [
                      { text: TASK_STATE_LABELS[s] },
                      { text: t.states[s].value, href: hrefOf(t.states[s].list) },
                    ],
                  })),
                  {
                    key: 'total',
                    cells: [
                      { text: 'Tổng số' },
                      { text: t.total.value, href: hrefOf(t.total.list) },
                    ],
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartPanel
            title="Nhiệm vụ quá hạn theo thời gian quá hạn"
            label={`Biểu đồ cột: ${t.states.overdue.value} nhiệm vụ quá hạn theo số ngày quá hạn`}
            option={ageOption}
            testId="dashboard-ages"
            table={
              <FigureTable
                caption="Nhiệm vụ quá hạn theo thời gian quá hạn"
                columns={['Thời gian quá hạn', 'Số nhiệm vụ']}
                testId="dashboard-ages-table"
                rows={AGES.map((a) => ({
                  key: a,
                  cells: [
                    { text: `Quá hạn ${OVERDUE_AGE_LABELS[a]}` },
                    { text: t.overdueByAge[a].value, href: hrefOf(t.overdueByAge[a].list) },
                  ],
                }))}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartPanel
            title="Chỉ tiêu theo dự báo"
            label={`Biểu đồ thanh: ${d.targets.total.value} chỉ tiêu theo dự báo khả năng đạt`}
            option={projectionOption}
            height={300}
            testId="dashboard-targets"
            table={
              <FigureTable
                caption="Chỉ tiêu theo dự báo"
                columns={['Dự báo', 'Số chỉ tiêu']}
                testId="dashboard-targets-table"
                rows={PROJECTION_STATES.map((p) => ({
                  key: p,
                  cells: [
                    { text: PROJECTION_LABELS[p].label },
                    {
                      text: d.targets.byProjection[p].value,
                      href: hrefOf(d.targets.byProjection[p].list),
                    },
                  ],
                }))}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartPanel
            title="Nhiệm vụ theo lĩnh vực"
            label="Biểu đồ thanh chồng: nhiệm vụ đã hoàn thành, quá hạn và đang thực hiện theo lĩnh vực"
            option={sectorOption}
            height={Math.max(200, 70 + d.bySector.length * 36)}
            testId="dashboard-sectors"
            empty={
              d.bySector.length === 0 ? (
                <Typography.Text type="secondary">Chưa có số liệu.</Typography.Text>
              ) : undefined
            }
            table={
              <FigureTable
                caption="Nhiệm vụ theo lĩnh vực"
                columns={['Lĩnh vực', 'Tổng số', 'Đã hoàn thành', 'Quá hạn', 'Tỷ lệ hoàn thành']}
                testId="dashboard-sectors-table"
                rows={d.bySector.map((s) => ({
                  key: s.sector ?? '',
                  cells: [
                    { text: s.sector ?? NO_SECTOR },
                    { text: s.tasks.total.value, href: hrefOf(s.tasks.total.list) },
                    { text: s.tasks.done },
                    { text: s.tasks.overdue.value, href: hrefOf(s.tasks.overdue.list) },
                    { text: formatRate(s.tasks.completionRate) },
                  ],
                }))}
              />
            }
          />
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={`Chỉ tiêu và dự án theo lĩnh vực (giải ngân năm ${d.year})`}
            className="dashboard-panel"
          >
            <FigureTable
              caption={`Chỉ tiêu và dự án trọng điểm theo lĩnh vực; vốn tính bằng tỷ đồng, năm ${d.year}`}
              columns={[
                'Lĩnh vực',
                'Chỉ tiêu',
                'Đúng lộ trình',
                'Có nguy cơ chậm',
                'Chậm',
                'Dự án',
                'Kế hoạch vốn',
                'Đã giải ngân',
                'Tỷ lệ giải ngân',
              ]}
              testId="dashboard-sector-targets-table"
              rows={d.bySector.map((s) => ({
                key: s.sector ?? '',
                cells: [
                  { text: s.sector ?? NO_SECTOR },
                  { text: s.targets.total.value, href: hrefOf(s.targets.total.list) },
                  { text: s.targets.onTrack.value, href: hrefOf(s.targets.onTrack.list) },
                  { text: s.targets.atRisk.value, href: hrefOf(s.targets.atRisk.list) },
                  { text: s.targets.offTrack.value, href: hrefOf(s.targets.offTrack.list) },
                  { text: s.projects.total.value, href: hrefOf(s.projects.total.list) },
                  { text: formatDecimal(s.projects.capitalPlanned, AMOUNT_DECIMALS) },
                  { text: formatDecimal(s.projects.disbursed, AMOUNT_DECIMALS) },
                  { text: formatPercent(s.projects.disbursedPercent) },
                ],
              }))}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <ChartPanel
            title="Xếp hạng cơ quan chủ trì theo tỷ lệ đúng hạn"
            label={`Biểu đồ thanh: tỷ lệ hoàn thành đúng hạn của ${ranking.length} cơ quan đứng đầu`}
            option={agencyOption}
            height={Math.max(200, 60 + ranking.length * 30)}
            testId="dashboard-agencies"
            empty={
              ranking.length === 0 ? (
                <Typography.Text type="secondary">
                  Chưa có cơ quan chủ trì nhiệm vụ.
                </Typography.Text>
              ) : undefined
            }
            table={
              <FigureTable
                caption="Xếp hạng cơ quan chủ trì theo tỷ lệ hoàn thành đúng hạn (đúng hạn ÷ (đã hoàn thành + quá hạn))"
                columns={[
                  'Cơ quan',
                  'Hạng',
                  'Hoàn thành đúng hạn',
                  'Hoàn thành quá hạn',
                  'Quá hạn',
                  'Chưa hoàn thành',
                  'Tỷ lệ đúng hạn',
                ]}
                testId="dashboard-agencies-table"
                rows={d.byAgency.map((a, i) => ({
                  key: a.agency.id,
                  cells: [
                    { text: a.agency.name },
                    { text: a.onTimeRate === null ? '—' : i + 1 },
                    { text: a.doneOnTime.value, href: hrefOf(a.doneOnTime.list) },
                    { text: a.doneLate.value, href: hrefOf(a.doneLate.list) },
                    { text: a.overdue.value, href: hrefOf(a.overdue.list) },
                    { text: a.open.value, href: hrefOf(a.open.list) },
                    { text: formatRate(a.onTimeRate) },
                  ],
                }))}
              />
            }
          />
        </Col>
      </Row>
    </>
  );
}
