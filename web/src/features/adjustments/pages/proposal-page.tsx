// /dieu-chinh/:id – one proposed adjustment: what it changes, why, its evidence, the decision and
// the plan revision it was applied in (notifications link here).
import { Breadcrumb, Card, Skeleton, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { ProposalTable } from '../components/proposal-table';
import { useProposal } from '../hooks/use-adjustments';
import { KIND_LABELS, planName, STATE_COLORS, STATE_LABELS } from '../labels';

export function ProposalPage() {
  const { id = '' } = useParams();
  const proposal = useProposal(id);
  const p = proposal.data;
  return (
    <div data-testid="proposal-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/dieu-chinh">Điều chỉnh kế hoạch</Link> },
          { title: p ? KIND_LABELS[p.kind] : '…' },
        ]}
      />
      {proposal.isError && (
        <QueryError error={proposal.error} onRetry={() => void proposal.refetch()} />
      )}
      {proposal.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {p && (
        <Card
          title={`${KIND_LABELS[p.kind]} — ${planName(p.plan)}`}
          extra={<Tag color={STATE_COLORS[p.state]}>{STATE_LABELS[p.state]}</Tag>}
        >
          <ProposalTable items={[p]} testId="proposal-table" />
        </Card>
      )}
    </div>
  );
}
