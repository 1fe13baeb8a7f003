// "Giải ngân theo tháng" of the year shown: the month's amount (bars), the cumulative amount (line)
// and the year's capital plan (a mark line); the table beside it has the same figures, exact.
import type { ProjectDetail } from '@features/projects/schema';
import { Flex, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../../app/chart';
import { formatDecimal, formatNumber } from '../../../app/format';
import { AMOUNT_DECIMALS, disbursementText, formatBillion, formatPercent } from '../figures';
import { ProjectSection } from './project-section';

type Month = ProjectDetail['disbursements'][number];

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The round number (1, 2, 2,5 or 5 × 10ⁿ) at or above `value`, for the top of the axis. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function chartOption(months: Month[], planned: string, year: number): ChartOption {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const last = Math.max(0, ...months.map((m) => m.month));
  let cumulative: number | null = null;
  const line = MONTHS.map((month) => {
    const m = byMonth.get(month);
    if (m) cumulative = Number(m.cumulative);
    return month <= last ? cumulative : null;
  });
  const plan = Number(planned);
  return {
    grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Giải ngân trong tháng', 'Lũy kế'] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const month = (params[0]?.dataIndex ?? 0) + 1;
        const m = byMonth.get(month);
        if (!m) return `Tháng ${month}/${year}: chưa có số liệu giải ngân`;
        return [
          `<b>Tháng ${month}/${year}</b>`,
          `Giải ngân trong tháng: ${formatDecimal(m.amount, AMOUNT_DECIMALS)} tỷ đồng`,
          `Lũy kế: ${formatDecimal(m.cumulative, AMOUNT_DECIMALS)} tỷ đồng`,
          `Tỷ lệ kế hoạch năm: ${formatPercent(m.percentOfYearPlan)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: MONTHS.map((m) => `T${m}`) },
    yAxis: {
      type: 'value',
      name: 'tỷ đồng',
      axisLabel: { formatter: (v: number) => formatNumber(v) },
      // The plan's line stays inside the chart even when little is disbursed yet.
      max: plan > 0 ? (extent: { max: number }) => niceCeil(Math.max(extent.max, plan)) : null,
    },
    series: [
      {
        name: 'Giải ngân trong tháng',
        type: 'bar',
        data: MONTHS.map((month) => {
          const m = byMonth.get(month);
          return m ? Number(m.amount) : null;
        }),
        itemStyle: { color: '#1677ff' },
        barMaxWidth: 28,
        ...(plan > 0
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { color: '#cf1322', type: 'dashed' },
                label: {
                  formatter: `Kế hoạch vốn năm: ${formatDecimal(planned, AMOUNT_DECIMALS)} tỷ đồng`,
                  position: 'insideEndTop',
                },
                data: [{ yAxis: plan }],
              },
            }
          : {}),
      },
      {
        name: 'Lũy kế',
        type: 'line',
        data: line,
        itemStyle: { color: '#fa8c16' },
        connectNulls: true,
      },
    ],
  };
}

const columns: TableColumnsType<Month> = [
  { title: 'Tháng', key: 'month', width: 100, render: (_, m) => `${m.month}/${m.year}` },
  {
    title: 'Giải ngân trong tháng (tỷ đồng)',
    key: 'amount',
    align: 'right',
    render: (_, m) => formatDecimal(m.amount, AMOUNT_DECIMALS),
  },
  {
    title: 'Lũy kế (tỷ đồng)',
    key: 'cumulative',
    align: 'right',
    render: (_, m) => formatDecimal(m.cumulative, AMOUNT_DECIMALS),
  },
  {
    title: '% kế hoạch năm',
    key: 'percent',
    align: 'right',
    width: 150,
    render: (_, m) =>
      m.percentOfYearPlan === null ? (
        <Typography.Text type="secondary">Chưa có kế hoạch vốn</Typography.Text>
      ) : (
        formatPercent(m.percentOfYearPlan)
      ),
  },
];

export function DisbursementSection({ project }: { project: ProjectDetail }) {
  const months = useMemo(
    () =>
      project.disbursements
        .filter((d) => d.year === project.year)
        .sort((a, b) => a.month - b.month),
    [project.disbursements, project.year],
  );
  const option = useMemo(
    () => chartOption(months, project.capitalPlanned, project.year),
    [months, project.capitalPlanned, project.year],
  );
  return (
    <ProjectSection
      title={`Giải ngân theo tháng năm ${project.year}`}
      testId="project-disbursement"
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {project.capitalPlans.some((c) => c.year === project.year)
            ? `Kế hoạch vốn năm ${project.year}: ${formatBillion(project.capitalPlanned)}; ${disbursementText(project)}.`
            : `Chưa có kế hoạch vốn năm ${project.year}; đã giải ngân ${formatBillion(project.disbursed)}.`}
        </Typography.Text>
        {months.length === 0 ? (
          <Typography.Text type="secondary">
            {`Chưa có số liệu giải ngân năm ${project.year}.`}
          </Typography.Text>
        ) : (
          <Tabs
            size="small"
            items={[
              {
                key: 'chart',
                label: 'Biểu đồ',
                children: (
                  <Chart
                    option={option}
                    label={`Biểu đồ giải ngân theo tháng năm ${project.year}: cột là số giải ngân trong tháng, đường là lũy kế, đường đứt nét là kế hoạch vốn năm`}
                  />
                ),
              },
              {
                key: 'table',
                label: 'Bảng số liệu',
                children: (
                  <Table<Month>
                    rowKey={(m) => `${m.year}-${m.month}`}
                    size="small"
                    columns={columns}
                    dataSource={months}
                    pagination={false}
                    scroll={{ x: 560 }}
                    data-testid="project-disbursement-table"
                  />
                ),
              },
            ]}
          />
        )}
      </Flex>
    </ProjectSection>
  );
}
