// /dieu-chinh – proposed adjustments of plans (điều chỉnh kế hoạch): the list by state with filters;
// agencies propose a new task here (a change of a task or target from its own page); the
// consolidating department groups waiting proposals into a batch; leadership decides.
import type { Proposal, ProposalState } from '@features/adjustments/schema';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { usePlans } from '../../plans/hooks/use-plans';
import { AgencyPicker, type AgencyValue } from '../../tasks/components/agency-picker';
import { ProposalTable } from '../components/proposal-table';
import { ProposeForm } from '../components/propose-form';
import { useBatches, useCreateBatch, useProposals } from '../hooks/use-adjustments';
import { adjustmentMessage, BATCH_STATE_LABELS, planName, stateOptions } from '../labels';

const PAGE_SIZE = 20;

function BatchModal({ selected, onClose }: { selected: Proposal[]; onClose: () => void }) {
  const create = useCreateBatch();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [opinion, setOpinion] = useState('');
  const plans = new Set(selected.map((p) => p.plan.id));
  const planId = selected[0]?.plan.id;
  return (
    <Modal
      open
      title={`Lập đợt trình lãnh đạo (${selected.length} đề xuất)`}
      onCancel={onClose}
      okText="Lập đợt trình"
      cancelText="Hủy"
      okButtonProps={
        {
          disabled: plans.size !== 1,
          loading: create.isPending,
          'data-testid': 'batch-create-submit',
        } as never
      }
      onOk={() =>
        planId &&
        create.mutate(
          { planId, opinion: opinion.trim(), proposalIds: selected.map((p) => p.id) },
          {
            onSuccess: (b) => {
              void message.success('Đã lập đợt trình. Kiểm tra ý kiến rồi trình lãnh đạo.');
              navigate(`/dieu-chinh/dot/${b.id}`);
            },
            onError: (e) => void message.error(adjustmentMessage(e, errorMessage)),
          },
        )
      }
    >
      {plans.size !== 1 && (
        <Alert
          type="warning"
          showIcon
          title="Các đề xuất trong một đợt phải thuộc cùng một kế hoạch."
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical">
        <Form.Item
          label="Ý kiến của cơ quan tổng hợp"
          extra="Có thể hoàn thiện ở trang đợt trình trước khi trình."
        >
          <Input.TextArea
            rows={5}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            maxLength={20_000}
            data-testid="batch-opinion-new"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AdjustmentsPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [agency, setAgency] = useState<AgencyValue | null>(null);
  const [proposing, setProposing] = useState(false);
  const [selected, setSelected] = useState<Proposal[]>([]);
  const [batching, setBatching] = useState(false);
  const state = (params.get('trang-thai') ?? undefined) as ProposalState | undefined;
  const planId = params.get('ke-hoach') ?? undefined;
  const consolidator = user.role === 'consolidator';
  const staff = user.role === 'agency_head' || user.role === 'agency_officer';
  const plans = usePlans(1, 100);
  const list = useProposals({ planId, state, agencyId: agency?.value }, page, PAGE_SIZE);
  const batches = useBatches(consolidator || user.role === 'leadership');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };

  return (
    <div data-testid="adjustments-page">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Điều chỉnh kế hoạch
        </Typography.Title>
        <Flex gap={8}>
          {consolidator && (
            <Button
              type="primary"
              disabled={selected.length === 0}
              onClick={() => setBatching(true)}
              data-testid="batch-create"
            >
              Lập đợt trình ({selected.length})
            </Button>
          )}
          {staff && (
            <Button
              type="primary"
              onClick={() => setProposing(true)}
              data-testid="propose-add-task"
            >
              Đề xuất bổ sung nhiệm vụ
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">
        Cơ quan chủ trì đề xuất điều chỉnh thời hạn, cơ quan chủ trì, nội dung hoặc bỏ một nhiệm vụ
        từ trang của nhiệm vụ đó, điều chỉnh chỉ tiêu từ trang chỉ tiêu; cơ quan tổng hợp lập đợt
        trình kèm ý kiến; lãnh đạo UBND tỉnh quyết định từng đề xuất. Đề xuất được chấp thuận được
        ghi thành phiên bản mới của kế hoạch.
      </Typography.Paragraph>
      {(consolidator || user.role === 'leadership') && (batches.data?.items.length ?? 0) > 0 && (
        <Card
          title="Đợt trình"
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="batches-card"
        >
          <List
            size="small"
            dataSource={batches.data?.items ?? []}
            renderItem={(b) => (
              <List.Item
                actions={[
                  <Link
                    key="open"
                    to={`/dieu-chinh/dot/${b.id}`}
                    data-testid={`batch-open-${b.id}`}
                  >
                    Xem
                  </Link>,
                ]}
              >
                <Flex gap={8} wrap align="center">
                  <Tag
                    color={
                      b.state === 'decided' ? 'green' : b.state === 'submitted' ? 'blue' : 'gold'
                    }
                  >
                    {BATCH_STATE_LABELS[b.state]}
                  </Tag>
                  <span>
                    {planName(b.plan)} — {b.counts.total} đề xuất
                    {b.counts.total > 0 &&
                      ` (chấp thuận ${b.counts.accepted}, không chấp thuận ${b.counts.rejected}, chờ ${b.counts.pending})`}
                  </span>
                  <Typography.Text type="secondary">
                    {b.submittedAt
                      ? `trình ngày ${formatDate(b.submittedAt.slice(0, 10))}`
                      : `lập ngày ${formatDate(b.createdAt.slice(0, 10))}`}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          aria-label="Kế hoạch"
          prefix="Kế hoạch:"
          allowClear
          placeholder="Tất cả"
          value={planId}
          onChange={(v) => set('ke-hoach', v || undefined)}
          options={(plans.data?.items ?? []).map((p) => ({
            value: p.id,
            label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
          }))}
          style={{ minWidth: 220 }}
          popupMatchSelectWidth={false}
          data-testid="adjustments-plan-filter"
        />
        <Select<ProposalState>
          aria-label="Trạng thái"
          prefix="Trạng thái:"
          allowClear
          placeholder="Tất cả"
          value={state}
          onChange={(v) => set('trang-thai', v || undefined)}
          options={stateOptions}
          style={{ minWidth: 240 }}
          data-testid="adjustments-state-filter"
        />
        <AgencyPicker
          status="all"
          value={agency}
          onChange={(v) => {
            setAgency(v);
            setPage(1);
          }}
          prefix="Cơ quan đề xuất:"
          placeholder="Tất cả"
          style={{ width: 340 }}
          testId="adjustments-agency-filter"
        />
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ProposalTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => `${n} đề xuất`,
          }}
          rowSelection={
            consolidator
              ? {
                  selectedRowKeys: selected.map((p) => p.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (p) => ({
                    disabled: p.state !== 'proposed' || p.batchId !== null,
                    'aria-label': 'Chọn để lập đợt trình',
                  }),
                }
              : undefined
          }
        />
      )}
      {proposing && (
        <ProposeForm subject={{ type: 'plan', planId }} open onClose={() => setProposing(false)} />
      )}
      {batching && (
        <BatchModal
          selected={selected}
          onClose={() => {
            setBatching(false);
            setSelected([]);
          }}
        />
      )}
    </div>
  );
}
