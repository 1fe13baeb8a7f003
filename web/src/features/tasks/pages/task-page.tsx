// /nhiem-vu/:id – one live task: what it is and who carries it, the targets and key projects it
// delivers, then its progress reports, extensions, directions and discussion, the agencies' own
// plans for it and its assignments.
// What a person may do is what the task's `abilities` say.
import { Breadcrumb, Card, Flex, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { ProposeAdjustmentButton } from '../../adjustments/components/propose-button';
import { TaskPeriodsSection } from '../../periods/components/task-periods-section';
import { AgencyPlanSection } from '../components/agency-plan-section';
import { AssignmentSection } from '../components/assignment-section';
import { CommentsSection } from '../components/comments-section';
import { DeliversSection } from '../components/delivers-section';
import { ExtensionSection } from '../components/extension-section';
import { ProgressSection } from '../components/progress-section';
import { TaskHeader } from '../components/task-header';
import { useTask } from '../hooks/use-tasks';

function shortTitle(title: string): string {
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

export function TaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  const data = task.data;

  return (
    <div data-testid="task-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/nhiem-vu">Nhiệm vụ</Link> },
          {
            title: data ? shortTitle(data.code ? `${data.code}. ${data.title}` : data.title) : '…',
          },
        ]}
      />
      {task.isError && <QueryError error={task.error} onRetry={() => void task.refetch()} />}
      {task.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {data && (
        <Flex vertical gap={16}>
          <TaskHeader task={data} />
          <ProposeAdjustmentButton
            subject={{ type: 'task', id: data.id, title: data.title }}
            agencyId={data.lead?.id}
          />
          <DeliversSection task={data} />
          <ProgressSection task={data} />
          <TaskPeriodsSection taskId={data.id} />
          <ExtensionSection task={data} />
          <CommentsSection task={data} />
          <AgencyPlanSection task={data} />
          <AssignmentSection task={data} />
        </Flex>
      )}
    </div>
  );
}
