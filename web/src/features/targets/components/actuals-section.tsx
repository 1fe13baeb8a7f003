// "Thực hiện so với lộ trình": the approved actuals (the latest approved of each period) against the
// straight path from the baseline through the milestones – a chart and, under it, the table with
// the same figures, exact, in Vietnamese format. A period's value sits at the period's end on the
// years' scale (2026 = 31/12/2026; the first half of 2026 halfway from 2025 to 2026). A yes/no
// milestone or a qualitative target has no path: its results read as a timeline and a table.
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { isoDateInVietnam } from '@domain/calendar';
import type { TargetDetail } from '@features/targets/schema';
import { Flex, Table, type TableColumnsType, Tag, Timeline, Typography } from 'antd';
import Decimal from 'decimal.js';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../../app/chart';
import { formatDate, formatDecimal, formatNumber } from '../../../app/format';
import {
  actualText,
  expectedAt,
  PATH_DECIMALS,
  pathPoints,
  positionOf,
  unitOf,
  VALUE_DECIMALS,
  valuedMilestones,
  withUnit,
} from '../figures';
import { ASSESSMENT_LABELS, isQuantity } from '../labels';
import { capitalised } from '../periods';
import { TargetSection } from './target-section';

type Actual = TargetDetail['actuals'][number];

type Row = Actual & {
  position: number;
  expected: string | null;
  difference: string | null;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function rowsOf(target: TargetDetail): Row[] {
  return target.actuals
    .map((a) => {
      const position = positionOf(a.period, a.year);
      const expected = a.value === null ? null : expectedAt(target, position);
      const difference =
        a.value !== null && expected !== null
          ? new Decimal(a.value).minus(expected).toDecimalPlaces(PATH_DECIMALS).toFixed()
          : null;
      return { ...a, position, expected, difference };
    })
    .sort((a, b) => a.position - b.position);
}

type Point = { value: [number, number]; tip: string; text: string };

const pointLabel = (params: { data: Point }) => params.data.text;

function chartOption(target: TargetDetail, rows: Row[]): ChartOption {
  const unit = unitOf(target);
  const path = pathPoints(target);
  const goals = path.length === 0 ? valuedMilestones(target) : [];
  const pathData: Point[] = path.map((p) => ({
    value: [p.year, Number(p.value)],
    tip: `<b>${p.baseline ? 'Giá trị gốc' : 'Mốc'} năm ${p.year}</b><br/>${escapeHtml(withUnit(p.value, unit))}`,
    text: formatDecimal(p.value, VALUE_DECIMALS),
  }));
  const goalData: Point[] = goals.map((m) => ({
    value: [m.year, Number(m.value)],
    tip: `<b>Mốc năm ${m.year}</b><br/>${escapeHtml(withUnit(m.value, unit))}`,
    text: formatDecimal(m.value, VALUE_DECIMALS),
  }));
  const actualData: Point[] = rows.flatMap((r) =>
    r.value === null
      ? []
      : [
          {
            value: [r.position, Number(r.value)] as [number, number],
            tip: [
              `<b>${escapeHtml(capitalised(r.periodLabel))}</b> (đến ${formatDate(r.periodEnd)})`,
              `Thực hiện: ${escapeHtml(withUnit(r.value, unit))}`,
              ...(r.expected === null
                ? []
                : [`Theo lộ trình: ${escapeHtml(withUnit(r.expected, unit, PATH_DECIMALS))}`]),
            ].join('<br/>'),
            text: formatDecimal(r.value, VALUE_DECIMALS),
          },
        ],
  );
  const xs = [...pathData, ...goalData, ...actualData].map((p) => p.value[0]);
  const first = Math.floor(Math.min(...xs));
  const last = Math.ceil(Math.max(...xs));
  return {
    grid: { left: 16, right: 32, top: 56, bottom: 24, containLabel: true },
    legend: {
      top: 0,
      data: [
        ...(pathData.length ? ['Lộ trình'] : []),
        ...(goalData.length ? ['Mốc'] : []),
        'Thực hiện (đã duyệt)',
      ],
    },
    tooltip: {
      trigger: 'item',
      formatter: (params: { data: Point }) => params.data.tip,
    },
    xAxis: {
      type: 'value',
      min: first === last ? first - 1 : first,
      max: first === last ? last + 1 : last,
      interval: 1,
      name: 'Năm',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? String(v) : '') },
      splitLine: { show: true, lineStyle: { type: 'dotted' } },
    },
    yAxis: {
      type: 'value',
      name: unit ?? '',
      scale: true,
      // Room under the lowest point and over the highest for their labels.
      boundaryGap: ['12%', '12%'],
      axisLabel: {
        formatter: (v: number) => `${formatNumber(v)}${unit === '%' ? '%' : ''}`,
      },
    },
    series: [
      ...(pathData.length
        ? [
            {
              name: 'Lộ trình',
              type: 'line',
              data: pathData,
              lineStyle: { type: 'dashed', color: '#8c8c8c', width: 2 },
              itemStyle: { color: '#8c8c8c' },
              symbol: 'diamond',
              symbolSize: 12,
              clip: false,
              label: { show: true, position: 'bottom', color: '#595959', formatter: pointLabel },
            },
          ]
        : []),
      ...(goalData.length
        ? [
            {
              name: 'Mốc',
              type: 'line',
              data: goalData,
              lineStyle: { opacity: 0 },
              itemStyle: { color: '#8c8c8c' },
              symbol: 'diamond',
              symbolSize: 12,
              clip: false,
              label: { show: true, position: 'bottom', color: '#595959', formatter: pointLabel },
            },
          ]
        : []),
      {
        name: 'Thực hiện (đã duyệt)',
        type: 'line',
        data: actualData,
        itemStyle: { color: '#1677ff' },
        lineStyle: { width: 2 },
        symbol: 'circle',
        symbolSize: 9,
        clip: false,
        label: { show: true, position: 'top', color: '#1677ff', formatter: pointLabel },
      },
    ],
  };
}

