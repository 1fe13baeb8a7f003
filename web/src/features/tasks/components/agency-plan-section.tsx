// "Kế hoạch của đơn vị": how each agency breaks the task into its own steps, each with a due date
// and a percent its staff keep up to date; the task's progress as it follows from them.
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { AgencyPlanItemView, TaskDetail } from '@features/tasks/schema';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormFooter } from '../../../app/form-footer';
import { formatDate } from '../../../app/format';
import { useAddPlanItem, useUpdatePlanItem } from '../hooks/use-task-mutations';
import { isConflict, taskMessage } from '../messages';
import { TaskSection } from './task-section';

function PercentEditor({ taskId, item }: { taskId: string; item: AgencyPlanItemView }) {
  const { message } = App.useApp();
  const update = useUpdatePlanItem(taskId);
  const [value, setValue] = useState<number | null>(item.percent);
  const changed = value !== null && value !== item.percent;
  const save = () => {
    if (!changed || value === null) return;
    update.mutate(
      { itemId: item.id, version: item.version, percent: value },
      {
        onSuccess: () => void message.success('Đã cập nhật tiến độ.'),
        onError: (error) => {
          if (!isConflict(error)) void message.error(taskMessage(error));
          setValue(item.percent);
        },
      },
    );
  };
  return (
    <Flex gap={4} align="center">
      <InputNumber<number>
        min={0}
        max={100}
        precision={0}
        size="small"
        suffix="%"
        value={value}
        onChange={setValue}
        onPressEnter={save}
        style={{ width: 84 }}
        aria-label="Tỷ lệ hoàn thành (%)"
        data-testid="plan-item-percent"
      />
      {changed && (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          loading={update.isPending}
          onClick={save}
          aria-label="Lưu"
          data-testid="plan-item-save"
        />
      )}
    </Flex>
  );
}

function columns(taskId: string): TableColumnsType<AgencyPlanItemView> {
  return [
    { title: 'Cơ quan', key: 'agency', width: 180, render: (_, i) => i.agency.name },
    { title: 'Nội dung', key: 'title', render: (_, i) => i.title },
    { title: 'Thời hạn', key: 'dueOn', width: 110, render: (_, i) => formatDate(i.dueOn) },
    {
      title: 'Tiến độ',
      key: 'percent',
      width: 150,
      render: (_, i) =>
        i.abilities.update ? (
          // A saved change gives a new version: start again from what was saved.
          <PercentEditor key={i.version} taskId={taskId} item={i} />
        ) : (
          <Progress percent={i.percent} size="small" format={(p) => `${p ?? 0}%`} />
        ),
    },
    {
      title: 'Hoàn thành',
      key: 'completedOn',
      width: 110,
      responsive: ['md'],
      render: (_, i) => formatDate(i.completedOn),
    },
  ];
}

type Values = { title: string; dueOn?: Dayjs | null };

function AddItemForm({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const add = useAddPlanItem(task.id);
  return (
    <Modal open title="Thêm nhiệm vụ vào kế hoạch của đơn vị" onCancel={onClose} footer={null}>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="plan-item-form"
        disabled={add.isPending}
        onFinish={(v) =>
          add.mutate(
            { title: v.title.trim(), dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null },
            {
              onSuccess: () => {
                void message.success('Đã thêm nhiệm vụ.');
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="title"
          label="Nội dung"
          rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="plan-item-title" />
        </Form.Item>
        <Form.Item name="dueOn" label="Thời hạn">
          <DatePicker format="DD/MM/YYYY" data-testid="plan-item-due" />
        </Form.Item>
        <FormFooter
          error={add.isError ? taskMessage(add.error) : null}
          pending={add.isPending}
          onCancel={onClose}
          submitLabel="Thêm"
          testId="plan-item-submit"
        />
      </Form>
    </Modal>
  );
}

export function AgencyPlanSection({ task }: { task: TaskDetail }) {
  const [adding, setAdding] = useState(false);
  return (
    <TaskSection
      title="Kế hoạch của đơn vị"
      testId="agency-plan-section"
      extra={
        task.abilities.planItems && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="plan-item-open"
          >
            Thêm nhiệm vụ
          </Button>
        )
      }
    >
      {task.rollup && (
        <Typography.Paragraph data-testid="agency-plan-rollup">
          <Typography.Text strong>
            {`Tiến độ tổng hợp từ kế hoạch của đơn vị: ${task.rollup.percent}%`}
          </Typography.Text>
          {` — ${task.rollup.rule}`}
        </Typography.Paragraph>
      )}
      {task.agencyPlan.length === 0 ? (
        <Typography.Text type="secondary">
          Đơn vị chưa lập kế hoạch thực hiện nhiệm vụ này.
        </Typography.Text>
      ) : (
        <Table<AgencyPlanItemView>
          data-testid="agency-plan-table"
          rowKey="id"
          size="small"
          columns={columns(task.id)}
          dataSource={task.agencyPlan}
          pagination={false}
          scroll={{ x: 640 }}
          onRow={() => ({ 'data-testid': 'plan-item' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      {adding && <AddItemForm task={task} onClose={() => setAdding(false)} />}
    </TaskSection>
  );
}
