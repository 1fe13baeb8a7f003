// A project's disbursement against the year's capital plan: a bar for the eye, and the exact
// figures beside it ("đã giải ngân 12,5 / 40 tỷ đồng (31,25%)").
import type { ProjectSummary } from '@features/projects/schema';
import { Flex, Progress, Typography } from 'antd';
import { barPercent, disbursementText } from '../figures';

export function DisbursementBar({
  project,
  size = 'small',
}: {
  project: Pick<ProjectSummary, 'disbursed' | 'capitalPlanned' | 'disbursedPercent' | 'year'>;
  size?: 'small' | 'default';
}) {
  const text = disbursementText(project);
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      {project.disbursedPercent !== null && (
        <Progress
          percent={barPercent(project.disbursedPercent)}
          showInfo={false}
          size={size === 'small' ? 'small' : 'default'}
          status={barPercent(project.disbursedPercent) >= 100 ? 'success' : 'normal'}
          aria-label={`Giải ngân năm ${project.year}: ${text}`}
          style={{ margin: 0 }}
        />
      )}
      <Typography.Text
        style={{ fontSize: size === 'small' ? 12 : 14 }}
        type={project.disbursedPercent === null ? 'secondary' : undefined}
        data-testid="project-disbursed-percent"
      >
        {text}
      </Typography.Text>
    </Flex>
  );
}
