// The frame of every page: the menu on the left, the application's name on top.
import { MenuOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { NAV_ITEMS, navKeyOf } from './nav';
import { PageLoading } from './query-state';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const selected = navKeyOf(pathname);
  // A new page starts at its top, not where the previous one was scrolled to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page change is the trigger
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        collapsedWidth={narrow ? 0 : 80}
        trigger={narrow ? null : undefined}
        style={
          narrow
            ? { position: 'fixed', top: 0, left: 0, height: '100vh', zIndex: 1000 }
            : { position: 'sticky', top: 0, height: '100vh', zIndex: 10 }
        }
        data-testid="app-sider"
      >
        <Link to="/ke-hoach" aria-label="Tiến Độ – trang chủ">
          <Flex
            align="center"
            justify="center"
            style={{ height: 64, color: '#fff', fontWeight: 700, fontSize: collapsed ? 16 : 20 }}
          >
            {collapsed ? 'TĐ' : 'Tiến Độ'}
          </Flex>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          onClick={() => narrow && setCollapsed(true)}
          data-testid="app-menu"
          items={NAV_ITEMS.map((item) => ({
            key: item.path,
            icon: item.icon,
            label: <Link to={item.path}>{item.label}</Link>,
          }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: narrow ? 16 : 24,
            height: 'auto',
            lineHeight: 1.3,
            paddingBlock: 12,
          }}
          data-testid="app-header"
        >
          <Flex align="center" gap={12}>
            {narrow && (
              <Button
                icon={<MenuOutlined />}
                aria-label={collapsed ? 'Mở menu' : 'Đóng menu'}
                onClick={() => setCollapsed((c) => !c)}
                data-testid="menu-toggle"
              />
            )}
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                Tiến Độ
              </Typography.Title>
              <Typography.Text type="secondary">
                Theo dõi thực hiện kế hoạch – UBND tỉnh Lạng Sơn
              </Typography.Text>
            </div>
          </Flex>
        </Header>
        <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
