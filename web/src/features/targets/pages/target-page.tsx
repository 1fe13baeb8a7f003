// /chi-tieu/:id – one target: what it is, who answers for it and its projection with the rule in
// words; the approved actuals against the path (chart and table), the milestones, the tasks that
// deliver it, and every report of an actual with its approval. What a person may do is what the
// target's `abilities` say: the responsible agency reports, its head approves, the consolidator
// completes the target.
import { Breadcrumb, Card, Col, Flex, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { ProposeAdjustmentButton } from '../../adjustments/components/propose-button';
import { ActualForm } from '../components/actual-form';
import { ActualsSection } from '../components/actuals-section';
import { EditForm } from '../components/edit-form';
import { MilestonesSection } from '../components/milestones-section';
import { ReportsSection } from '../components/reports-section';
import { TargetHeader } from '../components/target-header';
import { TasksSection } from '../components/tasks-section';
import { useTarget } from '../hooks/use-targets';

function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function TargetPage() {
  const { id = '' } = useParams();
  const target = useTarget(id);
  const data = target.data;
  const [open, setOpen] = useState<'edit' | 'report' | null>(null);

  return (
    <div data-testid="target-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/chi-tieu">Chỉ tiêu</Link> },
          { title: data ? shortText(data.indicator) : '…' },
        ]}
      />
      {target.isError && <QueryError error={target.error} onRetry={() => void target.refetch()} />}
      {target.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {data && (
        <Flex vertical gap={16}>
          <TargetHeader
            target={data}
            onEdit={() => setOpen('edit')}
            onReport={() => setOpen('report')}
          />
          <ProposeAdjustmentButton
            subject={{ type: 'target', id: data.id, indicator: data.indicator, unit: data.unit }}
            agencyId={data.responsibleAgency?.id}
          />
          <ActualsSection target={data} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <MilestonesSection target={data} />
            </Col>
            <Col xs={24} xl={12}>
              <TasksSection target={data} />
            </Col>
          </Row>
          <ReportsSection target={data} />
          {open === 'edit' && data.abilities.update && (
            <EditForm target={data} open onClose={() => setOpen(null)} />
          )}
          {open === 'report' && data.abilities.report && (
            <ActualForm target={data} open onClose={() => setOpen(null)} />
          )}
        </Flex>
      )}
    </div>
  );
}
