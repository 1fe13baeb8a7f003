// A milestone's slippage in days: red when late, green when early or on time.
import { Tag } from 'antd';
import { slippage } from '../figures';

export function SlippageTag({ days, testId }: { days: number | null; testId?: string }) {
  const s = slippage(days);
  if (!s) return null;
  return (
    <Tag color={s.late ? 'red' : 'green'} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {s.text}
    </Tag>
  );
}
