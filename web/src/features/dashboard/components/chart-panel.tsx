// A chart in a card with its table view: "Xem dạng bảng" switches the card to the same figures as
// a table (and back). The chart is a picture for the eye; the table is what can be read out.
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { type ReactNode, useState } from 'react';
import { Chart, type ChartOption } from '../../../app/chart';

export function ChartPanel({
  title,
  label,
  option,
  height = 260,
  table,
  testId,
  empty,
}: {
  title: string;
  /** What the chart shows, for screen readers. */
  label: string;
  option: ChartOption;
  height?: number;
  table: ReactNode;
  testId: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  return (
    <Card
      size="small"
      title={title}
      className="dashboard-panel"
      data-testid={testId}
      extra={
        <Button
          size="small"
          type="link"
          className="dashboard-no-print"
          icon={asTable ? <BarChartOutlined /> : <TableOutlined />}
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
          data-testid={`${testId}-toggle`}
        >
          {asTable ? 'Xem biểu đồ' : 'Xem dạng bảng'}
        </Button>
      }
      style={{ height: '100%' }}
    >
      {asTable ? table : (empty ?? <Chart option={option} label={label} height={height} />)}
    </Card>
  );
}
