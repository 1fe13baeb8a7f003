// /cong-khai/:planId: a plan's public page — purpose, targets (latest approved figure, projection),
// key projects (construction, site clearance, disbursement against the year's plan, milestones,
// last update), the agencies responsible, published feedback with answers and the "Góp ý" form.
// Light: Ant Design only, no charts.
import type { PublicProject, PublicTarget } from '@features/public-view/schema';
import { Card, Col, Descriptions, Empty, Flex, List, Progress, Row, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDate, formatDecimal } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { CLEARANCE_UNIT_LABELS, MILESTONE_KIND_LABELS } from '../../projects/labels';
import { ProjectionTag } from '../../targets/components/projection-tag';
import { ASSESSMENT_LABELS } from '../../targets/labels';
import { FeedbackButton, PublishedFeedback } from '../components/feedback-section';
import { PublicFrame } from '../components/public-frame';
import { usePublicPlan } from '../hooks/use-public-view';

/** A share for a progress bar (0–100), from an exact decimal percentage; null when unknown. */
const percent = (value: string | null) =>
  value === null ? null : Math.max(0, Math.min(100, Math.round(Number(value))));

function actualText(t: PublicTarget): string {
  const a = t.latestActual;
  if (!a) return 'Chưa có số liệu được phê duyệt';
  const figure =
    a.value !== null
      ? `${formatDecimal(a.value)}${t.unit ? ` ${t.unit}` : ''}`
      : a.achieved !== null
        ? a.achieved
          ? 'Đã đạt'
          : 'Chưa đạt'
        : a.assessment
          ? ASSESSMENT_LABELS[a.assessment].label
          : '—';
  return `${figure} (${a.periodLabel})`;
}

