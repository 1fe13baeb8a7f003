// The top of a project page: its name, plan, form and sector; the year's figures (capital plan,
// disbursement, site clearance, construction, next milestone); then the facts (owner, period,
// approval documents, communes, the plan's text). The year of the figures is chosen here.
import { EditOutlined } from '@ant-design/icons';
import type { ProjectDetail } from '@features/projects/schema';
import {
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Grid,
  Progress,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDecimal } from '../../../app/format';
import { CollapsibleText } from '../../plans/components/collapsible-text';
import { barPercent, formatBillion, formatPercent } from '../figures';
import { CLEARANCE_UNIT_LABELS, INVESTMENT_FORM_LABELS } from '../labels';
import { DisbursementBar } from './disbursement-bar';
import { NextMilestone } from './next-milestone';
import { OwnerName } from './owner-name';
import { yearOptions } from './project-filters';

function Figure({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Flex vertical gap={4} data-testid={testId} style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div>{children}</div>
    </Flex>
  );
}

export function clearanceText(project: ProjectDetail): string | null {
  const { unit, total, done, percent } = project.clearance;
  if (done === null && total === null) return null;
  const unitLabel = unit ? ` ${CLEARANCE_UNIT_LABELS[unit]}` : '';
  const doneText = done === null ? 'chưa có số liệu' : formatDecimal(done, 3);
  const totalText = total === null ? '' : ` / ${formatDecimal(total, 3)}`;
  return `${doneText}${totalText}${unitLabel}${percent === null ? '' : ` (${formatPercent(percent)})`}`;
}

function period(project: ProjectDetail): string {
  const { startYear, endYear } = project;
  if (startYear && endYear)
    return startYear === endYear ? `${startYear}` : `${startYear}–${endYear}`;
  if (startYear) return `Từ năm ${startYear}`;
  if (endYear) return `Đến năm ${endYear}`;
  return '—';
}

type Props = {
  project: ProjectDetail;
  onYearChange: (year: number) => void;
  onEdit: () => void;
};

export function ProjectHeader({ project, onYearChange, onEdit }: Props) {
  const screens = Grid.useBreakpoint();
  const clearance = clearanceText(project);
  const items: DescriptionsProps['items'] = [
    { key: 'owner', label: 'Chủ đầu tư', children: <OwnerName owner={project.owner} /> },
    { key: 'period', label: 'Thời gian thực hiện', children: period(project) },
    {
      key: 'documents',
      label: 'Văn bản phê duyệt',
      span: 'filled',
      children:
        project.approvalDocuments.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={2} data-testid="project-approval-documents">
            {project.approvalDocuments.map((d) => (
              <span key={`${d.number}-${d.issuedOn ?? ''}`}>
                <Typography.Text strong>{`Số ${d.number}`}</Typography.Text>
                {d.issuedOn && ` ngày ${formatDate(d.issuedOn)}`}
                {d.title && <Typography.Text type="secondary">{` – ${d.title}`}</Typography.Text>}
              </span>
            ))}
          </Flex>
        ),
    },
    {
      key: 'communes',
      label: 'Địa điểm',
      span: 'filled',
      children:
        project.communes.length === 0
          ? '—'
          : project.communes.map((c) => (
              <Tag key={c.code} style={{ marginBlock: 2 }}>
                {c.name}
              </Tag>
            )),
    },
    ...(project.body
      ? [
          {
            key: 'body',
            label: 'Nội dung trong kế hoạch',
            span: 'filled' as const,
            children: <CollapsibleText text={project.body} />,
          },
        ]
      : []),
  ];

  return (
    <Card data-testid="project-header">
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Flex vertical gap={8} style={{ flex: '1 1 420px', minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
              {project.name}
            </Typography.Title>
            <Flex gap={8} wrap align="center">
              {project.investmentForm ? (
                <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="project-form">
                  {INVESTMENT_FORM_LABELS[project.investmentForm]}
                </Tag>
              ) : (
                <Tag style={{ marginInlineEnd: 0 }}>Chưa rõ hình thức đầu tư</Tag>
              )}
              {project.sector && <Tag style={{ marginInlineEnd: 0 }}>{project.sector}</Tag>}
              <Link
                to={`/ke-hoach/${project.plan.id}`}
                title={project.plan.title ?? undefined}
                data-testid="project-plan-link"
                style={{
                  flex: '1 1 240px',
                  minWidth: 0,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                }}
              >
                {project.plan.number
                  ? `Kế hoạch số ${project.plan.number}`
                  : (project.plan.title ?? 'Kế hoạch')}
              </Link>
            </Flex>
          </Flex>
          <Flex gap={8} wrap align="center">
            <Select<number>
              aria-label="Năm số liệu"
              prefix="Số liệu năm:"
              value={project.year}
              onChange={onYearChange}
              options={yearOptions(project.year).map((o) => ({ ...o, label: String(o.value) }))}
              style={{ width: 170 }}
              data-testid="project-year"
            />
            {project.abilities.update && (
              <Button icon={<EditOutlined />} onClick={onEdit} data-testid="project-edit-open">
                Sửa thông tin dự án
              </Button>
            )}
          </Flex>
        </Flex>
        <Row gutter={[24, 16]}>
          <Col xs={24} sm={12} lg={6}>
            <Figure label="Tổng mức đầu tư" testId="project-total-investment">
              <Typography.Text strong style={{ fontSize: 18 }}>
                {formatBillion(project.totalInvestment)}
              </Typography.Text>
            </Figure>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Figure label={`Giải ngân năm ${project.year}`}>
              <DisbursementBar project={project} size="default" />
            </Figure>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Figure label="Giải phóng mặt bằng" testId="project-clearance">
              {project.clearance.percent !== null && (
                <Progress percent={barPercent(project.clearance.percent)} showInfo={false} />
              )}
              <Typography.Text>{clearance ?? 'Chưa có số liệu'}</Typography.Text>
            </Figure>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Figure label="Thi công" testId="project-construction">
              {project.constructionPercent === null ? (
                <Typography.Text>Chưa có số liệu</Typography.Text>
              ) : (
                <Progress percent={project.constructionPercent} format={(p) => `${p ?? 0}%`} />
              )}
            </Figure>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Figure label="Mốc tiếp theo">
              <NextMilestone milestone={project.nextMilestone} />
            </Figure>
          </Col>
        </Row>
        <Descriptions
          items={items}
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          size="small"
          bordered
          styles={{ label: { width: screens.sm ? 170 : undefined } }}
        />
      </Flex>
    </Card>
  );
}
