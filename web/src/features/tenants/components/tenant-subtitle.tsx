// "Theo dõi thực hiện kế hoạch – Tỉnh …": the line under the product name, with the tenant's name
// once it is known (nothing is shown in its place before, rather than a wrong province).
import { Typography } from 'antd';
import { useTenant } from '../hooks/use-tenant';

export function TenantSubtitle() {
  const tenant = useTenant();
  const name = tenant.data?.name;
  return (
    <Typography.Text type="secondary" data-testid="tenant-subtitle">
      Theo dõi thực hiện kế hoạch{name ? ` – ${name}` : ''}
    </Typography.Text>
  );
}
