// The frame of every signed-in page: the menu on the left, the application's name and the user on
// top. Anonymous visitors are sent to the login page, and come back here afterwards.
import { MenuOutlined } from '@ant-design/icons';
import type { CurrentUser } from '@features/auth/schema';
import { Button, Flex, Grid, Layout, Menu, type MenuProps, Typography, theme } from 'antd';
import { lazy, type RefObject, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { DemoBanner } from '../features/auth/components/demo-banner';
import { UserMenu } from '../features/auth/components/user-menu';
import { useSession } from '../features/auth/hooks/use-session';
import { HOME_PATH, loginPathFor } from '../features/auth/redirect';
import { TenantSubtitle } from '../features/tenants/components/tenant-subtitle';
import { isNavGroup, navFor, navGroupOf, navKeyOf } from './nav';
import { PageLoading, QueryError } from './query-state';

const { Header, Sider, Content } = Layout;

// The search box (AutoComplete and its list) comes after the frame, so that the first page does not
// wait for it.
const SearchBox = lazy(() =>
  import('../features/search/components/search-box').then((m) => ({ default: m.SearchBox })),
);
// The bell (its popover, list and badge) comes after the frame too: it needs a request anyway.
const NotificationBell = lazy(() =>
  import('../features/notifications/components/notification-bell').then((m) => ({
    default: m.NotificationBell,
  })),
);
const SUPERVISOR_HOME = '/giam-sat';
/** The pages of the signed-in layout a supervisor opens: the accepted reports and each report. */
const SUPERVISOR_PAGE = /^\/(giam-sat|bao-cao\/ky\/[^/]+\/co-quan\/[^/]+)\/?$/;

export function AppLayout() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <QueryError error={session.error} onRetry={() => void session.refetch()} />
      </Flex>
    );
  }
  const user = session.data.user;
  if (!user) {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  }
  // The Fatherland Front's supervisor reads the accepted reports (and the public view, outside
  // this layout); the staff's pages are not theirs.
  if (user.role === 'supervisor' && !SUPERVISOR_PAGE.test(location.pathname))
    return <Navigate to={SUPERVISOR_HOME} replace />;
  return <SignedInLayout user={user} />;
}

function SignedInLayout({ user }: { user: CurrentUser }) {
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const selected = navKeyOf(pathname);
  // The admin group starts open on its own pages; afterwards the user opens and closes it.
  const [initialGroups] = useState(() => {
    const group = navGroupOf(pathname);
    return group ? [group] : [];
  });
  // A new page starts at its top, not where the previous one was scrolled to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page change is the trigger
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  // The demo banner stays on top; the menu sits under it and ends at the bottom of the window.
  const bannerRef = useRef<HTMLDivElement>(null);
  const bannerHeight = useHeight(bannerRef);

  const items = useMemo<MenuProps['items']>(
    () =>
      navFor(user.role).map((entry) =>
        isNavGroup(entry)
          ? {
              key: entry.key,
              icon: entry.icon,
              label: entry.label,
              children: entry.children.map((item) => ({
                key: item.path,
                icon: item.icon,
                label: <Link to={item.path}>{item.label}</Link>,
              })),
            }
          : {
              key: entry.path,
              icon: entry.icon,
              label: <Link to={entry.path}>{entry.label}</Link>,
            },
      ),
    [user.role],
  );

  return (
    <>
      {user.demo && (
        <div ref={bannerRef} style={{ position: 'sticky', top: 0, zIndex: 20 }}>
          <DemoBanner />
        </div>
      )}
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
              : {
                  position: 'sticky',
                  top: bannerHeight,
                  height: `calc(100vh - ${bannerHeight}px)`,
                  zIndex: 10,
                  overflowY: 'auto',
                }
          }
          data-testid="app-sider"
        >
          <Link to={HOME_PATH} aria-label="Tiến Độ – trang chủ">
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
            defaultOpenKeys={initialGroups}
            onClick={() => narrow && setCollapsed(true)}
            data-testid="app-menu"
            items={items}
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
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  Tiến Độ
                </Typography.Title>
                {!narrow && <TenantSubtitle />}
              </div>
              <Flex align="center" gap={8}>
                {/* The supervisor's searches would only find what they may not open. */}
                {user.role !== 'supervisor' && (
                  <Suspense fallback={<div style={{ width: narrow ? 32 : 320 }} />}>
                    <SearchBox compact={narrow} />
                  </Suspense>
                )}
                <Suspense fallback={<div style={{ width: 32 }} />}>
                  <NotificationBell />
                </Suspense>
                <UserMenu user={user} compact={narrow} />
              </Flex>
            </Flex>
          </Header>
          <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
    </>
  );
}

/** The rendered height of an element (0 while there is none), following its changes. */
function useHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    setHeight(element.offsetHeight);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
