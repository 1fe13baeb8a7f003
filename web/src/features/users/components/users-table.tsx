// The accounts of the province: login, name, role, agency, state; actions per row.
import type { User } from '@features/users/schema';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { ROLE_LABELS } from '../../auth/labels';
import { LOCKED_EXPLANATION, USER_STATE_COLORS, USER_STATE_LABELS, userState } from '../labels';

type Props = {
  users: readonly User[];
  loading: boolean;
  currentUserId: string;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
};

export function UsersTable({ users, loading, currentUserId, onEdit, onResetPassword }: Props) {
  const columns: TableColumnsType<User> = [
    {
      title: 'Tên đăng nhập',
      key: 'username',
      width: 170,
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (_, u) => (
        <Flex gap={6} wrap align="center">
          <Typography.Text code>{u.username}</Typography.Text>
          {u.id === currentUserId && <Tag color="blue">Bạn</Tag>}
        </Flex>
      ),
    },
    {
      title: 'Họ và tên',
      key: 'displayName',
      width: 240,
      sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'vi'),
      render: (_, u) => (
        <Flex vertical gap={2}>
          <Typography.Text>{u.displayName}</Typography.Text>
          {u.email && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: u.email }}
              style={{ fontSize: 12 }}
            >
              {u.email}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: 'Vai trò',
      key: 'role',
      width: 170,
      render: (_, u) => ROLE_LABELS[u.role],
    },
    {
      title: 'Cơ quan',
      key: 'agency',
      responsive: ['md'],
      render: (_, u) => u.agency?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: 'Trạng thái',
      key: 'state',
      width: 150,
      render: (_, u) => {
        const state = userState(u);
        return (
          <Flex gap={4} wrap>
            <Tooltip title={state === 'locked' ? LOCKED_EXPLANATION : undefined}>
              <Tag color={USER_STATE_COLORS[state]} data-testid="user-state">
                {USER_STATE_LABELS[state]}
              </Tag>
            </Tooltip>
            {u.demo && (
              <Tag color="gold" data-testid="user-demo">
                Tài khoản mẫu
              </Tag>
            )}
          </Flex>
        );
      },
    },
    {
      title: '',
      key: 'actions',
      width: 220,
      render: (_, u) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => onEdit(u)} data-testid="user-edit">
            Sửa
          </Button>
          <Button size="small" onClick={() => onResetPassword(u)} data-testid="user-reset-password">
            Đặt lại mật khẩu
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Table<User>
      data-testid="users-table"
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      scroll={{ x: 1100 }}
      pagination={
        users.length > 20 && {
          pageSize: 20,
          showSizeChanger: false,
          showTotal: (n) => `${n} tài khoản`,
        }
      }
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : 'Không có tài khoản nào.' }}
    />
  );
}
