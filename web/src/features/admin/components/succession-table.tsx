// The tenant's agency successions: the former agency, how it ended, its successors, the unfinished
// tasks it still holds, whether the succession was applied to them, and the button that applies it.
import { CheckCircleOutlined } from '@ant-design/icons';
import type { Succession } from '@features/reorganisation/schema';
import {
  App,
  Button,
  Flex,
  Popconfirm,
  Popover,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { errorMessage } from '../../../app/api';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { AgencyLink } from '../../agencies/components/agency-link';
import { useApplySuccession } from '../hooks/use-reorganisation';
import { SUCCESSION_KIND_COLORS, SUCCESSION_KIND_LABELS } from '../labels';

/** Up to this many successors are listed in the row; more are counted, listed on demand. */
const LISTED_SUCCESSORS = 3;

function Successors({ succession }: { succession: Succession }) {
  const { successors } = succession;
  if (successors.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (successors.length <= LISTED_SUCCESSORS) {
    return (
      <Flex vertical gap={2}>
        {successors.map((a) => (
          <AgencyLink key={a.id} agency={a} />
        ))}
      </Flex>
    );
  }
  return (
    <Popover
      trigger="click"
      title={`${successors.length} cơ quan kế thừa`}
      content={
        <ol
          style={{ maxHeight: 320, overflowY: 'auto', margin: 0, paddingInlineStart: 24 }}
          data-testid="succession-successor-list"
        >
          {successors.map((a) => (
            <li key={a.id}>
              <AgencyLink agency={a} />
            </li>
          ))}
        </ol>
      }
    >
      <Button type="link" size="small" style={{ padding: 0 }} data-testid="succession-successors">
        {successors.length} cơ quan kế thừa
      </Button>
    </Popover>
  );
}

function AppliedState({ succession }: { succession: Succession }) {
  const { applied } = succession;
  if (!applied) return <Tag data-testid="succession-state">Chưa áp dụng</Tag>;
  return (
    <Flex vertical gap={2}>
      <span>
        <Tag color="green" icon={<CheckCircleOutlined />} data-testid="succession-state">
          Đã áp dụng
        </Tag>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(applied.at)} bởi {applied.by}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 12 }} data-testid="succession-counts">
        {formatNumber(applied.movedTasks)} chuyển, {formatNumber(applied.queuedTasks)} chờ chọn
      </Typography.Text>
    </Flex>
  );
}

/** What applying will do, in the confirmation. */
function applyDescription(s: Succession): string {
  const since = formatDate(s.effectiveOn);
  const tasks =
    s.openTasks > 0
      ? `${formatNumber(s.openTasks)} nhiệm vụ đang thực hiện`
      : 'Các nhiệm vụ đang thực hiện (hiện chưa có)';
  if (s.kind === 'merge') {
    const successor = s.successors[0]?.name ?? 'cơ quan kế thừa';
    return `${tasks} của ${s.predecessor.name} sẽ chuyển sang ${successor} từ ngày ${since}. Lịch sử vẫn ghi cơ quan cũ phụ trách trước ngày đó.`;
  }
  return `${tasks} của ${s.predecessor.name} sẽ vào danh sách chờ: người có thẩm quyền chọn cơ quan tiếp nhận trong số ${formatNumber(s.successors.length)} cơ quan kế thừa, có hiệu lực từ ngày ${since}.`;
}

function ApplyButton({ succession }: { succession: Succession }) {
  const { message } = App.useApp();
  const apply = useApplySuccession();
  return (
    <Popconfirm
      title={`Áp dụng: ${SUCCESSION_KIND_LABELS[succession.kind].toLowerCase()} ${succession.predecessor.name}?`}
      description={
        <div style={{ maxWidth: 360 }}>
          {applyDescription(succession)} Mỗi sắp xếp chỉ áp dụng một lần.
        </div>
      }
      okText="Áp dụng"
      cancelText="Hủy"
      onConfirm={() =>
        apply.mutateAsync(succession.id).then(
          (result) =>
            void message.success(
              `Đã áp dụng: ${formatNumber(result.movedTasks)} nhiệm vụ chuyển sang cơ quan kế thừa, ${formatNumber(result.queuedTasks)} nhiệm vụ chờ chọn cơ quan tiếp nhận.`,
            ),
          (error: unknown) => void message.error(errorMessage(error)),
        )
      }
    >
      <Button type="primary" size="small" loading={apply.isPending} data-testid="succession-apply">
        Áp dụng
      </Button>
    </Popconfirm>
  );
}

type Props = { successions: readonly Succession[]; loading: boolean };

export function SuccessionTable({ successions, loading }: Props) {
  // The button column only when there is something to apply (administrators).
  const applicable = successions.some((s) => s.abilities.apply && !s.applied);
  const columns: TableColumnsType<Succession> = [
    {
      title: 'Cơ quan cũ',
      key: 'predecessor',
      render: (_, s) => <AgencyLink agency={s.predecessor} />,
    },
    {
      title: 'Hình thức',
      key: 'kind',
      width: 110,
      render: (_, s) => (
        <Tag color={SUCCESSION_KIND_COLORS[s.kind]} data-testid="succession-kind">
          {SUCCESSION_KIND_LABELS[s.kind]}
        </Tag>
      ),
    },
    {
      title: 'Ngày hiệu lực',
      key: 'effectiveOn',
      width: 120,
      render: (_, s) => formatDate(s.effectiveOn),
    },
    {
      title: 'Cơ quan kế thừa',
      key: 'successors',
      render: (_, s) => <Successors succession={s} />,
    },
    {
      title: 'Nhiệm vụ đang thực hiện bị ảnh hưởng',
      key: 'openTasks',
      width: 170,
      align: 'right',
      render: (_, s) => (
        <span data-testid="succession-open-tasks">{formatNumber(s.openTasks)}</span>
      ),
    },
    {
      title: 'Trạng thái',
      key: 'state',
      width: 230,
      render: (_, s) => <AppliedState succession={s} />,
    },
  ];
  if (applicable) {
    columns.push({
      title: '',
      key: 'actions',
      width: 100,
      render: (_, s) => (s.abilities.apply && !s.applied ? <ApplyButton succession={s} /> : null),
    });
  }

  return (
    <Table<Succession>
      data-testid="succession-table"
      rowKey="id"
      columns={columns}
      dataSource={successions}
      loading={loading}
      scroll={{ x: 1000 }}
      pagination={false}
      size="middle"
      onRow={() => ({ 'data-testid': 'succession-row' }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : 'Chưa có sắp xếp nào.' }}
    />
  );
}
