import type { PlanTarget } from '@features/plans/schema';
import { Typography } from 'antd';
import { formatNumber } from '../../../app/format';
import { CollapsibleText } from './collapsible-text';
import { Field } from './field';
import { ItemFrame } from './item-frame';

function quantity(value: number, unit: string | null): string {
  if (!unit) return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

export function TargetItem({ target }: { target: PlanTarget }) {
  const goal =
    target.targetValue !== null ? (
      <Typography.Text>
        {': '}
        <Typography.Text strong style={{ color: 'inherit' }}>
          {quantity(target.targetValue, target.unit)}
        </Typography.Text>
      </Typography.Text>
    ) : null;
  return (
    <ItemFrame
      kind="target"
      testId="target-item"
      title={
        <>
          {target.indicator}
          {goal}
          {target.targetYear !== null && (
            <Typography.Text type="secondary">{` đến năm ${target.targetYear}`}</Typography.Text>
          )}
        </>
      }
    >
      {target.baselineValue !== null && (
        <Field label="Hiện trạng">{quantity(target.baselineValue, target.unit)}</Field>
      )}
      {target.sector && <Field label="Lĩnh vực">{target.sector}</Field>}
      {target.body && <CollapsibleText text={target.body} />}
    </ItemFrame>
  );
}
