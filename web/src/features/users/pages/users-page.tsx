// Người dùng (/quan-tri/nguoi-dung): the administrator's list of accounts, creating and changing
// them, resetting a password. The search folds diacritics ("tran thi hop" finds "Trần Thị Hợp").
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { foldForSearch } from '@domain/vietnamese-text';
import type { User } from '@features/users/schema';
import { Button, Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { ROLE_LABELS, type Role } from '../../auth/labels';
import { CreateUserModal } from '../components/create-user-modal';
import { EditUserModal } from '../components/edit-user-modal';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { roleOptions } from '../components/user-fields';
import { UsersTable } from '../components/users-table';
import { useUsers } from '../hooks/use-users';

function matches(user: User, terms: readonly string[]): boolean {
  const text = foldForSearch(
    [
      user.username,
      user.displayName,
      user.email ?? '',
      user.agency?.name ?? '',
      ROLE_LABELS[user.role],
    ].join(' '),
  );
  return terms.every((t) => text.includes(t));
}

export function UsersPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [resettingId, setResettingId] = useState<string | null>(null);

  const all = users.data?.items ?? [];
  const shown = useMemo(() => {
    const terms = foldForSearch(q).split(/\s+/).filter(Boolean);
    return all.filter((u) => (!role || u.role === role) && matches(u, terms));
  }, [all, q, role]);
  // The modals follow the list, so a reload (after a conflict) shows the account as it is now.
  const editing = all.find((u) => u.id === editingId) ?? null;
  const resetting = all.find((u) => u.id === resettingId) ?? null;

  return (
    <div data-testid="users-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Người dùng
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="user-create"
        >
          Thêm người dùng
        </Button>
      </Flex>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="Tìm theo tên, tên đăng nhập, cơ quan"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360 }}
          data-testid="user-search"
        />
        <Select<Role>
          allowClear
          placeholder="Mọi vai trò"
          value={role}
          onChange={setRole}
          options={roleOptions}
          style={{ minWidth: 200 }}
        />
      </Flex>
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable
          users={shown}
          loading={users.isFetching}
          currentUserId={me.id}
          onEdit={(u) => setEditingId(u.id)}
          onResetPassword={(u) => setResettingId(u.id)}
        />
      )}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditingId(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResettingId(null)} />
    </div>
  );
}
