// The first milestone a project has not reached yet: what, when planned, and how late it is today.
import type { ProjectSummary } from '@features/projects/schema';
import { Flex, Typography } from 'antd';
import { formatDate } from '../../../app/format';
import { MILESTONE_KIND_LABELS } from '../labels';
import { SlippageTag } from './slippage-tag';

export function NextMilestone({ milestone }: { milestone: ProjectSummary['nextMilestone'] }) {
  if (!milestone) return <Typography.Text type="secondary">Chưa có mốc sắp tới</Typography.Text>;
  const late = milestone.slippageDays > 0;
  return (
    <Flex vertical gap={2} align="flex-start" data-testid="project-next-milestone">
      <Typography.Text>{MILESTONE_KIND_LABELS[milestone.kind]}</Typography.Text>
      <Typography.Text type={late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {milestone.plannedOn
          ? `Kế hoạch: ${formatDate(milestone.plannedOn)}`
          : 'Chưa có ngày kế hoạch'}
      </Typography.Text>
      {late && <SlippageTag days={milestone.slippageDays} testId="project-next-slippage" />}
    </Flex>
  );
}
