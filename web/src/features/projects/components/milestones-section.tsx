// "Các mốc của dự án": chủ trương đầu tư, phê duyệt dự án, khởi công, thông xe/hoàn thành,
// quyết toán – planned and actual dates and the slippage in days (actual − planned once reached;
// today − planned when passed and not reached).
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import type { MilestoneKind, ProjectDetail } from '@features/projects/schema';
import { Flex, Timeline, type TimelineProps, Typography } from 'antd';
import { formatDate } from '../../../app/format';
import { MILESTONE_KIND_LABELS, MILESTONE_KINDS } from '../labels';
import { ProjectSection } from './project-section';
import { SlippageTag } from './slippage-tag';

type Milestone = ProjectDetail['milestones'][number];
type TimelineItemType = NonNullable<TimelineProps['items']>[number];

function stateOf(m: Milestone | undefined): {
  color: string;
  icon?: TimelineItemType['icon'];
  text: string;
} {
  if (!m || (!m.plannedOn && !m.actualOn)) return { color: 'gray', text: 'Chưa có kế hoạch' };
  if (m.actualOn) {
    const late = (m.slippageDays ?? 0) > 0;
    return {
      color: late ? 'orange' : 'green',
      icon: <CheckCircleFilled />,
      text: late ? 'Đã đạt, chậm so với kế hoạch' : 'Đã đạt',
    };
  }
  if ((m.slippageDays ?? 0) > 0)
    return { color: 'red', icon: <ExclamationCircleFilled />, text: 'Quá ngày kế hoạch, chưa đạt' };
  return { color: 'blue', icon: <ClockCircleOutlined />, text: 'Chưa đến ngày kế hoạch' };
}

function item(kind: MilestoneKind, m: Milestone | undefined): TimelineItemType {
  const state = stateOf(m);
  return {
    key: kind,
    color: state.color,
    ...(state.icon ? { icon: state.icon } : {}),
    content: (
      <Flex vertical gap={2} data-testid={`milestone-${kind}`} data-state={state.color}>
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{MILESTONE_KIND_LABELS[kind]}</Typography.Text>
          <SlippageTag days={m?.slippageDays ?? null} testId={`milestone-slippage-${kind}`} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {`Kế hoạch: ${formatDate(m?.plannedOn)} · Thực tế: ${m?.actualOn ? formatDate(m.actualOn) : 'chưa đạt'} · ${state.text}`}
        </Typography.Text>
      </Flex>
    ),
  };
}

export function MilestonesSection({ project }: { project: ProjectDetail }) {
  const byKind = new Map(project.milestones.map((m) => [m.kind, m]));
  return (
    <ProjectSection title="Các mốc của dự án" testId="project-milestones">
      <Timeline items={MILESTONE_KINDS.map((kind) => item(kind, byKind.get(kind)))} />
    </ProjectSection>
  );
}
