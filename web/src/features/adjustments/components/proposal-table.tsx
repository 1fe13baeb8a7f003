// Proposals as a table: what, from → to, who proposed and why, state; the row opens the details
// (evidence, the decision, the plan revision it was applied in). Actions as the abilities say.
import type { Proposal } from '@features/adjustments/schema';
import { App, Button, Flex, Table, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDate, formatDateTime } from '../../../app/format';
import { useWithdraw } from '../hooks/use-adjustments';
import {
  adjustmentMessage,
  changeLines,
  KIND_LABELS,
  STATE_COLORS,
  STATE_LABELS,
  subjectOf,
} from '../labels';
import { DecisionModal } from './decision-modal';

export function ProposalDetails({ proposal: p }: { proposal: Proposal }) {
  const lines = changeLines(p);
  return (
    <Flex vertical gap={4} data-testid={`proposal-details-${p.id}`}>
      {lines.from && <Typography.Text type="secondary">Hiện nay: {lines.from}</Typography.Text>}
      <Typography.Text>Đề xuất: {lines.to}</Typography.Text>
      <Typography.Text>
        Lý do: {p.reason}
        {p.createdBy ? ` — ${p.createdBy}, ${formatDateTime(p.createdAt)}` : ''}
      </Typography.Text>
      {p.evidence.length > 0 && (
        <Typography.Text>
          Minh chứng:{' '}
          {p.evidence.map((f, i) => (
            <span key={f.id}>
              {i > 0 && ', '}
              <a href={f.url}>{f.fileName}</a>
            </span>
          ))}
        </Typography.Text>
      )}
      {(p.state === 'accepted' || p.state === 'rejected') && (
        <Typography.Text data-testid="proposal-decision">
          {p.state === 'accepted' ? 'Lãnh đạo chấp thuận' : 'Lãnh đạo không chấp thuận'}
          {p.decidedBy ? ` (${p.decidedBy}, ${formatDate(p.decidedAt?.slice(0, 10))})` : ''}
          {p.decisionNote ? `: ${p.decisionNote}` : ''}
          {p.appliedRevision !== null &&
            ` — đã điều chỉnh kế hoạch, phiên bản ${p.appliedRevision}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

type Props = {
  items: Proposal[];
  loading?: boolean;
  pagination?: TableProps<Proposal>['pagination'];
  rowSelection?: TableProps<Proposal>['rowSelection'];
  testId?: string;
};

export function ProposalTable({
  items,
  loading,
  pagination = false,
  rowSelection,
  testId = 'proposals-table',
}: Props) {
  const { message } = App.useApp();
  const withdraw = useWithdraw();
  const [deciding, setDeciding] = useState<Proposal | null>(null);
  const columns: TableProps<Proposal>['columns'] = [
    {
      title: 'Đề xuất',
      key: 'what',
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{KIND_LABELS[p.kind]}</Typography.Text>
          {p.task ? (
            <Link to={`/nhiem-vu/${p.task.id}`}>{subjectOf(p)}</Link>
          ) : p.target ? (
            <Link to={`/chi-tieu/${p.target.id}`}>{subjectOf(p)}</Link>
          ) : (
            <Typography.Text>{subjectOf(p)}</Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            → {changeLines(p).to}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: 'Cơ quan đề xuất', key: 'agency', render: (_, p) => p.agency.name, width: 180 },
    {
      title: 'Ngày',
      key: 'at',
      render: (_, p) => formatDate(p.createdAt.slice(0, 10)),
      width: 110,
    },
    {
      title: 'Trạng thái',
      key: 'state',
      width: 170,
      render: (_, p) => (
        <Tag color={STATE_COLORS[p.state]} data-testid={`proposal-state-${p.id}`}>
          {STATE_LABELS[p.state]}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, p) => (
        <Flex gap={4} wrap>
          <Link to={`/dieu-chinh/${p.id}`} data-testid={`proposal-open-${p.id}`}>
            Chi tiết
          </Link>
          {p.abilities.decide && (
            <Button
              size="small"
              type="primary"
              onClick={() => setDeciding(p)}
              data-testid={`proposal-decide-${p.id}`}
            >
              Quyết định
            </Button>
          )}
          {p.abilities.withdraw && (
            <Button
              size="small"
              loading={withdraw.isPending && withdraw.variables?.id === p.id}
              onClick={() =>
                withdraw.mutate(
                  { id: p.id, version: p.version },
                  {
                    onSuccess: () => void message.success('Đã rút đề xuất.'),
                    onError: (e) => void message.error(adjustmentMessage(e, errorMessage)),
                  },
                )
              }
              data-testid={`proposal-withdraw-${p.id}`}
            >
              Rút
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Table<Proposal>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading ?? false}
        pagination={pagination}
        rowSelection={rowSelection}
        expandable={{ expandedRowRender: (p) => <ProposalDetails proposal={p} /> }}
        scroll={{ x: 760 }}
        locale={{ emptyText: 'Không có đề xuất' }}
        data-testid={testId}
        onRow={(p) =>
          ({ 'data-testid': `proposal-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>
        }
      />
      <DecisionModal proposal={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
