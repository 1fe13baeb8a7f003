// The plan in numbers, including how much of its work was given to agencies that have ended.
import type { PlanDetail } from '@features/plans/schema';
import { Card, Col, Row, Statistic } from 'antd';
import { allTasks } from '../tree';

export function PlanStats({ plan }: { plan: PlanDetail }) {
  const tasks = allTasks(plan.tree);
  const endedLead = tasks.filter((t) => t.lead?.agency.status === 'ended').length;
  const toChoose = tasks.filter((t) => t.lead?.responsible.kind === 'choose').length;
  const stats = [
    { key: 'targets', title: 'Chỉ tiêu', value: plan.counts.targets },
    { key: 'tasks', title: 'Nhiệm vụ', value: plan.counts.tasks },
    { key: 'projects', title: 'Dự án trọng điểm', value: plan.counts.projects },
    { key: 'ended-lead', title: 'Nhiệm vụ có đơn vị chủ trì đã kết thúc', value: endedLead },
    { key: 'choose', title: 'Nhiệm vụ cần chọn đơn vị tiếp nhận', value: toChoose },
  ];
  return (
    <Card data-testid="plan-stats">
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={8} xl={4} data-testid={`plan-stat-${s.key}`}>
            <Statistic title={s.title} value={s.value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
