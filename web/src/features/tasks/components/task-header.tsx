// The top of a task page: what the task is, in which plan, its status and progress, then the facts
// (who leads today and who the document named, who coordinates, the deadline, the output, the text).
import { describeDeadline } from '@domain/deadline-text';
import type { TaskDetail } from '@features/tasks/schema';
import {
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Grid,
  Progress,
  Tag,
  Typography,
} from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { AgencyLink } from '../../agencies/components/agency-link';
import { CollapsibleText } from '../../plans/components/collapsible-text';
import { TaskStatusTag } from './task-status-tag';

function progressStatus(task: TaskDetail): 'success' | 'exception' | 'normal' {
  if (task.status.state === 'done_on_time' || task.status.state === 'done_late') return 'success';
  if (task.status.state === 'overdue') return 'exception';
  return 'normal';
}

/** The plan the task belongs to: its number, or its title on one line when it has none. */
function PlanLink({ task }: { task: TaskDetail }) {
  const { number, title } = task.plan;
  const text = number ? `Kế hoạch số ${number}` : (title ?? 'Kế hoạch chưa có số');
  return (
    <Link
      to={`/ke-hoach/${task.plan.id}`}
      title={title ?? undefined}
      data-testid="task-plan-link"
      style={{
        flex: '1 1 240px',
        minWidth: 0,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
      }}
    >
      {text}
    </Link>
  );
}

function NamedLead({ task }: { task: TaskDetail }) {
  if (task.namedLead) {
    const differs = task.leadAsWritten && task.leadAsWritten !== task.namedLead.name;
    return (
      <span data-testid="task-named-lead">
        <AgencyLink agency={task.namedLead} />
        {differs && (
          <Typography.Text type="secondary">{` (văn bản ghi: ${task.leadAsWritten})`}</Typography.Text>
        )}
      </span>
    );
  }
  return <span data-testid="task-named-lead">{task.leadAsWritten ?? '—'}</span>;
}

function Deadline({ task }: { task: TaskDetail }) {
  const { period } = task.status;
  return (
    <Flex vertical gap={2} data-testid="task-deadline">
      <span>
        {task.deadline.kind === 'none' && task.assignedDueOn
          ? `Trước ngày ${formatDate(task.assignedDueOn)} (theo phân công; kế hoạch không nêu thời hạn)`
          : describeDeadline(task.deadline)}
        {task.plannedDueOn && task.deadline.kind !== 'date' && (
          <Typography.Text type="secondary">{` (hạn: ${formatDate(task.plannedDueOn)})`}</Typography.Text>
        )}
      </span>
      {task.extendedDueOn && (
        <span>
          <Tag color="blue" data-testid="task-extended">
            {`Đã gia hạn đến ${formatDate(task.extendedDueOn)}`}
          </Tag>
        </span>
      )}
      {period && (
        <Typography.Text type="secondary">
          {`Kỳ đánh giá: ${period.label}, hạn báo cáo ${formatDate(period.submissionDueOn)}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function TaskHeader({ task }: { task: TaskDetail }) {
  const screens = Grid.useBreakpoint();
  const items: DescriptionsProps['items'] = [
    {
      key: 'lead',
      label: 'Cơ quan chủ trì hiện nay',
      children: task.lead ? (
        <span data-testid="task-lead">
          <AgencyLink agency={task.lead} />
        </span>
      ) : (
        <Tag color="warning" data-testid="task-lead">
          Chưa phân công
        </Tag>
      ),
    },
    { key: 'named', label: 'Theo văn bản', children: <NamedLead task={task} /> },
    {
      key: 'coordinators',
      label: 'Phối hợp',
      span: 'filled',
      children:
        task.coordinators.length > 0 ? (
          <span data-testid="task-coordinators">
            {task.coordinators.map((a, i) => (
              <Fragment key={a.id}>
                {i > 0 && '; '}
                <AgencyLink agency={a} />
              </Fragment>
            ))}
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'deadline', label: 'Thời hạn', children: <Deadline task={task} /> },
    ...(task.completedOn
      ? [{ key: 'completed', label: 'Ngày hoàn thành', children: formatDate(task.completedOn) }]
      : []),
    ...(task.sector ? [{ key: 'sector', label: 'Lĩnh vực', children: task.sector }] : []),
    ...(task.expectedOutput
      ? [
          {
            key: 'output',
            label: 'Sản phẩm',
            span: 'filled' as const,
            children: task.expectedOutput,
          },
        ]
      : []),
    ...(task.body
      ? [
          {
            key: 'body',
            label: 'Nội dung',
            span: 'filled' as const,
            children: <CollapsibleText text={task.body} />,
          },
        ]
      : []),
  ];

  return (
    <Card data-testid="task-header">
      <Flex vertical gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="task-title">
          {task.code && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 'inherit' }}
            >{`${task.code}. `}</Typography.Text>
          )}
          {task.title}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          <TaskStatusTag status={task.status} />
          {task.awaitingReassignment && (
            <Tag
              color="orange"
              data-testid="task-awaiting-reassignment"
              style={{ marginInlineEnd: 0 }}
            >
              Chờ chọn cơ quan kế thừa
            </Tag>
          )}
          <PlanLink task={task} />
        </Flex>
        <Flex align="center" gap={12} style={{ maxWidth: 560 }} data-testid="task-progress">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            Tiến độ
          </Typography.Text>
          {task.percent === null ? (
            <Typography.Text type="secondary">
              {task.progress.length === 0
                ? 'Chưa có báo cáo tiến độ'
                : 'Chưa có báo cáo tiến độ được duyệt'}
            </Typography.Text>
          ) : (
            <Progress
              percent={task.percent}
              status={progressStatus(task)}
              format={(p) => `${p ?? 0}%`}
              style={{ flex: 1, margin: 0 }}
            />
          )}
        </Flex>
        <Descriptions
          items={items}
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          size="small"
          bordered
          styles={{ label: { width: screens.sm ? 190 : undefined } }}
        />
      </Flex>
    </Card>
  );
}