function quantityColumns(target: TargetDetail, hasPath: boolean): TableColumnsType<Row> {
  const unit = unitOf(target);
  return [
    {
      title: 'Kỳ',
      key: 'period',
      width: 170,
      render: (_, r) => capitalised(r.periodLabel),
    },
    {
      title: 'Đến ngày',
      key: 'end',
      width: 110,
      render: (_, r) => formatDate(r.periodEnd),
    },
    {
      title: 'Thực hiện',
      key: 'value',
      align: 'right',
      width: 150,
      render: (_, r) => (
        <span data-testid="actual-row-value">{withUnit(r.value, unit, VALUE_DECIMALS)}</span>
      ),
    },
    {
      title: 'Theo lộ trình',
      key: 'expected',
      align: 'right',
      width: 150,
      render: (_, r) =>
        r.expected === null ? (
          <Typography.Text type="secondary">{hasPath ? '—' : 'Chưa tính được'}</Typography.Text>
        ) : (
          withUnit(r.expected, unit, PATH_DECIMALS)
        ),
    },
    {
      title: 'Chênh lệch',
      key: 'difference',
      align: 'right',
      width: 130,
      render: (_, r) => {
        if (r.difference === null) return '—';
        const d = new Decimal(r.difference);
        const text = `${d.isPositive() && !d.isZero() ? '+' : ''}${formatDecimal(r.difference, PATH_DECIMALS)}`;
        return <span>{text}</span>;
      },
    },
    {
      title: 'Ghi chú',
      key: 'note',
      width: 320,
      render: (_, r) => (
        <Typography.Text style={{ whiteSpace: 'pre-line' }}>{r.note ?? '—'}</Typography.Text>
      ),
    },
  ];
}

function resultColumns(target: TargetDetail): TableColumnsType<Row> {
  return [
    {
      title: 'Kỳ',
      key: 'period',
      width: 170,
      render: (_, r) => capitalised(r.periodLabel),
    },
    {
      title: 'Đến ngày',
      key: 'end',
      width: 110,
      render: (_, r) => formatDate(r.periodEnd),
    },
    {
      title: target.kind === 'milestone' ? 'Kết quả' : 'Đánh giá của cơ quan chủ trì',
      key: 'result',
      width: 220,
      render: (_, r) =>
        r.assessment ? (
          <Tag color={ASSESSMENT_LABELS[r.assessment].color}>
            {ASSESSMENT_LABELS[r.assessment].label}
          </Tag>
        ) : (
          <Tag color={r.achieved ? 'green' : 'default'}>{actualText(target, r)}</Tag>
        ),
    },
    {
      title: 'Ghi chú',
      key: 'note',
      width: 320,
      render: (_, r) => (
        <Typography.Text style={{ whiteSpace: 'pre-line' }}>{r.note ?? '—'}</Typography.Text>
      ),
    },
  ];
}

