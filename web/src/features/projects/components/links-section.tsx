// The tasks that deliver the project and the targets it serves (linked by the consolidator).
import type { ProjectDetail } from '@features/projects/schema';
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { ProjectSection } from './project-section';

export function LinksSection({ project }: { project: ProjectDetail }) {
  return (
    <ProjectSection title="Nhiệm vụ và chỉ tiêu liên quan" testId="project-links">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text strong>Nhiệm vụ</Typography.Text>
          {project.tasks.length === 0 ? (
            <div>
              <Typography.Text type="secondary">Chưa gắn nhiệm vụ nào.</Typography.Text>
            </div>
          ) : (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {project.tasks.map((t) => (
                <li key={t.id}>
                  <Link to={`/nhiem-vu/${t.id}`} data-testid="project-task-link">
                    {t.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <Typography.Text strong>Chỉ tiêu</Typography.Text>
          {project.targets.length === 0 ? (
            <div>
              <Typography.Text type="secondary">Chưa gắn chỉ tiêu nào.</Typography.Text>
            </div>
          ) : (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {project.targets.map((t) => (
                <li key={t.id}>
                  <Link to={`/chi-tieu/${t.id}`} data-testid="project-target-link">
                    {t.indicator}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Flex>
    </ProjectSection>
  );
}
