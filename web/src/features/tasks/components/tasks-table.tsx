// Live tasks as a table with server-side pagination and order: what, in which plan, who leads, by
// when (the column sorts by deadline), how far, and the status against the deadline.
import { describeDeadline } from '@domain/deadline-text';
import type { TaskSummary } from '@features/tasks/schema';
import { Empty, Flex, Progress, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { PAGE_SIZES, type TaskSort } from '../search-params';
import { TaskStatusTag } from './task-status-tag';

export function LeadCell({ task }: { task: TaskSummary }) {
  return (
    <Flex vertical gap={2} align="flex-start">
      {task.lead ? (
        <Typography.Text>{task.lead.name}</Typography.Text>
      ) : (
        <Tag color="warning" data-testid="task-unassigned">
          Chưa phân công
        </Tag>
      )}
      {!task.lead && task.leadAsWritten && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`Theo văn bản: ${task.leadAsWritten}`}
        </Typography.Text>
      )}
      {task.awaitingReassignment && (
        <Tag color="orange" data-testid="task-awaiting-reassignment">
          Chờ chọn cơ quan kế thừa
        </Tag>
      )}
    </Flex>
  );
}

function columnsFor(sort: TaskSort): TableColumnsType<TaskSummary> {
  return columns.map((c) =>
    c.key === 'deadline'
      ? {
          ...c,
          sorter: true,
          sortOrder: sort === 'due' ? 'ascend' : null,
          sortDirections: ['ascend'],
          showSorterTooltip: { title: 'Sắp xếp theo thời hạn' },
        }
      : c,
  );
}

const columns: TableColumnsType<TaskSummary> = [
  {
    title: 'Nhiệm vụ',
    key: 'title',
    minWidth: 260,
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
    width: 110,
    responsive: ['xl'],
    render: (_, t) => <Link to={`/ke-hoach/${t.plan.id}`}>{t.plan.number ?? 'Chưa có số'}</Link>,
  },
  {
    title: 'Chủ trì',
    key: 'lead',
    width: 200,
    render: (_, t) => <LeadCell task={t} />,
  },
  {
    title: 'Thời hạn',
    key: 'deadline',
    width: 150,
    responsive: ['md'],
    render: (_, t) => (
      <Flex vertical gap={2}>
        <Typography.Text>{describeDeadline(t.deadline)}</Typography.Text>
        {t.status.dueOn && !(t.deadline.kind === 'date' && t.deadline.date === t.status.dueOn) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`Hạn: ${formatDate(t.status.dueOn)}`}
          </Typography.Text>
        )}
      </Flex>
    ),
  },
  {
    title: 'Tiến độ',
    key: 'percent',
    width: 130,
    render: (_, t) =>
      t.percent === null ? (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          Chưa báo cáo
        </Typography.Text>
      ) : (
        <Progress
          percent={t.percent}
          size="small"
          format={(p) => `${p ?? 0}%`}
          status={t.percent >= 100 ? 'success' : 'normal'}
          data-testid="task-percent"
        />
      ),
  },
  {
    title: 'Trạng thái',
    key: 'status',
    width: 170,
    render: (_, t) => <TaskStatusTag status={t.status} />,
  },
];

type Props = {
  tasks: TaskSummary[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  filtered: boolean;
  sort: TaskSort;
  onSortChange: (sort: TaskSort) => void;
  onPageChange: (page: number, pageSize: number) => void;
};

export function TasksTable({
  tasks,
  total,
  page,
  pageSize,
  loading,
  filtered,
  sort,
  onSortChange,
  onPageChange,
}: Props) {
  return (
    <Table<TaskSummary>
      data-testid="tasks-table"
      rowKey="id"
      columns={columnsFor(sort)}
      onChange={(_pagination, _filters, sorter, extra) => {
        if (extra.action !== 'sort') return;
        const order = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
        onSortChange(order === 'ascend' ? 'due' : 'plan');
      }}
      dataSource={tasks}
      loading={loading}
      scroll={{ x: 760 }}
      locale={{
        emptyText: loading ? (
          <div style={{ height: 160 }} />
        ) : (
          <Empty
            data-testid="tasks-empty"
            description={
              filtered ? 'Không có nhiệm vụ nào khớp bộ lọc' : 'Chưa có nhiệm vụ nào được theo dõi'
            }
          />
        ),
      }}
      pagination={
        total > 0 && {
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (n) => `${n} nhiệm vụ`,
          onChange: onPageChange,
        }
      }
    />
  );
}
