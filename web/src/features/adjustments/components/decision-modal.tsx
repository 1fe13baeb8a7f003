// Leadership decides a submitted proposal: accept (applied to the plan as a new revision) or reject
// with its reason.
import type { Proposal } from '@features/adjustments/schema';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api';
import { useDecide } from '../hooks/use-adjustments';
import { adjustmentMessage, changeLines, KIND_LABELS, subjectOf } from '../labels';

type Values = { decision: 'accept' | 'reject'; note?: string };

export function DecisionModal({
  proposal,
  onClose,
}: {
  proposal: Proposal | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const decide = useDecide();
  const [problem, setProblem] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form);
  if (!proposal) return null;
  const lines = changeLines(proposal);

  const submit = (v: Values) => {
    setProblem(null);
    decide.mutate(
      {
        id: proposal.id,
        version: proposal.version,
        decision: v.decision,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: (p) => {
          void message.success(
            p.state === 'accepted'
              ? `Đã chấp thuận: kế hoạch được điều chỉnh (phiên bản ${p.appliedRevision ?? ''}).`
              : 'Đã ghi nhận không chấp thuận đề xuất.',
          );
          form.resetFields();
          onClose();
        },
        onError: (e) => setProblem(adjustmentMessage(e, errorMessage)),
      },
    );
  };

  return (
    <Modal
      open
      title="Quyết định đề xuất điều chỉnh"
      onCancel={onClose}
      footer={null}
      width={620}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{KIND_LABELS[proposal.kind]}</Typography.Text>:{' '}
        {subjectOf(proposal)}
      </Typography.Paragraph>
      {lines.from && (
        <Typography.Paragraph type="secondary">Hiện nay: {lines.from}</Typography.Paragraph>
      )}
      <Typography.Paragraph>Đề xuất: {lines.to}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        Lý do ({proposal.agency.name}): {proposal.reason}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'accept' }}
        onFinish={submit}
        disabled={decide.isPending}
        data-testid="decision-form"
      >
        <Form.Item name="decision" label="Quyết định">
          <Radio.Group
            data-testid="decision-choice"
            options={[
              { value: 'accept', label: 'Chấp thuận' },
              { value: 'reject', label: 'Không chấp thuận' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={decision === 'reject' ? 'Lý do không chấp thuận' : 'Ý kiến (nếu có)'}
          rules={
            decision === 'reject'
              ? [{ required: true, whitespace: true, message: 'Cần nêu lý do không chấp thuận' }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="decision-note" />
        </Form.Item>
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem}
            style={{ marginBottom: 16 }}
            data-testid="decision-error"
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={decide.isPending}
            data-testid="decision-submit"
          >
            Ghi quyết định
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
