// /cong-khai: the tenant's plans, for anyone.
import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { PublicFrame } from '../components/public-frame';
import { usePublicPlans } from '../hooks/use-public-view';

export function PublicPlansPage() {
  const plans = usePublicPlans();
  return (
    <PublicFrame>
      <Typography.Paragraph>
        Người dân, tổ chức theo dõi mục tiêu, chỉ tiêu và các dự án trọng điểm của kế hoạch, và gửi
        góp ý. Số liệu được công bố sau khi cơ quan có thẩm quyền phê duyệt.
      </Typography.Paragraph>
      {plans.isPending ? (
        <PageLoading />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Empty description="Chưa có kế hoạch nào được công khai." />
      ) : (
        <Card>
          <List
            data-testid="public-plans"
            dataSource={plans.data.items}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/cong-khai/${p.id}`}>{p.title ?? 'Kế hoạch'}</Link>}
                  description={[
                    p.number ? `Số ${p.number}` : null,
                    p.issuedOn ? `ngày ${formatDate(p.issuedOn)}` : null,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </PublicFrame>
  );
}
