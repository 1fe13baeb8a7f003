// For an agency's head: progress reports of the agency waiting for approval. Approving or returning
// one happens on the task's page.
import type { MyWork } from '@features/tasks/schema';
import { Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';

type Row = MyWork['awaitingApproval'][number];

const columns: TableColumnsType<Row> = [
  {
    title: 'Nhiệm vụ',
    key: 'task',
    render: (_, r) => (
      <Link to={`/nhiem-vu/${r.task.id}`} data-testid="approval-task-link">
        {r.task.title}
      </Link>
    ),
  },
  {
    title: 'Người báo cáo',
    key: 'who',
    width: 180,
    render: (_, r) => r.update.createdBy.displayName,
  },
  {
    title: 'Ngày báo cáo',
    key: 'date',
    width: 120,
    render: (_, r) => formatDate(r.update.reportedOn),
  },
  {
    title: 'Tỷ lệ',
    key: 'percent',
    width: 110,
    align: 'right',
    render: (_, r) =>
      r.update.kind === 'contribution' ? (
        <Tag>Ý kiến phối hợp</Tag>
      ) : r.update.percent === null ? (
        '—'
      ) : (
        `${r.update.percent}%`
      ),
  },
  {
    title: 'Nội dung',
    key: 'narrative',
    responsive: ['md'],
    render: (_, r) => (
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
        {r.update.narrative}
      </Typography.Paragraph>
    ),
  },
  {
    title: '',
    key: 'open',
    width: 130,
    render: (_, r) => <Link to={`/nhiem-vu/${r.task.id}`}>Xem và duyệt</Link>,
  },
];

export function ApprovalList({ rows }: { rows: MyWork['awaitingApproval'] }) {
  return (
    <Table<Row>
      data-testid="approval-list"
      rowKey={(r) => r.update.id}
      size="middle"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 700 }}
      pagination={rows.length > 10 && { pageSize: 10, showSizeChanger: false }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="Không có báo cáo tiến độ nào chờ duyệt."
          />
        ),
      }}
    />
  );
}
