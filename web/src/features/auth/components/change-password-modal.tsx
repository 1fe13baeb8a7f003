// Changing one's own password: the current one, the new one twice. Every session ends afterwards
// (the server's rule), so the user signs in again.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { ApiError } from '../../../app/api';
import { useChangePassword } from '../hooks/use-session';
import { PASSWORD_POLICY, passwordChangeErrorMessage, passwordProblem } from '../labels';

type Fields = { currentPassword: string; newPassword: string; repeat: string };

/** The field a refusal of the server is about, to show it there rather than above the form. */
function fieldOf(error: unknown): keyof Fields | null {
  if (!(error instanceof ApiError)) return null;
  // Too many wrong guesses at the current password: said where it is typed.
  if (error.code === 'wrong_password' || error.code === 'too_many_attempts')
    return 'currentPassword';
  if (error.code === 'weak_password') return 'newPassword';
  return null;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Fields>();
  const change = useChangePassword();

  const submit = async () => {
    const fields = await form.validateFields().catch(() => null);
    if (!fields) return;
    change.mutate(
      { currentPassword: fields.currentPassword, newPassword: fields.newPassword },
      {
        onSuccess: onClose,
        onError: (error) => {
          const field = fieldOf(error);
          if (field) form.setFields([{ name: field, errors: [passwordChangeErrorMessage(error)] }]);
        },
      },
    );
  };

  const generalError = change.isError && fieldOf(change.error) === null;

  return (
    <Modal
      open={open}
      title="Đổi mật khẩu"
      okText="Đổi mật khẩu"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      afterClose={() => change.reset()}
      destroyOnHidden
      data-testid="change-password-modal"
    >
      <Typography.Paragraph type="secondary">
        {PASSWORD_POLICY} Sau khi đổi, mọi phiên làm việc kết thúc và bạn cần đăng nhập lại.
      </Typography.Paragraph>
      {generalError && (
        <Alert
          type="error"
          showIcon
          title={passwordChangeErrorMessage(change.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={submit}
      >
        <Form.Item
          label="Mật khẩu hiện tại"
          name="currentPassword"
          rules={[{ required: true, message: 'Hãy nhập mật khẩu hiện tại.' }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          label="Mật khẩu mới"
          name="newPassword"
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
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="repeat"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Hãy nhập lại mật khẩu mới.' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) {
                  throw new Error('Hai lần nhập mật khẩu mới không khớp.');
                }
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        {/* Enter in a field submits. */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