/** Yes/no milestones and qualitative targets: the due years and the results, newest first. */
function ResultTimeline({ target, rows }: { target: TargetDetail; rows: Row[] }) {
  const thisYear = Number(isoDateInVietnam().slice(0, 4));
  const results = [...rows].reverse().map((r) => ({
    key: r.period,
    color: r.assessment
      ? ASSESSMENT_LABELS[r.assessment].color === 'gold'
        ? 'orange'
        : ASSESSMENT_LABELS[r.assessment].color
      : r.achieved
        ? 'green'
        : 'gray',
    ...(r.achieved ? { icon: <CheckCircleFilled /> } : {}),
    content: (
      <Flex vertical gap={2}>
        <Typography.Text
          strong
        >{`${capitalised(r.periodLabel)}: ${actualText(target, r)}`}</Typography.Text>
        {r.note && (
          <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'pre-line' }}>
            {r.note}
          </Typography.Text>
        )}
      </Flex>
    ),
  }));
  const dues =
    target.kind === 'milestone'
      ? target.milestones.map((m) => {
          const done = rows.some((r) => r.achieved);
          const late = !done && m.year < thisYear;
          return {
            key: `due-${m.year}`,
            color: done ? 'green' : late ? 'red' : 'blue',
            icon: done ? (
              <CheckCircleFilled />
            ) : late ? (
              <ExclamationCircleFilled />
            ) : (
              <ClockCircleOutlined />
            ),
            content: (
              <Typography.Text>{`Hạn hoàn thành: năm ${m.year}${done ? ' – đã hoàn thành' : late ? ' – đã quá hạn' : ''}`}</Typography.Text>
            ),
          };
        })
      : [];
  const items = [...dues, ...results];
  if (items.length === 0) return null;
  return <Timeline items={items} data-testid="target-timeline" />;
}

export function ActualsSection({ target }: { target: TargetDetail }) {
  const rows = useMemo(() => rowsOf(target), [target]);
  const quantity = isQuantity(target.kind);
  const path = useMemo(() => pathPoints(target), [target]);
  const hasValues = rows.some((r) => r.value !== null);
  const drawable =
    quantity && (path.length > 0 || hasValues || valuedMilestones(target).length > 0);
  const option = useMemo(
    () => (drawable ? chartOption(target, rows) : null),
    [drawable, target, rows],
  );
  const newestFirst = useMemo(() => [...rows].reverse(), [rows]);

  let summary: string;
  if (!quantity)
    summary =
      target.kind === 'milestone'
        ? 'Chỉ tiêu mốc có/không: không có lộ trình số; theo dõi theo kết quả đạt hay chưa đạt của từng kỳ.'
        : 'Chỉ tiêu định tính: không có lộ trình số; theo dõi theo đánh giá của cơ quan chủ trì từng kỳ.';
  else if (path.length > 0)
    summary = `Đường đứt nét: lộ trình thẳng từ giá trị gốc năm ${path[0]?.year} qua các mốc; đường liền: số liệu thực hiện đã duyệt. Mỗi năm tính đến ngày 31/12; số liệu 6 tháng, quý, tháng đặt tại ngày cuối kỳ.`;
  else if (!target.baseline)
    summary =
      'Chưa có giá trị gốc (năm và số liệu ban đầu) nên chưa vẽ được lộ trình: biểu đồ chỉ có các mốc và số liệu thực hiện.';
  else summary = 'Chỉ tiêu chưa có mốc sau năm gốc: chưa vẽ được lộ trình.';

  return (
    <TargetSection title="Thực hiện so với lộ trình" testId="target-actuals">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{summary}</Typography.Text>
        {option && (
          <Chart
            option={option}
            label={`Biểu đồ chỉ tiêu "${target.indicator}": số liệu thực hiện đã duyệt so với lộ trình từ giá trị gốc qua các mốc; bảng dưới biểu đồ có cùng số liệu`}
          />
        )}
        {!quantity && <ResultTimeline target={target} rows={rows} />}
        {rows.length === 0 ? (
          <Typography.Text type="secondary" data-testid="target-actuals-empty">
            Chưa có số liệu thực hiện đã duyệt.
          </Typography.Text>
        ) : (
          <Table<Row>
            rowKey="period"
            size="small"
            columns={quantity ? quantityColumns(target, path.length > 0) : resultColumns(target)}
            dataSource={newestFirst}
            pagination={newestFirst.length > 12 ? { pageSize: 12, hideOnSinglePage: true } : false}
            scroll={{ x: 1040 }}
            data-testid="target-actuals-table"
          />
        )}
      </Flex>
    </TargetSection>
  );
}
