// One section or objective of the plan, its items, and its children, folded and unfolded from
// its heading.
import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import type { PlanTreeNode } from '@features/plans/schema';
import { Typography, theme } from 'antd';
import { countItems, nodeHeading } from '../tree';
import { CollapsibleText } from './collapsible-text';
import { ProjectItem } from './project-item';
import { TargetItem } from './target-item';
import { TaskItem } from './task-item';

type Props = {
  node: PlanTreeNode;
  depth: number;
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** Indentation of a node's content, in pixels (smaller on phones). */
  indent: number;
};

function summary(node: PlanTreeNode): string {
  const { targets, tasks, projects } = countItems(node);
  return [
    targets && `${targets} chỉ tiêu`,
    tasks && `${tasks} nhiệm vụ`,
    projects && `${projects} dự án`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function PlanNode({ node, depth, expanded, onToggle, indent }: Props) {
  const { token } = theme.useToken();
  const open = expanded.has(node.id);
  const counts = summary(node);
  const hasContent =
    node.body ||
    node.children.length + node.targets.length + node.tasks.length + node.projects.length > 0;
  const headingSize = depth === 0 ? 17 : depth === 1 ? 15 : 14;

  return (
    <section
      data-testid="plan-node"
      data-kind={node.kind}
      style={
        depth === 0
          ? { marginBottom: 16 }
          : {
              marginLeft: 4,
              paddingLeft: indent - 6,
              borderLeft: `2px solid ${token.colorBorderSecondary}`,
              marginBottom: 8,
            }
      }
    >
      <button
        type="button"
        onClick={() => hasContent && onToggle(node.id)}
        aria-expanded={hasContent ? open : undefined}
        data-testid="plan-node-heading"
        style={{
          all: 'unset',
          cursor: hasContent ? 'pointer' : 'default',
          display: 'flex',
          alignItems: 'baseline',
          gap: 8,
          padding: '6px 0',
          width: '100%',
          boxSizing: 'border-box',
        }}
      >
        <span style={{ color: token.colorTextTertiary, width: 12, flex: 'none' }}>
          {hasContent && (open ? <CaretDownOutlined /> : <CaretRightOutlined />)}
        </span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text
            strong
            style={{
              fontSize: headingSize,
              color: depth === 0 ? token.colorPrimaryText : undefined,
            }}
          >
            {nodeHeading(node)}
          </Typography.Text>
          {counts && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {counts}
            </Typography.Text>
          )}
        </span>
      </button>
      {open && (
        <div style={{ paddingLeft: indent }}>
          {node.body && <CollapsibleText text={node.body} />}
          {node.targets.map((t) => (
            <TargetItem key={t.id} target={t} />
          ))}
          {node.tasks.map((t) => (
            <TaskItem key={t.id} task={t} />
          ))}
          {node.projects.map((p) => (
            <ProjectItem key={p.id} project={p} />
          ))}
          {node.children.map((child) => (
            <PlanNode
              key={child.id}
              node={child}
              depth={depth + 1}
              expanded={expanded}
              onToggle={onToggle}
              indent={indent}
            />
          ))}
        </div>
      )}
    </section>
  );
}
