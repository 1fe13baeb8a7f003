// A list of tasks behind a counter (an agency's overdue work, what it coordinates, tasks with no
// lead): what, in which plan, who leads, by when, how far, and the status against the deadline.
// The server filters, orders and pages it (GET /api/tasks); the table asks for one page at a time.
import { describeDeadline } from '@domain/deadline-text';
import type { TaskSummary } from '@features/tasks/schema';
import { Empty, Flex, Progress, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { TaskStatusTag } from '../../tasks/components/task-status-tag';
import { type TaskListFilter, useTaskPage } from '../../tasks/hooks/use-tasks';

const PAGE_SIZE = 10;

function LeadCell({ task }: { task: TaskSummary }) {
  return (
    <Flex vertical gap={2} align="flex-start">
      {task.lead ? (
        <Typography.Text>{task.lead.name}</Typography.Text>
      ) : (
        <Tag color="warning">Chưa có cơ quan chủ trì</Tag>
      )}
      {!task.lead && task.leadAsWritten && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`Theo văn bản: ${task.leadAsWritten}`}
        </Typography.Text>
      )}
      {task.awaitingReassignment && <Tag color="orange">Chờ chọn cơ quan kế thừa</Tag>}
    </Flex>
  );
}

function DeadlineCell({ task }: { task: TaskSummary }) {
  const { status } = task;
  return (
    <Flex vertical gap={2}>
      <Typography.Text>{describeDeadline(task.deadline)}</Typography.Text>
      {status.period && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`Kỳ: ${status.period.label}`}
        </Typography.Text>
      )}
      {status.dueOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`Hạn: ${formatDate(status.dueOn)}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

const columns: TableColumnsType<TaskSummary> = [
  {
    title: 'Nhiệm vụ',
    key: 'title',
    render: (_, t) => (
      <Link to={`/nhiem-vu/${t.id}`} data-testid="task-link">
        {t.code && <Typography.Text type="secondary">{`${t.code}. `}</Typography.Text>}
        {t.title}
      </Link>
    ),
  },
  {
    title: 'Kế hoạch',
    key: 'plan',
    width: 120,
    responsive: ['lg'],
    render: (_, t) => <Link to={`/ke-hoach/${t.plan.id}`}>{t.plan.number ?? 'Chưa có số'}</Link>,
  },
  { title: 'Chủ trì', key: 'lead', width: 200, render: (_, t) => <LeadCell task={t} /> },
  {
    title: 'Thời hạn',
    key: 'deadline',
    width: 170,
    responsive: ['md'],
    render: (_, t) => <DeadlineCell task={t} />,
  },
  {
    title: 'Tiến độ',
    key: 'percent',
    width: 130,
    render: (_, t) =>
      t.percent === null ? (
        <Typography.Text type="secondary">Chưa báo cáo</Typography.Text>
      ) : (
        <Progress
          percent={t.percent}
          size="small"
          format={(p) => `${p ?? 0}%`}
          status={t.percent >= 100 ? 'success' : 'normal'}
        />
      ),
  },
  {
    title: 'Trạng thái',
    key: 'status',
    width: 200,
    render: (_, t) => <TaskStatusTag status={t.status} />,
  },
];

type Props = {
  /** Which tasks, in which order (the server's filters). */
  filter: TaskListFilter;
  empty: string;
  testId?: string;
  /** Leave out the lead (a list of one agency's tasks). */
  hideLead?: boolean;
};

export function TaskList({ filter, empty, testId, hideLead = false }: Props) {
  // Back to the first page whenever the filter changes.
  const key = JSON.stringify(filter);
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const tasks = useTaskPage(filter, page, PAGE_SIZE);
  if (tasks.isError) return <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  const total = tasks.data?.total ?? 0;
  return (
    <Table<TaskSummary>
      data-testid={testId}
      rowKey="id"
      size="middle"
      columns={hideLead ? columns.filter((c) => c.key !== 'lead') : columns}
      dataSource={tasks.data?.items ?? []}
      loading={tasks.isFetching}
      scroll={{ x: 760 }}
      locale={{
        emptyText: tasks.isPending ? (
          <div style={{ height: 80 }} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
        ),
      }}
      pagination={
        total > PAGE_SIZE && {
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: (n) => `${n} nhiệm vụ`,
          onChange: (next) => setPaging({ key, page: next }),
        }
      }
    />
  );
}
