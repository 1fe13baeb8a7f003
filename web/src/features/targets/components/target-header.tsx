// The top of a target's page: the indicator, its plan and sector; what it asks (the last milestone),
// the latest approved actual and the projection with its rule in full; then the facts (responsible
// and contributing agencies, kind, comparator, unit, baseline, data source, reporting frequency,
// the plan's text). The consolidator completes the target, the responsible agency reports from here.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TargetDetail } from '@features/targets/schema';
import {
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Grid,
  Row,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { CollapsibleText } from '../../plans/components/collapsible-text';
import { actualText, milestoneText, unitOf, withUnit } from '../figures';
import { COMPARATOR_LABELS, FREQUENCY_LABELS, isQuantity, KIND_LABELS } from '../labels';
import { ProjectionTag } from './projection-tag';

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

function baselineText(target: TargetDetail): ReactNode {
  if (!isQuantity(target.kind))
    return <Typography.Text type="secondary">Không áp dụng</Typography.Text>;
  if (target.baseline)
    return `${withUnit(target.baseline.value, unitOf(target))} (năm ${target.baseline.year})`;
  if (target.baselineValueWithoutYear)
    return (
      <Typography.Text type="warning">
        {`${withUnit(target.baselineValueWithoutYear, unitOf(target))} – kế hoạch chưa nêu năm gốc`}
      </Typography.Text>
    );
  return <Typography.Text type="secondary">Chưa có</Typography.Text>;
}

type Props = {
  target: TargetDetail;
  onEdit: () => void;
  onReport: () => void;
};

export function TargetHeader({ target, onEdit, onReport }: Props) {
  const screens = Grid.useBreakpoint();
  const final = target.milestones.at(-1);
  const latest = target.latestActual;
  const items: DescriptionsProps['items'] = [
    {
      key: 'responsible',
      label: 'Cơ quan chủ trì',
      children: target.responsibleAgency ? (
        <span data-testid="target-responsible">{target.responsibleAgency.name}</span>
      ) : (
        <Typography.Text type="warning">Chưa giao</Typography.Text>
      ),
    },
    {
      key: 'contributors',
      label: 'Cơ quan phối hợp',
      children:
        target.contributors.length === 0
          ? '—'
          : target.contributors.map((a) => (
              <Tag key={a.id} style={{ marginBlock: 2 }}>
                {a.name}
              </Tag>
            )),
    },
    {
      key: 'kind',
      label: 'Loại chỉ tiêu',
      children: <span data-testid="target-kind">{KIND_LABELS[target.kind]}</span>,
    },
    {
      key: 'comparator',
      label: 'Yêu cầu',
      children: COMPARATOR_LABELS[target.comparator],
    },
    { key: 'unit', label: 'Đơn vị tính', children: target.unit ?? '—' },
    { key: 'baseline', label: 'Giá trị gốc', children: baselineText(target) },
    {
      key: 'frequency',
      label: 'Tần suất báo cáo',
      children: (
        <span data-testid="target-frequency">{FREQUENCY_LABELS[target.reportingFrequency]}</span>
      ),
    },
    { key: 'source', label: 'Nguồn số liệu', children: target.dataSource ?? '—' },
    ...(target.body
      ? [
          {
            key: 'body',
            label: 'Nội dung trong kế hoạch',
            span: 'filled' as const,
            children: <CollapsibleText text={target.body} />,
          },
        ]
      : []),
  ];

  return (
    <Card data-testid="target-header">
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Flex vertical gap={8} style={{ flex: '1 1 420px', minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="target-indicator">
              {target.indicator}
            </Typography.Title>
            <Flex gap={8} wrap align="center">
              {target.sector && <Tag style={{ marginInlineEnd: 0 }}>{target.sector}</Tag>}
              <Link
                to={`/ke-hoach/${target.plan.id}`}
                style={{ display: 'flex', minWidth: 0, flex: '0 1 640px' }}
                data-testid="target-plan"
              >
                <Typography.Text
                  ellipsis={{ tooltip: target.plan.title }}
                  style={{ color: 'inherit', width: '100%' }}
                >
                  {target.plan.number
                    ? `Kế hoạch số ${target.plan.number}`
                    : (target.plan.title ?? 'Kế hoạch')}
                </Typography.Text>
              </Link>
            </Flex>
          </Flex>
          <Flex gap={8} wrap align="center">
            {target.abilities.report && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={onReport}
                data-testid="actual-open"
              >
                Báo cáo số liệu
              </Button>
            )}
            {target.abilities.update && (
              <Button icon={<EditOutlined />} onClick={onEdit} data-testid="target-edit-open">
                Hoàn thiện chỉ tiêu
              </Button>
            )}
          </Flex>
        </Flex>
        <Row gutter={[24, 16]}>
          <Col xs={24} sm={12} lg={6}>
            <Figure label="Mục tiêu" testId="target-goal">
              {final ? (
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {`${milestoneText(target, final)} (năm ${final.year})`}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">Chưa có mốc</Typography.Text>
              )}
            </Figure>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Figure label="Thực hiện gần nhất (đã duyệt)" testId="target-latest">
              {latest ? (
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {`${actualText(target, latest)} (${latest.periodLabel})`}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">Chưa có số liệu</Typography.Text>
              )}
            </Figure>
          </Col>
          <Col xs={24} lg={12}>
            <Figure label="Dự báo">
              <Flex vertical gap={4} align="flex-start">
                <ProjectionTag state={target.projection.state} />
                <Typography.Paragraph style={{ margin: 0 }} data-testid="target-rule">
                  {target.projection.rule}
                </Typography.Paragraph>
              </Flex>
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