function TargetCard({ t }: { t: PublicTarget }) {
  const last = t.milestones.at(-1);
  const share =
    t.latestActual?.value && last?.value && Number(last.value) > 0
      ? percent(String((Number(t.latestActual.value) * 100) / Number(last.value)))
      : null;
  return (
    <Card size="small" data-testid="public-target" data-id={t.id}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Text strong style={{ flex: 1, minWidth: 200 }}>
          {t.indicator}
        </Typography.Text>
        <ProjectionTag state={t.projection} />
      </Flex>
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label="Mục tiêu">
          {t.milestones.length === 0
            ? '—'
            : t.milestones
                .map(
                  (m) =>
                    `${m.value !== null ? formatDecimal(m.value) : 'Hoàn thành'}${m.value !== null && t.unit ? ` ${t.unit}` : ''} năm ${m.year}`,
                )
                .join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label="Kết quả">{actualText(t)}</Descriptions.Item>
        {t.agency && <Descriptions.Item label="Cơ quan chủ trì">{t.agency}</Descriptions.Item>}
      </Descriptions>
      {share !== null && (
        <Progress percent={share} size="small" aria-label="Tiến độ so với mục tiêu" />
      )}
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <PublishedFeedback items={t.feedback} />
        <div>
          <FeedbackButton item={{ kind: 'target', id: t.id, name: t.indicator }} />
        </div>
      </Flex>
    </Card>
  );
}

function ProjectCard({ p }: { p: PublicProject }) {
  const unit = p.clearance.unit ? CLEARANCE_UNIT_LABELS[p.clearance.unit] : '';
  return (
    <Card size="small" data-testid="public-project" data-id={p.id}>
      <Typography.Text strong>{p.name}</Typography.Text>
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        {p.owner && <Descriptions.Item label="Chủ đầu tư">{p.owner}</Descriptions.Item>}
        {p.totalInvestment && (
          <Descriptions.Item label="Tổng mức đầu tư">
            {formatDecimal(p.totalInvestment, 3)} tỷ đồng
          </Descriptions.Item>
        )}
        <Descriptions.Item label="Cập nhật">
          {p.lastUpdatedOn ? formatDate(p.lastUpdatedOn) : 'Chưa có'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">Thi công</Typography.Text>
      <Progress
        percent={p.constructionPercent ?? 0}
        size="small"
        status={p.constructionPercent === null ? 'normal' : undefined}
        format={(v) => (p.constructionPercent === null ? '—' : `${v}%`)}
      />
      <Typography.Text type="secondary">
        Giải phóng mặt bằng
        {p.clearance.total
          ? `: ${formatDecimal(p.clearance.done ?? '0', 3)}/${formatDecimal(p.clearance.total, 3)} ${unit}`
          : ''}
      </Typography.Text>
      <Progress
        percent={percent(p.clearance.percent) ?? 0}
        size="small"
        format={(v) => (p.clearance.percent === null ? '—' : `${v}%`)}
      />
      {p.capitalPlanned === '0' ? (
        <Typography.Paragraph type="secondary" data-testid="project-disbursement">
          Giải ngân năm {p.year}: chưa có kế hoạch vốn
          {p.disbursed !== '0' ? ` (đã giải ngân ${formatDecimal(p.disbursed, 3)} tỷ đồng)` : ''}
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="project-disbursement">
            Giải ngân năm {p.year}: {formatDecimal(p.disbursed, 3)}/
            {formatDecimal(p.capitalPlanned, 3)} tỷ đồng
          </Typography.Text>
          <Progress
            percent={percent(p.disbursedPercent) ?? 0}
            size="small"
            format={(v) => (p.disbursedPercent === null ? '—' : `${v}%`)}
          />
        </>
      )}
      {p.milestones.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">Các mốc</Typography.Text>}
          dataSource={p.milestones}
          renderItem={(m) => (
            <List.Item>
              {MILESTONE_KIND_LABELS[m.kind]}: dự kiến {m.plannedOn ? formatDate(m.plannedOn) : '—'}
              {m.actualOn ? (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  Đạt {formatDate(m.actualOn)}
                </Tag>
              ) : null}
            </List.Item>
          )}
        />
      )}
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <PublishedFeedback items={p.feedback} />
        <div>
          <FeedbackButton item={{ kind: 'project', id: p.id, name: p.name }} />
        </div>
      </Flex>
    </Card>
  );
}

export function PublicPlanPage() {
  const { planId = '' } = useParams();
  const plan = usePublicPlan(planId);
  if (plan.isPending)
    return (
      <PublicFrame>
        <PageLoading />
      </PublicFrame>
    );
  if (plan.isError)
    return (
      <PublicFrame>
        <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
        <Link to="/cong-khai">Các kế hoạch</Link>
      </PublicFrame>
    );
  const p = plan.data;
  return (
    <PublicFrame>
      <Flex vertical gap={16}>
        <div>
          <Link to="/cong-khai">← Các kế hoạch</Link>
          <Typography.Title level={4} style={{ marginTop: 8 }} data-testid="public-plan-title">
            {p.title ?? 'Kế hoạch'}
          </Typography.Title>
          <Typography.Text type="secondary">
            {[
              p.number ? `Số ${p.number}` : null,
              p.issuedOn ? `ngày ${formatDate(p.issuedOn)}` : null,
              p.issuer,
            ]
              .filter(Boolean)
              .join(' · ')}
            {' · '}Cập nhật lần cuối: {p.lastUpdatedOn ? formatDate(p.lastUpdatedOn) : 'chưa có'}
          </Typography.Text>
        </div>
        {p.purpose && (
          <Card title="Mục đích" size="small" data-testid="public-purpose">
            {p.purpose.text && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {p.purpose.text}
              </Typography.Paragraph>
            )}
            {p.purpose.parts.map((part) => (
              <Typography.Paragraph
                key={`${part.label}-${part.title}`}
                style={{ whiteSpace: 'pre-wrap' }}
              >
                <Typography.Text strong>
                  {part.label ? `${part.label}. ` : ''}
                  {part.title}
                </Typography.Text>
                {part.text ? ` ${part.text}` : ''}
              </Typography.Paragraph>
            ))}
          </Card>
        )}
        <section>
          <Typography.Title level={4}>Chỉ tiêu ({p.targets.length})</Typography.Title>
          {p.targets.length === 0 ? (
            <Empty description="Kế hoạch không có chỉ tiêu." />
          ) : (
            <Row gutter={[12, 12]}>
              {p.targets.map((t) => (
                <Col xs={24} md={12} key={t.id}>
                  <TargetCard t={t} />
                </Col>
              ))}
            </Row>
          )}
        </section>
        <section>
          <Typography.Title level={4}>Dự án trọng điểm ({p.projects.length})</Typography.Title>
          {p.projects.length === 0 ? (
            <Empty description="Kế hoạch không có dự án trọng điểm." />
          ) : (
            <Row gutter={[12, 12]}>
              {p.projects.map((pr) => (
                <Col xs={24} md={12} key={pr.id}>
                  <ProjectCard p={pr} />
                </Col>
              ))}
            </Row>
          )}
        </section>
        <Card title="Cơ quan chịu trách nhiệm" size="small" data-testid="public-agencies">
          <List
            size="small"
            dataSource={p.agencies}
            locale={{ emptyText: 'Chưa có' }}
            renderItem={(a) => (
              <List.Item>
                <Typography.Text>{a.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {[
                    a.tasks ? `${a.tasks} nhiệm vụ` : null,
                    a.targets ? `${a.targets} chỉ tiêu` : null,
                    a.projects ? `${a.projects} dự án` : null,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Flex>
    </PublicFrame>
  );
}
