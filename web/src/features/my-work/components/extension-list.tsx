// For the consolidating department: extension requests waiting for a decision, decided on the
// task's page.
import { ArrowRightOutlined } from '@ant-design/icons';
import type { MyWork } from '@features/tasks/schema';
import { Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format';

type Row = MyWork['pendingExtensions'][number];

const columns: TableColumnsType<Row> = [
  {
    title: 'Nhiệm vụ',
    key: 'task',
    render: (_, r) => (
      <Link to={`/nhiem-vu/${r.task.id}`} data-testid="extension-task-link">
        {r.task.title}
      </Link>
    ),
  },
  {
    title: 'Cơ quan đề nghị',
    key: 'agency',
    width: 200,
    render: (_, r) => (
      <Flex vertical gap={2}>
        <Typography.Text>{r.request.agency.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`${r.request.requestedBy.displayName}, ${formatDateTime(r.request.requestedAt)}`}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: 'Thời hạn',
    key: 'dates',
    width: 210,
    render: (_, r) => (
      <Flex align="center" gap={6} wrap>
        <Typography.Text>{formatDate(r.request.currentDueOn)}</Typography.Text>
        <ArrowRightOutlined aria-label="đề nghị gia hạn đến" />
        <Typography.Text strong>{formatDate(r.request.proposedDueOn)}</Typography.Text>
      </Flex>
    ),
  },
  {
    title: 'Lý do',
    key: 'reason',
    responsive: ['md'],
    render: (_, r) => (
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
        {r.request.reason}
      </Typography.Paragraph>
    ),
  },
  {
    title: '',
    key: 'open',
    width: 150,
    render: (_, r) => <Link to={`/nhiem-vu/${r.task.id}`}>Xem và quyết định</Link>,
  },
];

export function ExtensionList({ rows }: { rows: MyWork['pendingExtensions'] }) {
  return (
    <Table<Row>
      data-testid="extension-list"
      rowKey={(r) => r.request.id}
      size="middle"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 760 }}
      pagination={rows.length > 10 && { pageSize: 10, showSizeChanger: false }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="Không có đề nghị gia hạn nào chờ quyết định."
          />
        ),
      }}
    />
  );
}
