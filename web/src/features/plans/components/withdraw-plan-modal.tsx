// "Rút kế hoạch": the consolidator takes back a plan confirmed from the wrong document, while
// nobody has worked on it. The reason is kept in the audit trail; the server refuses (409) once
// anyone has reported, been reassigned, commented … and says what.
import type { PlanDetail } from '@features/plans/schema';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useWithdrawPlan } from '../hooks/use-withdraw-plan';
import { withdrawMessage } from '../messages';

export function WithdrawPlanModal({
  plan,
  onClose,
  onWithdrawn,
}: {
  plan: PlanDetail;
  onClose: () => void;
  onWithdrawn: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawPlan(plan.id);
  const { counts } = plan;
  // "7 nhiệm vụ, 3 chỉ tiêu và 2 dự án", leaving out what the plan has none of.
  const parts = (
    [
      [counts.tasks, 'nhiệm vụ'],
      [counts.targets, 'chỉ tiêu'],
      [counts.projects, 'dự án'],
    ] as const
  ).flatMap(([n, what]) => (n ? [`${n.toLocaleString('vi-VN')} ${what}`] : []));
  const content =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}` : parts[0];
  return (
    <Modal
      open
      title={`Rút kế hoạch ${plan.document.number ?? '(chưa có số)'}`}
      onCancel={onClose}
      footer={null}
      width={600}
      destroyOnHidden
    >
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        data-testid="plan-withdraw-form"
        disabled={withdraw.isPending}
        onFinish={(v) => withdraw.mutate({ reason: v.reason.trim() }, { onSuccess: onWithdrawn })}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Thao tác này không thể hoàn tác."
          description={
            <>
              Kế hoạch{content ? ` cùng ${content}` : ''} sẽ bị xóa khỏi hệ thống. Sau khi rút, có
              thể nhập lại văn bản (bản đúng hoặc chính văn bản này) từ trang Kế hoạch.
            </>
          }
        />
        {plan.document.title && (
          <Typography.Paragraph strong>{plan.document.title}</Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">
          Chỉ rút được khi chưa có ai thực hiện kế hoạch (báo cáo tiến độ, giao lại, ý kiến, kỳ báo
          cáo đã mở…). Lý do được ghi vào nhật ký hệ thống.
        </Typography.Paragraph>
        <Form.Item
          name="reason"
          label="Lý do rút kế hoạch"
          rules={[
            { required: true, whitespace: true, message: 'Cần nhập lý do rút kế hoạch.' },
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim().length >= 5
                  ? Promise.resolve()
                  : Promise.reject(new Error('Lý do cần ít nhất 5 ký tự.')),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            autoFocus
            placeholder="Ví dụ: Xác nhận nhầm bản dự thảo, chưa phải văn bản đã ký ban hành"
            data-testid="plan-withdraw-reason"
          />
        </Form.Item>
        {withdraw.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={withdrawMessage(withdraw.error)}
            data-testid="plan-withdraw-error"
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>Hủy</Button>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={withdraw.isPending}
            data-testid="plan-withdraw-submit"
          >
            Rút kế hoạch
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
