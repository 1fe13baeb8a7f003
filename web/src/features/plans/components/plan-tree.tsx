// The content of the plan: sections, objectives, and under them targets, tasks and key projects.
import type { PlanTreeNode } from '@features/plans/schema';
import { Button, Card, Empty, Grid, Space } from 'antd';
import { useState } from 'react';
import { walkNodes } from '../tree';
import { PlanNode } from './plan-node';

/** Plans up to this many targets, tasks and projects open fully; larger ones open their sections. */
const SMALL_PLAN_ITEMS = 150;

function initiallyExpanded(tree: readonly PlanTreeNode[]): Set<string> {
  const nodes = [...walkNodes(tree)];
  const items = nodes.reduce(
    (n, node) => n + node.targets.length + node.tasks.length + node.projects.length,
    0,
  );
  if (items <= SMALL_PLAN_ITEMS) return new Set(nodes.map((n) => n.id));
  return new Set(tree.map((n) => n.id));
}

export function PlanTree({ tree }: { tree: PlanTreeNode[] }) {
  const [expanded, setExpanded] = useState(() => initiallyExpanded(tree));
  const screens = Grid.useBreakpoint();
  const indent = screens.md ? 20 : 10;
  const controls = tree.length > 0 && (
    <Space wrap>
      <Button
        size="small"
        onClick={() => setExpanded(new Set([...walkNodes(tree)].map((n) => n.id)))}
      >
        Mở rộng tất cả
      </Button>
      <Button size="small" onClick={() => setExpanded(new Set())}>
        Thu gọn tất cả
      </Button>
    </Space>
  );
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Card title="Nội dung kế hoạch" data-testid="plan-tree" extra={screens.sm && controls}>
      {!screens.sm && controls && <div style={{ marginBottom: 12 }}>{controls}</div>}
      {tree.length === 0 ? (
        <Empty description="Kế hoạch chưa có nội dung (mục tiêu, nhiệm vụ)." />
      ) : (
        tree.map((node) => (
          <PlanNode
            key={node.id}
            node={node}
            depth={0}
            expanded={expanded}
            onToggle={toggle}
            indent={indent}
          />
        ))
      )}
    </Card>
  );
}
