import { App as AntApp, Breadcrumb, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { LegalBasis } from '../components/legal-basis';
import { PlanHeader } from '../components/plan-header';
import { PlanStats } from '../components/plan-stats';
import { PlanTree } from '../components/plan-tree';
import { WithdrawPlanModal } from '../components/withdraw-plan-modal';
import { documentTypeName } from '../document-types';
import { usePlan } from '../hooks/use-plans';

export function PlanPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [withdrawing, setWithdrawing] = useState(false);
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
          <Flex justify="space-between" align="flex-start" gap={12} wrap>
            <div>
              <Typography.Title level={3} style={{ marginBottom: 4 }}>
                {heading}
              </Typography.Title>
              {doc?.title && <Typography.Text type="secondary">{doc.title}</Typography.Text>}
            </div>
            {/* The consolidator, while nobody has worked on the plan (the server says so). */}
            {plan.data.abilities.withdraw && (
              <Button danger onClick={() => setWithdrawing(true)} data-testid="plan-withdraw">
                Rút kế hoạch
              </Button>
            )}
          </Flex>
          <PlanHeader plan={plan.data} />
          <LegalBasis references={plan.data.references} />
          <PlanStats plan={plan.data} />
          <PlanTree key={plan.data.id} tree={plan.data.tree} />
          {withdrawing && (
            <WithdrawPlanModal
              plan={plan.data}
              onClose={() => setWithdrawing(false)}
              onWithdrawn={() => {
                void message.success(
                  `Đã rút kế hoạch ${doc?.number ?? `“${doc?.title ?? ''}”`}. Có thể nhập lại văn bản khi cần.`,
                );
                void navigate('/ke-hoach', { replace: true });
              }}
            />
          )}
        </Flex>
      )}
    </div>
  );
}
