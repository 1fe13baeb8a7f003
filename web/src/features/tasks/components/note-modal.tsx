// A decision with a note: returning a progress report, refusing or approving an extension.
import { Alert, Button, Form, Input, Modal } from 'antd';
import { taskMessage } from '../messages';

type Props = {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  /** A note is asked for (e.g. why a report is returned). */
  required?: boolean;
  label?: string;
  pending: boolean;
  error: unknown;
  testId: string;
  onSubmit: (note: string | undefined) => void;
  onClose: () => void;
};

export function NoteModal(props: Props) {
  const { open, title, okText, danger, required, label = 'Ghi chú', pending, error } = props;
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={props.onClose}
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          Hủy
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={danger}
          loading={pending}
          onClick={() => form.submit()}
          data-testid={`${props.testId}-ok`}
        >
          {okText}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid={props.testId}
        onFinish={(v) => props.onSubmit(v.note?.trim() || undefined)}
      >
        <Form.Item
          name="note"
          label={label}
          rules={
            required
              ? [{ required: true, whitespace: true, message: `Cần nhập ${label.toLowerCase()}` }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
        {error != null && <Alert type="error" showIcon title={taskMessage(error)} />}
      </Form>
    </Modal>
  );
}
