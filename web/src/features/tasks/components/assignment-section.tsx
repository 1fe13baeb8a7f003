// "Phân công": who has led and coordinated the task, from when to when and why (the plan, an
// assignment by the consolidating department, a reorganisation, a choice after one); the
// consolidating department changes the lead and the coordinating agencies.
import type { TaskDetail } from '@features/tasks/schema';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormFooter } from '../../../app/form-footer';
import { formatDate } from '../../../app/format';
import { AgencyLink } from '../../agencies/components/agency-link';
import { useAssign } from '../hooks/use-task-mutations';
import { taskMessage } from '../messages';
import { AgenciesPicker, AgencyPicker, type AgencyValue } from './agency-picker';
import { TaskSection } from './task-section';

type Assignment = TaskDetail['assignments'][number] & { key?: string };

const REASONS: Record<string, string> = {
  plan: 'Theo kế hoạch',
  assigned: 'Phân công',
  succession: 'Sắp xếp tổ chức',
  review: 'Chọn sau sắp xếp',
};

/** Current rows first, then the most recent. */
function byCurrentThenRecent(a: Assignment, b: Assignment) {
  if ((a.endedOn === null) !== (b.endedOn === null)) return a.endedOn === null ? -1 : 1;
  if (a.role !== b.role) return a.role === 'lead' ? -1 : 1;
  return b.startedOn.localeCompare(a.startedOn);
}

const columns: TableColumnsType<Assignment> = [
  {
    title: 'Cơ quan',
    key: 'agency',
    render: (_, a) => <AgencyLink agency={a.agency} />,
  },
  {
    title: 'Vai trò',
    key: 'role',
    width: 100,
    render: (_, a) => (a.role === 'lead' ? <Tag color="blue">Chủ trì</Tag> : <Tag>Phối hợp</Tag>),
  },
  { title: 'Từ ngày', key: 'from', width: 110, render: (_, a) => formatDate(a.startedOn) },
  {
    title: 'Đến ngày',
    key: 'to',
    width: 110,
    render: (_, a) =>
      a.endedOn ? (
        formatDate(a.endedOn)
      ) : (
        <Typography.Text type="success">Hiện nay</Typography.Text>
      ),
  },
  {
    title: 'Lý do',
    key: 'reason',
    width: 150,
    render: (_, a) => REASONS[a.reason] ?? a.reason,
  },
  {
    title: 'Ghi chú',
    key: 'note',
    responsive: ['md'],
    render: (_, a) => a.note ?? '',
  },
];

type Values = {
  lead: AgencyValue | null;
  coordinators: AgencyValue[];
  dueOn?: Dayjs | null;
  note?: string;
};

function AssignForm({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const assign = useAssign(task.id);
  const initialValues: Values = {
    lead: task.lead ? { value: task.lead.id, label: task.lead.name } : null,
    coordinators: task.coordinators.map((a) => ({ value: a.id, label: a.name })),
    dueOn: task.assignedDueOn ? dayjs(task.assignedDueOn) : null,
  };
  // The consolidating department sets the date only where the plan gives none.
  const setsDueDate = task.deadline.kind === 'none';
  return (
    <Modal open title="Phân công thực hiện nhiệm vụ" onCancel={onClose} footer={null} width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="assign-form"
        initialValues={initialValues}
        disabled={assign.isPending}
        onFinish={(v) =>
          assign.mutate(
            {
              version: task.version,
              leadAgencyId: v.lead?.value ?? null,
              coordinatorAgencyIds: v.coordinators
                .map((c) => c.value)
                .filter((id) => id !== v.lead?.value),
              ...(setsDueDate ? { dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null } : {}),
              note: v.note?.trim() || undefined,
            },
            {
              onSuccess: () => {
                void message.success('Đã phân công.');
                onClose();
              },
            },
          )
        }
      >
        {task.leadAsWritten && (
          <Typography.Paragraph type="secondary">
            {`Văn bản giao: ${task.leadAsWritten}`}
          </Typography.Paragraph>
        )}
        <Form.Item name="lead" label="Cơ quan chủ trì">
          <AgencyPicker placeholder="Chọn cơ quan chủ trì" testId="assign-lead" />
        </Form.Item>
        <Form.Item
          name="coordinators"
          label="Cơ quan phối hợp"
          dependencies={['lead']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: AgencyValue[] | undefined) => {
                const lead = getFieldValue('lead') as AgencyValue | null;
                return lead && value?.some((c) => c.value === lead.value)
                  ? Promise.reject(new Error('Cơ quan chủ trì không đồng thời là cơ quan phối hợp'))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <AgenciesPicker placeholder="Chọn cơ quan phối hợp" testId="assign-coordinators" />
        </Form.Item>
        {setsDueDate && (
          <Form.Item
            name="dueOn"
            label="Thời hạn hoàn thành"
            extra="Kế hoạch không nêu thời hạn: cơ quan tổng hợp giao thời hạn khi phân công."
          >
            <DatePicker format="DD/MM/YYYY" data-testid="assign-due" />
          </Form.Item>
        )}
        <Form.Item name="note" label="Ghi chú">
          <Input.TextArea rows={2} maxLength={2000} showCount data-testid="assign-note" />
        </Form.Item>
        <FormFooter
          error={assign.isError ? taskMessage(assign.error) : null}
          pending={assign.isPending}
          onCancel={onClose}
          submitLabel="Lưu phân công"
          testId="assign-submit"
        />
      </Form>
    </Modal>
  );
}

export function AssignmentSection({ task }: { task: TaskDetail }) {
  const [open, setOpen] = useState(false);
  // Rows have no id: the same agency may hold the same role twice on one day.
  const rows = [...task.assignments]
    .sort(byCurrentThenRecent)
    .map((a, i) => ({ ...a, key: String(i) }));
  return (
    <TaskSection
      title="Phân công"
      testId="assignment-section"
      extra={
        task.abilities.assign && (
          <Button onClick={() => setOpen(true)} data-testid="assign-open">
            Phân công
          </Button>
        )
      }
    >
      <Table<Assignment>
        data-testid="assignment-table"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: 'Chưa có phân công' }}
      />
      {open && <AssignForm task={task} onClose={() => setOpen(false)} />}
    </TaskSection>
  );
}
