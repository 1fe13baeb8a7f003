// "Gia hạn": the lead agency asks for a later deadline with a reason; the consolidating department
// agrees or refuses. Every request stays in the history.
import type { ExtensionRequestView, TaskDetail } from '@features/tasks/schema';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormFooter } from '../../../app/form-footer';
import { formatDate, formatDateTime } from '../../../app/format';
import { useDecideExtension, useRequestExtension } from '../hooks/use-task-mutations';
import { taskMessage } from '../messages';
import { NoteModal } from './note-modal';
import { TaskSection } from './task-section';

const STATUS: Record<ExtensionRequestView['status'], { label: string; color: string }> = {
  pending: { label: 'Chờ quyết định', color: 'gold' },
  approved: { label: 'Đồng ý', color: 'green' },
  refused: { label: 'Không đồng ý', color: 'red' },
};

/** The deadline an extension would move: the last approved one, else the plan's or the assigned one. */
function currentDueOn(task: TaskDetail): string | null {
  return task.extendedDueOn ?? task.plannedDueOn ?? task.assignedDueOn;
}

type Decision = 'approve' | 'refuse';

function DecisionActions({ taskId, request }: { taskId: string; request: ExtensionRequestView }) {
  const { message } = App.useApp();
  const decide = useDecideExtension(taskId);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const open = (d: Decision) => {
    decide.reset();
    setDeciding(d);
  };
  return (
    <Flex gap={8}>
      <Button
        type="primary"
        size="small"
        onClick={() => open('approve')}
        data-testid="extension-approve"
      >
        Đồng ý
      </Button>
      <Button size="small" danger onClick={() => open('refuse')} data-testid="extension-refuse">
        Không đồng ý
      </Button>
      <NoteModal
        open={deciding !== null}
        title={
          deciding === 'approve'
            ? `Đồng ý gia hạn đến ${formatDate(request.proposedDueOn)}`
            : 'Không đồng ý gia hạn'
        }
        label={deciding === 'approve' ? 'Ghi chú' : 'Lý do không đồng ý'}
        okText={deciding === 'approve' ? 'Đồng ý' : 'Không đồng ý'}
        danger={deciding === 'refuse'}
        required={deciding === 'refuse'}
        pending={decide.isPending}
        error={decide.error}
        testId="extension-decision-form"
        onClose={() => setDeciding(null)}
        onSubmit={(note) =>
          deciding &&
          decide.mutate(
            { requestId: request.id, decision: deciding, note },
            {
              onSuccess: () => {
                setDeciding(null);
                void message.success(
                  deciding === 'approve' ? 'Đã đồng ý gia hạn.' : 'Đã từ chối đề nghị gia hạn.',
                );
              },
            },
          )
        }
      />
    </Flex>
  );
}

function ExtensionItem({ taskId, request }: { taskId: string; request: ExtensionRequestView }) {
  const { token } = theme.useToken();
  const status = STATUS[request.status];
  return (
    <div
      data-testid="extension-item"
      data-status={request.status}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
      }}
    >
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>
          {`${formatDate(request.currentDueOn)} → ${formatDate(request.proposedDueOn)}`}
        </Typography.Text>
        <Tag color={status.color} data-testid="extension-status">
          {status.label}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {`${request.agency.name} – ${request.requestedBy.displayName}, ${formatDateTime(request.requestedAt)}`}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '6px 0 4px' }}>
        {`Lý do: ${request.reason}`}
      </Typography.Paragraph>
      {request.decidedBy && (
        <Typography.Text
          type={request.status === 'refused' ? 'danger' : 'secondary'}
          style={{ display: 'block', fontSize: 13 }}
        >
          {`${status.label}: ${request.decidedBy.displayName}, ${formatDateTime(request.decidedAt)}`}
          {request.decisionNote && ` – ${request.decisionNote}`}
        </Typography.Text>
      )}
      {request.abilities.decide && (
        <div style={{ marginTop: 8 }}>
          <DecisionActions taskId={taskId} request={request} />
        </div>
      )}
    </div>
  );
}

type Values = { proposedDueOn: Dayjs; reason: string };

function ExtensionForm({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const request = useRequestExtension(task.id);
  const due = currentDueOn(task);
  return (
    <Modal open title="Đề nghị gia hạn" onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="extension-form"
        disabled={request.isPending}
        onFinish={(v) =>
          request.mutate(
            {
              version: task.version,
              proposedDueOn: v.proposedDueOn.format('YYYY-MM-DD'),
              reason: v.reason.trim(),
            },
            {
              onSuccess: () => {
                void message.success('Đã gửi đề nghị gia hạn.');
                onClose();
              },
            },
          )
        }
      >
        <Typography.Paragraph>{`Thời hạn hiện tại: ${formatDate(due)}`}</Typography.Paragraph>
        <Form.Item
          name="proposedDueOn"
          label="Đề nghị gia hạn đến ngày"
          rules={[{ required: true, message: 'Cần chọn ngày đề nghị gia hạn' }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(d) => (due ? !d.isAfter(dayjs(due), 'day') : false)}
            data-testid="extension-date"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="Lý do"
          rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do đề nghị gia hạn' }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="extension-reason" />
        </Form.Item>
        <FormFooter
          error={request.isError ? taskMessage(request.error) : null}
          pending={request.isPending}
          onCancel={onClose}
          submitLabel="Gửi đề nghị"
          testId="extension-submit"
        />
      </Form>
    </Modal>
  );
}

export function ExtensionSection({ task }: { task: TaskDetail }) {
  const [open, setOpen] = useState(false);
  const requests = [...task.extensions].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <TaskSection
      title="Gia hạn"
      testId="extension-section"
      extra={
        task.abilities.requestExtension && (
          <Button onClick={() => setOpen(true)} data-testid="extension-open">
            Đề nghị gia hạn
          </Button>
        )
      }
    >
      {requests.length === 0 ? (
        <Typography.Text type="secondary">Chưa có đề nghị gia hạn.</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {requests.map((r) => (
            <ExtensionItem key={r.id} taskId={task.id} request={r} />
          ))}
        </Flex>
      )}
      {open && <ExtensionForm task={task} onClose={() => setOpen(false)} />}
    </TaskSection>
  );
}
