// "Giải phóng mặt bằng và thi công": how much of the site is cleared (in ha or households) and how
// far construction is, as of the latest approved monthly update.
import type { ProjectDetail } from '@features/projects/schema';
import { Descriptions, Progress, Typography } from 'antd';
import { formatDecimal } from '../../../app/format';
import { barPercent, formatPercent } from '../figures';
import { CLEARANCE_UNIT_LABELS } from '../labels';
import { ProjectSection } from './project-section';

function monthOf(iso: string | null): string | null {
  const match = iso ? /^(\d{4})-(\d{2})/.exec(iso) : null;
  return match ? `tháng ${Number(match[2])}/${match[1]}` : null;
}

export function SiteSection({ project }: { project: ProjectDetail }) {
  const { unit, total, done, percent } = project.clearance;
  const unitLabel = unit ? CLEARANCE_UNIT_LABELS[unit] : '';
  const asOf = monthOf(project.lastUpdatedOn);
  return (
    <ProjectSection title="Giải phóng mặt bằng và thi công" testId="project-site">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'clearance',
            label: 'GPMB',
            children: (
              <div style={{ width: '100%' }}>
                {percent !== null && <Progress percent={barPercent(percent)} showInfo={false} />}
                <Typography.Text data-testid="project-clearance-detail">
                  {done === null && total === null
                    ? 'Chưa có số liệu'
                    : `Đã bàn giao ${done === null ? '—' : formatDecimal(done, 3)}${
                        total === null ? '' : ` / ${formatDecimal(total, 3)}`
                      } ${unitLabel}${percent === null ? '' : ` (${formatPercent(percent)})`}`}
                </Typography.Text>
              </div>
            ),
          },
          {
            key: 'construction',
            label: 'Thi công',
            children:
              project.constructionPercent === null ? (
                'Chưa có số liệu'
              ) : (
                <Progress
                  percent={project.constructionPercent}
                  format={(p) => `${p ?? 0}%`}
                  data-testid="project-construction-detail"
                />
              ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {asOf
          ? `Theo báo cáo đã duyệt gần nhất: ${asOf}.`
          : 'Chưa có báo cáo tháng nào được duyệt.'}
      </Typography.Text>
    </ProjectSection>
  );
}
