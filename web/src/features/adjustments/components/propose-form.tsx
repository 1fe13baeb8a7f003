// The form an agency proposes an adjustment with: on a task it leads (deadline, lead, content, drop),
// on a target it answers for (value and year), or a new task in a plan (under a section). Reason
// and evidence always.
import type { PlanTreeNode } from '@features/plans/schema';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../app/api';
import { usePlan, usePlans } from '../../plans/hooks/use-plans';
import { AgencyPicker, type AgencyValue } from '../../tasks/components/agency-picker';
import { EvidenceField } from '../../tasks/components/evidence-field';
import { usePropose } from '../hooks/use-adjustments';
import { adjustmentMessage, KIND_LABELS } from '../labels';

export type ProposeSubject =
  | { type: 'task'; id: string; title: string }
  | { type: 'target'; id: string; indicator: string; unit: string | null }
  | { type: 'plan'; planId?: string | undefined };

type TaskKind = 'deadline' | 'lead' | 'content' | 'drop_task';

type Values = {
  kind: TaskKind | 'add_task' | 'target';
  dueOn?: Dayjs | null;
  lead?: AgencyValue | null;
  title?: string;
  body?: string;
  planId?: string;
  nodeId?: string;
  year?: string;
  value?: string;
  reason: string;
  evidence?: UploadFile[];
};

function flatten(nodes: readonly PlanTreeNode[], depth = 0): { value: string; label: string }[] {
  return nodes.flatMap((n) => [
    {
      value: n.id,
      label: `${'\u00a0\u00a0'.repeat(depth)}${n.label ? `${n.label}. ` : ''}${n.title}`,
    },
    ...flatten(n.children, depth + 1),
  ]);
}

/** "1.234,5" or "12.5" → "1234.5" (the API's decimal), or null when it is not a number. */
function decimal(text: string | undefined): string | null {
  const t = (text ?? '').trim().replace(/\s/g, '');
  if (t === '') return null;
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? normalised : null;
}

type Props = { subject: ProposeSubject; open: boolean; onClose: () => void };

