// "Đặt lại mật khẩu": the administrator gives an account a new password (and tells its owner).
import type { User } from '@features/users/schema';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { errorMessage } from '../../../app/api';
import { PASSWORD_POLICY, passwordProblem } from '../../auth/labels';
import { fieldErrors } from '../form-errors';
import { useResetPassword } from '../hooks/use-users';

type Fields = { password: string; repeat: string };

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const reset = useResetPassword();

  const submit = async () => {
    if (!user) return;
    const fields = await form.validateFields().catch(() => null);
    if (!fields) return;
    reset.mutate(
      { id: user.id, password: fields.password },
      {
        onSuccess: () => {
          void message.success(`Đã đặt lại mật khẩu cho ${user.username}.`);
          onClose();
        },
        onError: (error) => form.setFields(fieldErrors(error, ['password'] as const)),
      },
    );
  };
  const general = reset.isError && fieldErrors(reset.error, ['password'] as const).length === 0;

  return (
    <Modal
      open={user !== null}
      title="Đặt lại mật khẩu"
      okText="Đặt lại mật khẩu"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      afterClose={() => reset.reset()}
      destroyOnHidden
      data-testid="reset-password-modal"
    >
      {user && (
        <Typography.Paragraph>
          {`Tài khoản: ${user.displayName} (${user.username}). `}
          <Typography.Text type="secondary">
            Mọi hạn chế đăng nhập do nhập sai mật khẩu được gỡ bỏ; mọi phiên làm việc của tài khoản
            kết thúc. Hãy báo mật khẩu mới cho người dùng.
          </Typography.Text>
        </Typography.Paragraph>
      )}
      {general && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(reset.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Fields> form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          label="Mật khẩu mới"
          name="password"
          extra={PASSWORD_POLICY}
          rules={[
            { required: true, message: 'Hãy nhập mật khẩu mới.' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="repeat"
          dependencies={['password']}
          rules={[
            { required: true, message: 'Hãy nhập lại mật khẩu mới.' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) {
                  throw new Error('Hai lần nhập mật khẩu không khớp.');
                }
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-repeat" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
