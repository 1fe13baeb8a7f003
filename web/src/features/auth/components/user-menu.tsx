// The signed-in user at the right of the header: name, role and agency; changing the password and
// signing out (here or on every device).
import { DownOutlined, UserOutlined } from '@ant-design/icons';
import type { CurrentUser } from '@features/auth/schema';
import { App, Avatar, Button, Dropdown, Flex, type MenuProps, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { errorMessage } from '../../../app/api';
import { useLogout, useLogoutEverywhere } from '../hooks/use-session';
import { ROLE_LABELS } from '../labels';

// The form (antd Form and its validator) is loaded the first time the dialog opens, not with every
// page: it is the heaviest part of the header.
const ChangePasswordModal = lazy(() =>
  import('./change-password-modal').then((m) => ({ default: m.ChangePasswordModal })),
);

export function UserMenu({ user, compact }: { user: CurrentUser; compact: boolean }) {
  const { modal, message } = App.useApp();
  const [changing, setChanging] = useState(false);
  const [everChanging, setEverChanging] = useState(false);
  const logout = useLogout();
  const logoutEverywhere = useLogoutEverywhere();
  const role = ROLE_LABELS[user.role];
  const detail = user.agency ? `${role} · ${user.agency.name}` : role;

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <Flex vertical style={{ maxWidth: 280 }}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{`Tên đăng nhập: ${user.username}`}</Typography.Text>
          <Typography.Text type="secondary">{role}</Typography.Text>
          {user.agency && <Typography.Text type="secondary">{user.agency.name}</Typography.Text>}
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'password', label: <span data-testid="change-password">Đổi mật khẩu</span> },
    { key: 'logout', label: <span data-testid="logout">Đăng xuất</span> },
    {
      key: 'logout-all',
      danger: true,
      label: <span data-testid="logout-all">Đăng xuất khỏi mọi thiết bị</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') {
      setEverChanging(true);
      setChanging(true);
    }
    if (key === 'logout') {
      logout.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) });
    }
    if (key === 'logout-all') {
      modal.confirm({
        title: 'Đăng xuất khỏi mọi thiết bị?',
        content: 'Mọi phiên làm việc của tài khoản này (trên máy này và các máy khác) sẽ kết thúc.',
        okText: 'Đăng xuất tất cả',
        cancelText: 'Hủy',
        okButtonProps: { danger: true },
        onOk: () =>
          logoutEverywhere.mutateAsync().catch((e: unknown) => void message.error(errorMessage(e))),
      });
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button
          type="text"
          style={{ height: 'auto', paddingBlock: 4, maxWidth: compact ? 200 : 360 }}
          aria-label={`Tài khoản: ${user.displayName}`}
          loading={logout.isPending}
          data-testid="user-menu"
        >
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <Avatar size="small" icon={<UserOutlined />} />
            <Flex vertical align="flex-start" style={{ minWidth: 0, lineHeight: 1.3 }}>
              <Typography.Text strong ellipsis data-testid="user-name" style={{ maxWidth: '100%' }}>
                {user.displayName}
              </Typography.Text>
              {!compact && (
                <Typography.Text
                  type="secondary"
                  ellipsis
                  style={{ fontSize: 12, maxWidth: '100%' }}
                  data-testid="user-role"
                >
                  {detail}
                </Typography.Text>
              )}
            </Flex>
            <DownOutlined style={{ fontSize: 10 }} />
          </Flex>
        </Button>
      </Dropdown>
      {everChanging && (
        <Suspense fallback={null}>
          <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </>
  );
}