export function ProposeForm({ subject, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const send = usePropose();
  const [problem, setProblem] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const planId =
    Form.useWatch('planId', form) ?? (subject.type === 'plan' ? subject.planId : undefined);
  const plans = usePlans(1, 100);
  const plan = usePlan(subject.type === 'plan' && planId ? planId : '');
  const nodes = useMemo(() => (plan.data ? flatten(plan.data.tree) : []), [plan.data]);

  const kinds =
    subject.type === 'task'
      ? (['deadline', 'lead', 'content', 'drop_task'] as const)
      : subject.type === 'target'
        ? (['target'] as const)
        : (['add_task'] as const);

  const submit = (v: Values) => {
    setProblem(null);
    const fields: Record<string, string | undefined> = { kind: v.kind, reason: v.reason.trim() };
    if (subject.type === 'task') fields.taskId = subject.id;
    if (subject.type === 'target') fields.targetId = subject.id;
    if (v.kind === 'deadline' || v.kind === 'add_task')
      fields.dueOn = v.dueOn ? v.dueOn.format('YYYY-MM-DD') : undefined;
    if (v.kind === 'lead' || v.kind === 'add_task') fields.leadAgencyId = v.lead?.value;
    if (v.kind === 'content' || v.kind === 'add_task') {
      fields.title = v.title?.trim() || undefined;
      fields.body = v.body?.trim() || undefined;
    }
    if (v.kind === 'add_task') {
      fields.planId = v.planId;
      fields.nodeId = v.nodeId;
    }
    if (v.kind === 'target') {
      fields.year = v.year;
      fields.value = decimal(v.value) ?? undefined;
    }
    send.mutate(
      {
        fields: fields as Parameters<typeof send.mutate>[0]['fields'],
        evidence: (v.evidence ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
      },
      {
        onSuccess: () => {
          void message.success('Đã gửi đề xuất điều chỉnh: chờ cơ quan tổng hợp trình lãnh đạo.');
          form.resetFields();
          onClose();
        },
        onError: (e) => setProblem(adjustmentMessage(e, errorMessage)),
      },
    );
  };

  const title =
    subject.type === 'task'
      ? `Đề xuất điều chỉnh nhiệm vụ: ${subject.title}`
      : subject.type === 'target'
        ? `Đề xuất điều chỉnh chỉ tiêu: ${subject.indicator}`
        : 'Đề xuất bổ sung nhiệm vụ';

  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} width={680} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="propose-form"
        initialValues={{
          kind: kinds[0],
          evidence: [],
          planId: subject.type === 'plan' ? subject.planId : undefined,
        }}
        onFinish={submit}
        disabled={send.isPending}
      >
        <Form.Item name="kind" label="Nội dung đề xuất" rules={[{ required: true }]}>
          <Select
            options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            data-testid="propose-kind"
          />
        </Form.Item>
        {(kind === 'deadline' || kind === 'add_task') && (
          <Form.Item
            name="dueOn"
            label={kind === 'deadline' ? 'Thời hạn mới' : 'Thời hạn hoàn thành'}
            rules={
              kind === 'deadline' ? [{ required: true, message: 'Cần chọn thời hạn mới' }] : []
            }
          >
            <DatePicker format="DD/MM/YYYY" data-testid="propose-due" style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'add_task' && (
          <>
            <Form.Item
              name="planId"
              label="Kế hoạch"
              rules={[{ required: true, message: 'Cần chọn kế hoạch' }]}
            >
              <Select
                options={(plans.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
                }))}
                onChange={() => form.setFieldValue('nodeId', undefined)}
                data-testid="propose-plan"
              />
            </Form.Item>
            <Form.Item
              name="nodeId"
              label="Thuộc mục"
              rules={[{ required: true, message: 'Cần chọn mục của kế hoạch' }]}
            >
              <Select
                options={nodes}
                loading={plan.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="propose-node"
              />
            </Form.Item>
          </>
        )}
        {(kind === 'lead' || kind === 'add_task') && (
          <Form.Item
            name="lead"
            label={kind === 'lead' ? 'Cơ quan chủ trì mới' : 'Cơ quan chủ trì'}
            rules={[{ required: true, message: 'Cần chọn cơ quan chủ trì' }]}
          >
            <AgencyPicker placeholder="Tìm cơ quan" testId="propose-lead" />
          </Form.Item>
        )}
        {(kind === 'content' || kind === 'add_task') && (
          <>
            <Form.Item
              name="title"
              label={
                kind === 'content' ? 'Tên nhiệm vụ mới (để trống nếu giữ nguyên)' : 'Tên nhiệm vụ'
              }
              rules={
                kind === 'add_task'
                  ? [{ required: true, whitespace: true, message: 'Cần nhập tên nhiệm vụ' }]
                  : []
              }
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="propose-title" />
            </Form.Item>
            <Form.Item name="body" label="Nội dung chi tiết">
              <Input.TextArea rows={3} maxLength={20_000} data-testid="propose-body" />
            </Form.Item>
          </>
        )}
        {kind === 'target' && (
          <Flex gap={12}>
            <Form.Item
              name="year"
              label="Năm đạt"
              rules={[
                {
                  required: true,
                  pattern: /^(19|20|21)\d\d$/,
                  message: 'Cần nhập năm (ví dụ 2030)',
                },
              ]}
            >
              <Input inputMode="numeric" style={{ width: 120 }} data-testid="propose-year" />
            </Form.Item>
            <Form.Item
              name="value"
              label={`Giá trị mới${subject.type === 'target' && subject.unit ? ` (${subject.unit})` : ''}`}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v || decimal(v) !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error('Gõ số theo cách viết Việt Nam: 1.234,5')),
                },
              ]}
            >
              <Input inputMode="decimal" style={{ width: 200 }} data-testid="propose-value" />
            </Form.Item>
          </Flex>
        )}
        <Form.Item
          name="reason"
          label="Lý do đề xuất"
          rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do' }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="propose-reason" />
        </Form.Item>
        <EvidenceField testId="propose-evidence" />
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem}
            style={{ marginBottom: 16 }}
            data-testid="propose-error"
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={send.isPending}
            data-testid="propose-submit"
          >
            Gửi đề xuất
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
