// Areas that come in a later version: an honest empty state, never sample data.
import { Card, Empty, Typography } from 'antd';

export type PlaceholderArea = 'reports';

const AREAS: Record<PlaceholderArea, { title: string; explanation: string }> = {
  reports: {
    title: 'Báo cáo',
    explanation:
      'Báo cáo tiến độ thực hiện sẽ có ở phiên bản sau, khi các đơn vị cập nhật được kết quả thực hiện nhiệm vụ.',
  },
};

export function PlaceholderPage({ area }: { area: PlaceholderArea }) {
  const { title, explanation } = AREAS[area];
  return (
    <div data-testid={`placeholder-page-${area}`}>
      <Typography.Title level={3}>{title}</Typography.Title>
      <Card>
        <Empty
          description={
            <>
              <Typography.Text strong>Chưa có dữ liệu</Typography.Text>
              <br />
              <Typography.Text type="secondary">{explanation}</Typography.Text>
            </>
          }
        />
      </Card>
    </div>
  );
}
