import type { TaskDetail } from '@features/tasks/schema';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Slider,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useReportProgress } from '../hooks/use-task-mutations';
import { taskMessage } from '../messages';
import { EvidenceField } from './evidence-field';

export type ProgressKind = 'progress' | 'contribution';

type Values = {
  reportedOn: Dayjs;
  percent?: number;
  narrative: string;
  evidence?: UploadFile[];
};

function PercentInput({
  value,
  onChange,
}: {
  value?: number;
  onChange?: (value: number | undefined) => void;
}) {
  return (
    <Flex gap={16} align="center">
      <Slider
        min={0}
        max={100}
        step={5}
        value={value ?? 0}
        onChange={(v) => onChange?.(v)}
        style={{ flex: 1 }}
        tooltip={{ formatter: (v) => `${v ?? 0}%` }}
      />
      <InputNumber<number>
        min={0}
        max={100}
        precision={0}
        value={value ?? null}
        onChange={(v) => onChange?.(v ?? undefined)}
        suffix="%"
        style={{ width: 96 }}
        aria-label="Tỷ lệ hoàn thành (%)"
        data-testid="progress-percent"
      />
    </Flex>
  );
}

type Props = {
  task: TaskDetail;
  kind: ProgressKind;
  open: boolean;
  onClose: () => void;
};

export function ProgressForm({ task, kind, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const report = useReportProgress(task.id);
  const isLead = kind === 'progress';

  const submit = (values: Values) => {
    report.mutate(
      {
        version: task.version,
        reportedOn: values.reportedOn.format('YYYY-MM-DD'),
        percent: isLead ? values.percent : undefined,
        narrative: values.narrative.trim(),
        evidence: (values.evidence ?? []).flatMap((f) =>
          f.originFileObj ? [f.originFileObj] : [],
        ),
      },
      {
        onSuccess: (update) => {
          void message.success(
            update.status === 'pending'
              ? 'Đã gửi báo cáo: chờ lãnh đạo đơn vị duyệt.'
              : isLead
                ? 'Đã cập nhật tiến độ.'
                : 'Đã gửi ý kiến phối hợp.',
          );
          form.resetFields();
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={isLead ? 'Cập nhật tiến độ' : 'Gửi ý kiến phối hợp'}
      onCancel={onClose}
      afterOpenChange={(opened) => opened && report.reset()}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="progress-form"
        initialValues={{ reportedOn: dayjs(), percent: task.percent ?? 0, evidence: [] }}
        onFinish={submit}
        disabled={report.isPending}
      >
        <Form.Item
          name="reportedOn"
          label="Ngày báo cáo"
          rules={[{ required: true, message: 'Cần chọn ngày báo cáo' }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="progress-date"
          />
        </Form.Item>
        {isLead && (
          <Form.Item
            name="percent"
            label="Tỷ lệ hoàn thành"
            rules={[{ required: true, message: 'Cần nhập tỷ lệ hoàn thành (%)' }]}
          >
            <PercentInput />
          </Form.Item>
        )}
        <Form.Item
          name="narrative"
          label={isLead ? 'Nội dung đã thực hiện' : 'Nội dung phối hợp'}
          rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung' }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={10_000}
            showCount
            placeholder={
              isLead
                ? 'Kết quả đã đạt, khó khăn, vướng mắc, đề xuất…'
                : 'Nội dung đơn vị đã phối hợp thực hiện…'
            }
            data-testid="progress-narrative"
          />
        </Form.Item>
        <EvidenceField testId="progress-evidence" />
        {report.isError && (
          <Alert
            type="error"
            showIcon
            title={taskMessage(report.error)}
            style={{ marginBottom: 16 }}
            data-testid="progress-error"
          />
        )}
        {isLead && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            Báo cáo của cán bộ cần được lãnh đạo đơn vị duyệt.
          </Typography.Paragraph>
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={report.isPending}
            data-testid="progress-submit"
          >
            Gửi
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
