// What the task delivers: the targets and key projects the consolidating department linked it to
// (from their pages). Shown only when there is something to show.
import type { TaskDetail } from '@features/tasks/schema';
import { List, Typography } from 'antd';
import { Link } from 'react-router';
import { TaskSection } from './task-section';

export function DeliversSection({ task }: { task: TaskDetail }) {
  if (task.targets.length === 0 && task.projects.length === 0) return null;
  return (
    <TaskSection title="Chỉ tiêu và dự án liên quan" testId="task-delivers">
      {task.targets.length > 0 && (
        <>
          <Typography.Text strong>Chỉ tiêu</Typography.Text>
          <List
            size="small"
            dataSource={task.targets}
            renderItem={(t) => (
              <List.Item>
                <Link to={`/chi-tieu/${t.id}`} data-testid="task-target-link">
                  {t.indicator}
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
      {task.projects.length > 0 && (
        <>
          <Typography.Text strong>Dự án trọng điểm</Typography.Text>
          <List
            size="small"
            dataSource={task.projects}
            renderItem={(p) => (
              <List.Item>
                <Link to={`/du-an/${p.id}`} data-testid="task-project-link">
                  {p.name}
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
    </TaskSection>
  );
}
