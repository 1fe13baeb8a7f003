// Changing an account: name, e-mail, role, agency, disabled. Only what changed is sent, with the
// version it is based on; if someone changed the account meanwhile (409) the list reloads and the
// administrator starts again from what it is now.
import type { UpdateUserBody, User } from '@features/users/schema';
import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { ApiError, errorMessage } from '../../../app/api';
import type { Role } from '../../auth/labels';
import { fieldErrors } from '../form-errors';
import { useUpdateUser } from '../hooks/use-users';
import { UserFields } from './user-fields';

type Fields = {
  displayName: string;
  email?: string;
  role: Role;
  agencyId?: string | null;
  disabled: boolean;
};

const FIELDS = ['displayName', 'email', 'role', 'agencyId', 'disabled'] as const;

function initialOf(user: User): Fields {
  return {
    displayName: user.displayName,
    email: user.email ?? '',
    role: user.role,
    agencyId: user.agency?.id ?? null,
    disabled: user.disabled,
  };
}

/** The fields that differ from the account as loaded, and its version. */
export function changeOf(user: User, fields: Fields): UpdateUserBody {
  const change: UpdateUserBody = { version: user.version };
  const displayName = fields.displayName.trim();
  if (displayName !== user.displayName) change.displayName = displayName;
  const email = fields.email?.trim() || null;
  if (email !== user.email) change.email = email;
  if (fields.role !== user.role) change.role = fields.role;
  const agencyId = fields.agencyId ?? null;
  if (agencyId !== (user.agency?.id ?? null)) change.agencyId = agencyId;
  if (fields.disabled !== user.disabled) change.disabled = fields.disabled;
  return change;
}

type Props = { user: User | null; onClose: () => void };

export function EditUserModal({ user, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const role = Form.useWatch('role', form);
  const update = useUpdateUser();

  const submit = async () => {
    if (!user) return;
    const fields = await form.validateFields().catch(() => null);
    if (!fields) return;
    const change = changeOf(user, fields);
    if (Object.keys(change).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, change },
      {
        onSuccess: (saved) => {
          void message.success(`Đã lưu tài khoản ${saved.username}.`);
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409 && error.code === 'stale_version') {
            void message.warning(errorMessage(error));
            onClose();
            return;
          }
          form.setFields(fieldErrors(error, FIELDS));
        },
      },
    );
  };
  const general = update.isError && fieldErrors(update.error, FIELDS).length === 0;

  return (
    <Modal
      open={user !== null}
      title={user ? `Sửa tài khoản ${user.username}` : 'Sửa tài khoản'}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      afterClose={() => update.reset()}
      destroyOnHidden
      data-testid="edit-user-modal"
    >
      {general && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(update.error)}
          style={{ marginBottom: 16 }}
          data-testid="edit-user-error"
        />
      )}
      {user && (
        <Form<Fields>
          key={`${user.id}-${user.version}`}
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={initialOf(user)}
          onFinish={submit}
        >
          <Form.Item label="Tên đăng nhập">
            <Input value={user.username} disabled />
          </Form.Item>
          <UserFields role={role} currentAgency={user.agency} />
          <Form.Item
            label="Vô hiệu hóa tài khoản"
            name="disabled"
            valuePropName="checked"
            extra="Tài khoản bị vô hiệu hóa không đăng nhập được; mọi phiên làm việc của nó kết thúc."
          >
            <Switch data-testid="user-disabled" />
          </Form.Item>
          <button type="submit" hidden aria-hidden />
        </Form>
      )}
    </Modal>
  );
}
