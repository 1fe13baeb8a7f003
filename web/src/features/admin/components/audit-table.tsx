// Audit records, newest first, one page from the server; a row opens to its before and after.
import type { AuditActor, AuditRecord } from '@features/audit/schema';
import { Button, Flex, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { formatDateTime, formatNumber } from '../../../app/format';
import { AUDIT_PAGE_SIZES } from '../audit-params';
import type { AuditFilterValues } from '../hooks/use-audit';
import { actionLabel, entityLabel } from '../labels';
import { JsonDiff } from './json-diff';

function actorName(actor: AuditActor): string {
  switch (actor.kind) {
    case 'user':
      return actor.displayName;
    case 'cli':
      return `Dòng lệnh (${actor.id.slice('cli:'.length) || actor.id})`;
    case 'anonymous':
      return 'Chưa đăng nhập';
    default:
      return actor.id === 'system' ? 'Hệ thống' : actor.displayName;
  }
}

/** A value that narrows the filter when clicked. */
function FilterLink({
  children,
  title,
  onClick,
}: {
  children: React.ReactNode;
  title: string;
  onClick: () => void;
}) {
  return (
    <Tooltip title={title}>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={onClick}>
        {children}
      </Button>
    </Tooltip>
  );
}

type Props = {
  records: readonly AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onFilter: (change: AuditFilterValues) => void;
};

export function AuditTable({
  records,
  total,
  page,
  pageSize,
  loading,
  onPageChange,
  onFilter,
}: Props) {
  const columns: TableColumnsType<AuditRecord> = [
    {
      title: 'Thời gian',
      key: 'at',
      width: 150,
      render: (_, r) => formatDateTime(r.at),
    },
    {
      title: 'Người thực hiện',
      key: 'actor',
      width: 240,
      render: (_, r) => (
        <Flex vertical gap={2} align="start">
          <FilterLink
            title="Chỉ xem thao tác của người này"
            onClick={() => onFilter({ actor: r.actor.id })}
          >
            {actorName(r.actor)}
          </FilterLink>
          {r.actorAgency && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.actorAgency.name}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: 'Đối tượng',
      key: 'entity',
      width: 170,
      render: (_, r) => (
        <FilterLink
          title="Chỉ xem đối tượng loại này"
          onClick={() => onFilter({ entity: r.entity })}
        >
          {entityLabel(r.entity)}
        </FilterLink>
      ),
    },
    {
      title: 'Mã',
      key: 'entityId',
      width: 200,
      render: (_, r) => (
        <Typography.Text
          code
          copyable={{ text: r.entityId, tooltips: ['Sao chép', 'Đã sao chép'] }}
          ellipsis={{ tooltip: r.entityId }}
          style={{ maxWidth: 180, fontSize: 12 }}
        >
          {r.entityId}
        </Typography.Text>
      ),
    },
    {
      title: 'Thao tác',
      key: 'action',
      width: 150,
      render: (_, r) => (
        <span data-testid="audit-action-cell">{actionLabel(r.action, r.entity)}</span>
      ),
    },
    {
      title: 'Mã yêu cầu',
      key: 'requestId',
      width: 150,
      render: (_, r) =>
        r.requestId ? (
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: r.requestId }}
            style={{ maxWidth: 140, fontSize: 12 }}
          >
            {r.requestId}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Table<AuditRecord>
      data-testid="audit-table"
      rowKey="id"
      columns={columns}
      dataSource={records}
      loading={loading}
      size="middle"
      scroll={{ x: 1100 }}
      expandable={{
        expandedRowRender: (r) => <JsonDiff before={r.before} after={r.after} />,
      }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: AUDIT_PAGE_SIZES.map(String),
        showTotal: (n) => `${formatNumber(n)} bản ghi`,
        onChange: onPageChange,
      }}
      onRow={() => ({ 'data-testid': 'audit-row' }) as React.HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: loading ? <div style={{ height: 120 }} /> : 'Không có bản ghi nào khớp bộ lọc.',
      }}
    />
  );
}
