// Tasks a split or an abolition left without a lead (or a coordinator): a person chooses, among
// the agencies the registry names as successors, who takes the task over. Resolved ones can be
// shown too: who chose what, and when.
import type { ReassignmentReview } from '@features/reorganisation/schema';
import { App, Button, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDate, formatDateTime } from '../../../app/format';
import { AgencyLink } from '../../agencies/components/agency-link';
import { useResolveReview } from '../hooks/use-reorganisation';
import { REVIEW_ROLE_LABELS, SUCCESSION_KIND_LABELS } from '../labels';
import { filterByLabel } from '../search';

function Decision({ review }: { review: ReassignmentReview }) {
  const { message } = App.useApp();
  const resolve = useResolveReview();
  const [chosen, setChosen] = useState<string | null>(
    review.candidates.length === 1 ? (review.candidates[0]?.id ?? null) : null,
  );
  const options = review.candidates.map((a) => ({ value: a.id, label: a.name }));
  const confirm = () => {
    if (!chosen) return;
    const name = options.find((o) => o.value === chosen)?.label ?? '';
    resolve.mutate(
      { id: review.id, body: { agencyId: chosen } },
      {
        onSuccess: () =>
          void message.success(
            `Đã giao ${name} ${review.role === 'lead' ? 'chủ trì' : 'phối hợp'} nhiệm vụ.`,
          ),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };
  return (
    <Flex gap={8} wrap>
      <Select<string | null>
        value={chosen}
        onChange={setChosen}
        options={options}
        placeholder={`Chọn trong ${options.length} cơ quan`}
        showSearch={{ filterOption: filterByLabel }}
        notFoundContent="Không có cơ quan phù hợp"
        style={{ width: 190 }}
        disabled={resolve.isPending}
        data-testid="review-candidate"
        aria-label="Cơ quan tiếp nhận"
      />
      <Button
        type="primary"
        disabled={!chosen}
        loading={resolve.isPending}
        onClick={confirm}
        data-testid="review-resolve"
      >
        Xác nhận
      </Button>
    </Flex>
  );
}

function Outcome({ review }: { review: ReassignmentReview }) {
  if (review.status === 'resolved') {
    return (
      <Flex vertical gap={2} data-testid="review-outcome">
        {review.chosenAgency ? (
          <AgencyLink agency={review.chosenAgency} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Chọn bởi {review.resolvedBy ?? '—'}, {formatDateTime(review.resolvedAt)}
        </Typography.Text>
      </Flex>
    );
  }
  if (review.abilities.resolve) return <Decision review={review} />;
  return (
    <Typography.Text type="secondary">
      Chờ chọn trong {review.candidates.length} cơ quan kế thừa
    </Typography.Text>
  );
}

type Props = { reviews: readonly ReassignmentReview[]; loading: boolean; showResolved: boolean };

export function ReviewQueue({ reviews, loading, showResolved }: Props) {
  const columns: TableColumnsType<ReassignmentReview> = [
    {
      title: 'Nhiệm vụ',
      key: 'task',
      width: 280,
      render: (_, r) => (
        <Link to={`/nhiem-vu/${encodeURIComponent(r.task.id)}`} data-testid="review-task">
          {r.task.code ? `${r.task.code}. ` : ''}
          {r.task.title}
        </Link>
      ),
    },
    {
      title: 'Kế hoạch',
      key: 'plan',
      width: 100,
      render: (_, r) => (
        <Link to={`/ke-hoach/${encodeURIComponent(r.task.plan.id)}`}>
          {r.task.plan.number ?? 'Kế hoạch'}
        </Link>
      ),
    },
    {
      title: 'Cơ quan cũ',
      key: 'former',
      width: 180,
      render: (_, r) => (
        <Flex vertical gap={2}>
          {r.former.agency ? (
            <AgencyLink agency={r.former.agency} />
          ) : (
            <Typography.Text>{r.former.asWritten}</Typography.Text>
          )}
          {r.former.agency && r.former.asWritten !== r.former.agency.name && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Văn bản ghi: “{r.former.asWritten}”
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: 'Vai trò',
      key: 'role',
      width: 90,
      render: (_, r) => (
        <Tag color={r.role === 'lead' ? 'blue' : 'default'}>{REVIEW_ROLE_LABELS[r.role]}</Tag>
      ),
    },
    {
      title: 'Sắp xếp',
      key: 'succession',
      width: 110,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>{SUCCESSION_KIND_LABELS[r.succession.kind]}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            từ {formatDate(r.succession.effectiveOn)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Cơ quan tiếp nhận',
      key: 'decision',
      width: 290,
      render: (_, r) => <Outcome review={r} />,
    },
  ];

  return (
    <Table<ReassignmentReview>
      data-testid="review-table"
      rowKey="id"
      columns={columns}
      dataSource={reviews}
      loading={loading}
      scroll={{ x: 1050 }}
      size="middle"
      pagination={
        reviews.length > 20 && {
          pageSize: 20,
          showSizeChanger: false,
          showTotal: (n) => `${n} nhiệm vụ`,
        }
      }
      onRow={(r) =>
        ({
          'data-testid': 'review-row',
          'data-status': r.status,
        }) as React.HTMLAttributes<HTMLElement>
      }
      locale={{
        emptyText: loading ? (
          <div style={{ height: 120 }} />
        ) : showResolved ? (
          'Chưa có nhiệm vụ nào phải chọn cơ quan tiếp nhận.'
        ) : (
          'Không có nhiệm vụ nào đang chờ chọn cơ quan chủ trì mới.'
        ),
      }}
    />
  );
}
