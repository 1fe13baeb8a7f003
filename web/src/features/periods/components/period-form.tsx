// The consolidator's form for a reporting period: kind, label, data window, submission deadline
// and the reminder days. A new period's window follows Decree 09/2019 for the kind and year chosen.
import type { PeriodDetail, PeriodSummary } from '@features/reporting-periods/schema';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { KIND_LABELS, periodMessage } from '../messages';

type Kind = PeriodSummary['kind'];
type Values = {
  kind: Kind;
  label: string;
  window: [Dayjs, Dayjs];
  submissionDueOn: Dayjs;
  reminderDaysBefore: number[];
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Decree 09/2019's window for a kind ending in `year` (the month or quarter of `on`). */
function decreeWindow(kind: Kind, on: Dayjs): [string, string] | null {
  const y = on.year();
  const before = (m: number) => (m === 1 ? `${y - 1}-12-15` : `${y}-${pad(m - 1)}-15`);
  switch (kind) {
    case 'monthly': {
      const m = on.month() + 1;
      return [before(m), `${y}-${pad(m)}-14`];
    }
    case 'quarterly': {
      const q = Math.floor(on.month() / 3) + 1;
      return [before(3 * q - 2), `${y}-${pad(3 * q)}-14`];
    }
    case 'six_month':
      return [`${y - 1}-12-15`, `${y}-06-14`];
    case 'nine_month':
      return [`${y - 1}-12-15`, `${y}-09-14`];
    case 'annual':
      return [`${y - 1}-12-15`, `${y}-12-14`];
    default:
      return null;
  }
}

export function PeriodFormModal({
  open,
  period,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  /** The period edited; none for a new one. */
  period: PeriodSummary | PeriodDetail | null;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (fields: {
    kind: Kind;
    label: string;
    windowFrom: string;
    windowTo: string;
    submissionDueOn: string;
    reminderDaysBefore: number[];
  }) => void;
}) {
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    if (period) {
      form.setFieldsValue({
        kind: period.kind,
        label: period.label,
        window: [dayjs(period.windowFrom), dayjs(period.windowTo)],
        submissionDueOn: dayjs(period.submissionDueOn),
        reminderDaysBefore: period.reminderDaysBefore,
      });
    } else {
      form.resetFields();
      form.setFieldsValue({ kind: 'annual', reminderDaysBefore: [7, 2] });
    }
  }, [open, period, form]);

  // A new period: Decree 09's window for the kind, as soon as the kind and a day are known.
  const suggest = (kind: Kind, on: Dayjs | undefined) => {
    if (period || !on) return;
    const window = decreeWindow(kind, on);
    if (window) form.setFieldValue('window', [dayjs(window[0]), dayjs(window[1])]);
  };

  return (
    <Modal
      open={open}
      title={period ? 'Sửa kỳ báo cáo' : 'Thêm kỳ báo cáo'}
      okText="Lưu"
      cancelText="Hủy"
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={periodMessage(error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          onSubmit({
            kind: v.kind,
            label: v.label.trim(),
            windowFrom: v.window[0].format('YYYY-MM-DD'),
            windowTo: v.window[1].format('YYYY-MM-DD'),
            submissionDueOn: v.submissionDueOn.format('YYYY-MM-DD'),
            reminderDaysBefore: v.reminderDaysBefore ?? [],
          })
        }
        data-testid="period-form"
      >
        <Form.Item name="kind" label="Loại kỳ" rules={[{ required: true }]}>
          <Select
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(kind: Kind) => suggest(kind, form.getFieldValue('submissionDueOn'))}
          />
        </Form.Item>
        <Form.Item
          name="label"
          label="Tên kỳ"
          rules={[{ required: true, whitespace: true, message: 'Nhập tên kỳ, ví dụ "Năm 2027"' }]}
        >
          <Input placeholder="Năm 2027" maxLength={200} data-testid="period-label" />
        </Form.Item>
        <Form.Item
          name="submissionDueOn"
          label="Hạn nộp báo cáo"
          rules={[{ required: true, message: 'Chọn hạn nộp' }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            onChange={(d) => suggest(form.getFieldValue('kind'), d ?? undefined)}
          />
        </Form.Item>
        <Form.Item
          name="window"
          label="Thời gian lấy số liệu"
          extra="Theo Nghị định 09/2019/NĐ-CP: từ ngày 15 của tháng trước kỳ đến ngày 14 của tháng cuối kỳ."
          rules={[
            { required: true, message: 'Chọn thời gian lấy số liệu' },
            {
              validator: (_, v: [Dayjs, Dayjs] | undefined) => {
                const due: Dayjs | undefined = form.getFieldValue('submissionDueOn');
                return v && due?.isBefore(v[0], 'day')
                  ? Promise.reject(new Error('Hạn nộp không được trước ngày bắt đầu lấy số liệu'))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Nhắc trước hạn (ngày)">
          <Form.List name="reminderDaysBefore">
            {(fields, { add, remove }) => (
              <Space wrap>
                {fields.map((f) => (
                  <Space.Compact key={f.key}>
                    <Form.Item name={f.name} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} max={90} style={{ width: 80 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>Bỏ</Button>
                  </Space.Compact>
                ))}
                {fields.length < 5 && (
                  <Button type="dashed" onClick={() => add(3)}>
                    + Thêm
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
