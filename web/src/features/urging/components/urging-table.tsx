// Overdue and due-soon tasks by lead agency: counts with the overdue age buckets (the server's
// GROUP BY), each row opening on its tasks (server-paged lists); agencies with overdue tasks can be
// ticked for the urging letter.
import type { Urging } from '@features/tasks/schema';
import { Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { TaskList } from '../../my-work/components/task-list';
import { OVERDUE_AGE_LABELS, OVERDUE_AGES } from '../../tasks/labels';

export type AgencyRow = Urging['agencies'][number];

function AgeTags({ row }: { row: AgencyRow }) {
  const buckets = OVERDUE_AGES.filter((age) => row.ages[age] > 0);
  if (buckets.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {buckets.map((age) => (
        <Tag
          key={age}
          color={age === 'under_30' ? 'default' : age === 'over_30' ? 'orange' : 'red'}
          style={{ marginInlineEnd: 0 }}
          data-testid={`age-${age}`}
        >
          {`${OVERDUE_AGE_LABELS[age]}: ${row.ages[age]}`}
        </Tag>
      ))}
    </Flex>
  );
}

function columns(dueSoonDays: number): TableColumnsType<AgencyRow> {
  return [
    {
      title: 'Cơ quan chủ trì',
      key: 'agency',
      render: (_, r) => <Typography.Text strong>{r.agency.name}</Typography.Text>,
    },
    {
      title: 'Số quá hạn',
      key: 'overdue',
      width: 340,
      render: (_, r) => (
        <Flex align="center" gap={8} wrap>
          <Typography.Text
            strong
            type={r.overdue > 0 ? 'danger' : 'secondary'}
            style={{ minWidth: 24 }}
            data-testid="agency-overdue"
          >
            {r.overdue}
          </Typography.Text>
          <AgeTags row={r} />
        </Flex>
      ),
    },
    {
      title: `Sắp đến hạn (${dueSoonDays} ngày)`,
      key: 'dueSoon',
      width: 200,
      align: 'right',
      render: (_, r) => (
        <Typography.Text type={r.dueSoon > 0 ? 'warning' : 'secondary'}>
          {r.dueSoon}
        </Typography.Text>
      ),
    },
  ];
}

function AgencyTasks({
  row,
  dueSoonDays,
  planId,
}: {
  row: AgencyRow;
  dueSoonDays: number;
  planId: string | undefined;
}) {
  const agencyId = row.agency.id;
  return (
    <Flex vertical gap={12} style={{ paddingBlock: 8 }}>
      {row.overdue > 0 && (
        <div>
          <Typography.Text strong>{`Quá hạn (${row.overdue})`}</Typography.Text>
          <TaskList
            filter={{ agencyId, planId, state: 'overdue', sort: 'due' }}
            empty="Không có nhiệm vụ quá hạn."
            testId="urging-agency-overdue"
            hideLead
          />
        </div>
      )}
      {row.dueSoon > 0 && (
        <div>
          <Typography.Text strong>
            {`Sắp đến hạn trong ${dueSoonDays} ngày (${row.dueSoon})`}
          </Typography.Text>
          <TaskList
            filter={{ agencyId, planId, dueSoonDays, sort: 'due' }}
            empty="Không có nhiệm vụ sắp đến hạn."
            testId="urging-agency-due-soon"
            hideLead
          />
        </div>
      )}
    </Flex>
  );
}

type Props = {
  rows: readonly AgencyRow[];
  dueSoonDays: number;
  planId: string | undefined;
  loading: boolean;
  selected: readonly string[];
  onSelect: ((ids: string[]) => void) | null;
};

export function UrgingTable({ rows, dueSoonDays, planId, loading, selected, onSelect }: Props) {
  return (
    <Table<AgencyRow>
      data-testid="urging-table"
      rowKey={(r) => r.agency.id}
      columns={columns(dueSoonDays)}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 700 }}
      pagination={rows.length > 20 && { pageSize: 20, showSizeChanger: false }}
      expandable={{
        expandedRowRender: (r) => <AgencyTasks row={r} dueSoonDays={dueSoonDays} planId={planId} />,
        rowExpandable: (r) => r.overdue + r.dueSoon > 0,
      }}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: [...selected],
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (r) => ({
                disabled: r.overdue === 0,
                'aria-label': `Chọn ${r.agency.name}`,
              }),
            }
          : undefined
      }
      locale={{
        emptyText: loading ? (
          <div style={{ height: 120 }} />
        ) : (
          <Empty
            data-testid="urging-empty"
            description="Không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn."
          />
        ),
      }}
    />
  );
}
