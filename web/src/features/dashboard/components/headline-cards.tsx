// The headline figures, each a card leading to the list it counts.
import type { Dashboard } from '@features/dashboard/schema';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDecimal } from '../../../app/format';
import { AMOUNT_DECIMALS, formatPercent } from '../../projects/figures';
import { hrefOf } from '../links';
import { formatRate } from '../rates';

function Headline({
  title,
  value,
  suffix,
  href,
  note,
  testId,
  danger,
}: {
  title: string;
  value: ReactNode;
  suffix?: string;
  href: string | null;
  note?: ReactNode;
  testId: string;
  danger?: boolean;
}) {
  const body = (
    <Card size="small" hoverable={href !== null} style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={typeof value === 'number' ? value : undefined}
        formatter={typeof value === 'number' ? undefined : () => value}
        suffix={suffix}
        valueStyle={danger ? { color: '#cf1322' } : undefined}
        groupSeparator="."
        decimalSeparator=","
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
  return (
    <Col xs={12} lg={6} data-testid={testId}>
      {href ? (
        <Link
          to={href}
          aria-label={`${title}: xem danh sách`}
          style={{ display: 'block', height: '100%' }}
        >
          {body}
        </Link>
      ) : (
        body
      )}
    </Col>
  );
}

export function HeadlineCards({ d }: { d: Dashboard }) {
  const t = d.tasks;
  const done = t.states.done_on_time.value + t.states.done_late.value;
  const slow = d.targets.byProjection.at_risk.value + d.targets.byProjection.off_track.value;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Headline
        title="Tổng số nhiệm vụ"
        value={t.total.value}
        href={hrefOf(t.total.list)}
        note={`${done} đã hoàn thành`}
        testId="headline-tasks"
      />
      <Headline
        title="Tỷ lệ hoàn thành"
        value={formatRate(t.completionRate)}
        href={hrefOf(t.states.done_on_time.list)}
        note={`Đúng hạn: ${formatRate(t.onTimeRate)}`}
        testId="headline-completion"
      />
      <Headline
        title="Nhiệm vụ quá hạn"
        value={t.states.overdue.value}
        href={hrefOf(t.states.overdue.list)}
        note={`Trên 120 ngày: ${t.overdueByAge.over_120.value}`}
        danger={t.states.overdue.value > 0}
        testId="headline-overdue"
      />
      <Headline
        title="Báo cáo chưa nộp kỳ này"
        value={d.reports ? d.reports.missing.value : '—'}
        href={d.reports ? hrefOf(d.reports.missing.list) : null}
        note={
          d.reports
            ? `${d.reports.period.label}: hạn ${formatDate(d.reports.period.submissionDueOn)}, đã nộp ${d.reports.submitted}/${d.reports.expected}`
            : 'Chưa mở kỳ báo cáo nào'
        }
        danger={(d.reports?.missing.value ?? 0) > 0}
        testId="headline-reports"
      />
      <Headline
        title="Chỉ tiêu chậm hoặc có nguy cơ"
        value={slow}
        href={hrefOf(d.targets.byProjection.off_track.list)}
        note={`Chậm: ${d.targets.byProjection.off_track.value}, nguy cơ: ${d.targets.byProjection.at_risk.value} / ${d.targets.total.value} chỉ tiêu`}
        danger={slow > 0}
        testId="headline-targets"
      />
      <Headline
        title={`Giải ngân năm ${d.year}`}
        value={formatPercent(d.projects.disbursedPercent)}
        href={hrefOf(d.projects.total.list)}
        note={`${formatDecimal(d.projects.disbursed, AMOUNT_DECIMALS)} / ${formatDecimal(d.projects.capitalPlanned, AMOUNT_DECIMALS)} tỷ đồng`}
        testId="headline-disbursement"
      />
      <Headline
        title="Dự án có mốc tiến độ chậm"
        value={d.projects.slipping.value}
        href={hrefOf(d.projects.slipping.list)}
        note={`${d.projects.milestonesSlipping} mốc chậm / ${d.projects.total.value} dự án`}
        danger={d.projects.slipping.value > 0}
        testId="headline-milestones"
      />
      <Headline
        title="Chưa hoàn thành"
        value={t.states.in_progress.value + t.states.not_started.value + t.states.overdue.value}
        href={hrefOf(
          t.total.list ? { ...t.total.list, query: { ...t.total.list.query, open: 'true' } } : null,
        )}
        note={`Chưa thực hiện: ${t.states.not_started.value}`}
        testId="headline-open"
      />
    </Row>
  );
}
