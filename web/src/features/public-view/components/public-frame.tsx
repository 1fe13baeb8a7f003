// The frame of the public pages: light, outside the signed-in layout (no menu, no sign-in needed),
// the tenant's name from the server, a link to sign in for staff.
import { Flex, Layout, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { UserMenu } from '../../auth/components/user-menu';
import { useSession } from '../../auth/hooks/use-session';
import { useTenant } from '../../tenants/hooks/use-tenant';

export function PublicFrame({ children }: { children: ReactNode }) {
  const tenant = useTenant();
  const user = useSession().data?.user ?? null;
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Layout.Header
        style={{
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          height: 'auto',
          lineHeight: 1.3,
          paddingBlock: 12,
          paddingInline: 16,
        }}
      >
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Link to="/cong-khai" style={{ color: 'inherit' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              Công khai tiến độ thực hiện kế hoạch
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="public-tenant">
              {tenant.data?.name ?? ''}
            </Typography.Text>
          </Link>
          {user ? (
            <Flex align="center" gap={8}>
              {user.role === 'supervisor' ? (
                <Link to="/giam-sat">Báo cáo đã tiếp nhận</Link>
              ) : (
                <Link to="/">Vào hệ thống</Link>
              )}
              <UserMenu user={user} compact />
            </Flex>
          ) : (
            <Link to="/dang-nhap">Đăng nhập cho cán bộ</Link>
          )}
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
