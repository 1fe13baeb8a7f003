// Under a public target or project: its published feedback with the answers (the sender's name
// and organisation; never the contact), and the "Góp ý" form. Sent feedback is shown only after
// the consolidating department has reviewed it, and the form says so.
import type { PublicFeedback } from '@features/public-view/schema';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../app/format';
import { feedbackErrorMessage, useFeedbackForm, useSendFeedback } from '../hooks/use-public-view';

type Item = { kind: 'target' | 'project'; id: string; name: string };

export function PublishedFeedback({ items }: { items: readonly PublicFeedback[] }) {
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="published-feedback">
      {items.map((f) => (
        <div
          key={f.id}
          style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 10 }}
          data-testid="feedback-item"
        >
          <Typography.Text strong>
            {f.senderName}
            {f.senderOrganisation ? ` (${f.senderOrganisation})` : ''}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">– {formatDate(f.sentOn)}</Typography.Text>
          <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            {f.body}
          </Typography.Paragraph>
          {f.answer && (
            <Typography.Paragraph
              style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
              data-testid="feedback-answer"
            >
              <Typography.Text strong>
                Trả lời{f.answeredOn ? ` (${formatDate(f.answeredOn)})` : ''}:{' '}
              </Typography.Text>
              {f.answer}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </Flex>
  );
}

type Values = {
  senderName: string;
  senderOrganisation?: string;
  senderContact?: string;
  body: string;
  website?: string;
};

export function FeedbackButton({ item }: { item: Item }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const formToken = useFeedbackForm(open);
  const send = useSendFeedback();
  const [form] = Form.useForm<Values>();

  const close = () => {
    setOpen(false);
    setSent(false);
    send.reset();
    form.resetFields();
  };
  const submit = (values: Values) => {
    if (!formToken.data) return;
    send.mutate(
      {
        item: { kind: item.kind, id: item.id },
        senderName: values.senderName,
        senderOrganisation: values.senderOrganisation || null,
        senderContact: values.senderContact || null,
        body: values.body,
        formToken: formToken.data.token,
        website: values.website ?? '',
      },
      { onSuccess: () => setSent(true) },
    );
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="feedback-open">
        Góp ý
      </Button>
      <Modal
        open={open}
        title={`Góp ý: ${item.name}`}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        {sent ? (
          <Flex vertical gap={12}>
            <Alert
              type="success"
              showIcon
              data-testid="feedback-sent"
              title="Cảm ơn bạn đã góp ý."
              description="Góp ý sẽ được hiển thị công khai sau khi cơ quan tổng hợp xem xét."
            />
            <Button onClick={close}>Đóng</Button>
          </Flex>
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} data-testid="feedback-form">
            <Form.Item
              name="senderName"
              label="Họ và tên"
              rules={[{ required: true, min: 2, message: 'Vui lòng nhập họ tên.' }]}
            >
              <Input maxLength={120} autoComplete="name" />
            </Form.Item>
            <Form.Item name="senderOrganisation" label="Cơ quan, tổ chức (nếu có)">
              <Input maxLength={200} autoComplete="organization" />
            </Form.Item>
            <Form.Item
              name="senderContact"
              label="Điện thoại hoặc thư điện tử (không bắt buộc)"
              extra="Chỉ cơ quan tiếp nhận góp ý thấy thông tin này; không công khai."
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="body"
              label="Nội dung góp ý"
              rules={[{ required: true, min: 10, message: 'Nội dung cần ít nhất 10 ký tự.' }]}
            >
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
            {/* Left empty by people: hidden from view and from assistive technology. */}
            <div
              aria-hidden="true"
              style={{
                position: 'absolute',
                left: -10000,
                top: 'auto',
                height: 0,
                overflow: 'hidden',
              }}
            >
              <Form.Item name="website" label="Trang web">
                <Input tabIndex={-1} autoComplete="off" />
              </Form.Item>
            </div>
            {send.isError && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={feedbackErrorMessage(send.error)}
                data-testid="feedback-error"
              />
            )}
            {formToken.isError && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title="Không tải được biểu mẫu. Vui lòng thử lại."
              />
            )}
            <Flex gap={8} justify="end">
              <Button onClick={close}>Hủy</Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={send.isPending}
                disabled={!formToken.data}
                data-testid="feedback-submit"
              >
                Gửi góp ý
              </Button>
            </Flex>
          </Form>
        )}
      </Modal>
    </>
  );
}
