// "Thêm người dùng": login name, name, e-mail, role, agency and a first password.
import { Alert, App, Form, Input, Modal } from 'antd';
import { errorMessage } from '../../../app/api';
import { PASSWORD_POLICY, passwordProblem, type Role } from '../../auth/labels';
import { fieldErrors } from '../form-errors';
import { useCreateUser } from '../hooks/use-users';
import { USERNAME_PATTERN } from '../labels';
import { UserFields } from './user-fields';

type Fields = {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  agencyId?: string | null;
  password: string;
};

const FIELDS = ['username', 'displayName', 'email', 'role', 'agencyId', 'password'] as const;

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const role = Form.useWatch('role', form);
  const create = useCreateUser();

  const submit = async () => {
    const fields = await form.validateFields().catch(() => null);
    if (!fields) return;
    create.mutate(
      {
        username: fields.username.trim().toLowerCase(),
        displayName: fields.displayName.trim(),
        email: fields.email?.trim() || null,
        role: fields.role,
        agencyId: fields.agencyId ?? null,
        password: fields.password,
      },
      {
        onSuccess: (user) => {
          void message.success(`Đã tạo tài khoản ${user.username}.`);
          onClose();
        },
        onError: (error) => form.setFields(fieldErrors(error, FIELDS)),
      },
    );
  };
  const general = create.isError && fieldErrors(create.error, FIELDS).length === 0;

  return (
    <Modal
      open={open}
      title="Thêm người dùng"
      okText="Tạo tài khoản"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      afterClose={() => create.reset()}
      destroyOnHidden
      data-testid="create-user-modal"
    >
      {general && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
          data-testid="create-user-error"
        />
      )}
      <Form<Fields>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: 'agency_officer' }}
        onFinish={submit}
      >
        <Form.Item
          label="Tên đăng nhập"
          name="username"
          normalize={(v: string) => v.toLowerCase()}
          rules={[
            { required: true, whitespace: true, message: 'Hãy nhập tên đăng nhập.' },
            {
              validator: async (_, value: string | undefined) => {
                if (value && !USERNAME_PATTERN.test(value.trim())) {
                  throw new Error(
                    'Tên đăng nhập từ 3 đến 50 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.',
                  );
                }
              },
            },
          ]}
          extra="Ví dụ: stc.nguyenvana"
        >
          <Input autoComplete="off" spellCheck={false} data-testid="user-username" />
        </Form.Item>
        <UserFields role={role} />
        <Form.Item
          label="Mật khẩu"
          name="password"
          extra={`${PASSWORD_POLICY} Người dùng nên đổi mật khẩu sau lần đăng nhập đầu tiên.`}
          rules={[
            { required: true, message: 'Hãy nhập mật khẩu.' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
