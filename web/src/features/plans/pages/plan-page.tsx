import { Breadcrumb, Card, Flex, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { LegalBasis } from '../components/legal-basis';
import { PlanHeader } from '../components/plan-header';
import { PlanStats } from '../components/plan-stats';
import { PlanTree } from '../components/plan-tree';
import { documentTypeName } from '../document-types';
import { usePlan } from '../hooks/use-plans';

export function PlanPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const doc = plan.data?.document;
  const heading = doc
    ? `${documentTypeName(doc.type)} ${doc.number ?? '(chưa có số)'}`
    : 'Kế hoạch';

  return (
    <div data-testid="plan-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/ke-hoach">Kế hoạch</Link> }, { title: doc ? heading : '…' }]}
      />
      {plan.isError && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {plan.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {plan.data && (
        <Flex vertical gap={16}>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {heading}
            </Typography.Title>
            {doc?.title && <Typography.Text type="secondary">{doc.title}</Typography.Text>}
          </div>
          <PlanHeader plan={plan.data} />
          <LegalBasis references={plan.data.references} />
          <PlanStats plan={plan.data} />
          <PlanTree key={plan.data.id} tree={plan.data.tree} />
        </Flex>
      )}
    </div>
  );
}
