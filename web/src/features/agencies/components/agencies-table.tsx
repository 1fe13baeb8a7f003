// The agency registry as a table; a row opens the agency's detail.
import type { AgencySummary } from '@features/agencies/schema';
import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import { AGENCY_KIND_LABELS } from '../labels';
import { PAGE_SIZES } from '../search-params';
import { AgencyLink } from './agency-link';
import { AgencyStatusTag, inForceSince } from './agency-status-tag';

const columns: TableColumnsType<AgencySummary> = [
  { title: 'Mã', dataIndex: 'code', key: 'code', width: 110, responsive: ['sm'] },
  {
    title: 'Tên',
    key: 'name',
    render: (_, a) => (
      <Flex vertical>
        <AgencyLink agency={a} />
        {a.shortName && a.shortName !== a.name && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.shortName}
          </Typography.Text>
        )}
      </Flex>
    ),
  },
  {
    title: 'Loại',
    key: 'kind',
    width: 170,
    responsive: ['md'],
    render: (_, a) => AGENCY_KIND_LABELS[a.kind],
  },
  {
    title: 'Hiệu lực',
    key: 'inForce',
    width: 230,
    render: (_, a) => {
      const since = inForceSince(a);
      return (
        <Flex vertical gap={2} align="flex-start">
          {since && <Typography.Text>{since}</Typography.Text>}
          <AgencyStatusTag agency={a} />
        </Flex>
      );
    },
  },
];

type Props = {
  agencies: AgencySummary[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  selectedId: string | null;
  onPageChange: (page: number, pageSize: number) => void;
  onOpen: (id: string) => void;
};

export function AgenciesTable(props: Props) {
  const { agencies, total, page, pageSize, loading, selectedId, onPageChange, onOpen } = props;
  return (
    <Table<AgencySummary>
      data-testid="agencies-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={agencies}
      loading={loading}
      locale={{
        emptyText: loading ? (
          <div style={{ height: 120 }} />
        ) : (
          'Không có cơ quan, đơn vị nào phù hợp.'
        ),
      }}
      rowClassName={(a) => (a.id === selectedId ? 'ant-table-row-selected' : '')}
      onRow={(a) => ({
        onClick: (e) => {
          // Let the name link and modified clicks (new tab) do their own thing.
          if ((e.target as HTMLElement).closest('a')) return;
          onOpen(a.id);
        },
        style: { cursor: 'pointer' },
        'data-testid': 'agency-row',
      })}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (n) => `${n} cơ quan, đơn vị`,
        onChange: onPageChange,
      }}
    />
  );
}
