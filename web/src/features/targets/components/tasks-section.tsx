// The tasks that deliver the target (linked by the consolidator; the task shows the target too).
import type { TargetDetail } from '@features/targets/schema';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { TargetSection } from './target-section';

export function TasksSection({ target }: { target: TargetDetail }) {
  return (
    <TargetSection title="Nhiệm vụ thực hiện chỉ tiêu" testId="target-tasks">
      {target.tasks.length === 0 ? (
        <Typography.Text type="secondary">Chưa gắn nhiệm vụ nào.</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {target.tasks.map((t) => (
            <li key={t.id}>
              <Link to={`/nhiem-vu/${t.id}`} data-testid="target-task-link">
                {t.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </TargetSection>
  );
}
