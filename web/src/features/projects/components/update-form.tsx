// "Cập nhật tháng": the owner agency's monthly update of a project – the month's disbursement, site
// clearance done so far, construction %, milestones reached with their dates, what was done, and
// evidence files – sent as one multipart form. An officer's update waits for the head's approval.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProjectDetail } from '@features/projects/schema';
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
  Select,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDecimal } from '../../../app/format';
import { EvidenceField } from '../../tasks/components/evidence-field';
import { useSendMonthlyUpdate } from '../hooks/use-project-mutations';
import { CLEARANCE_UNIT_LABELS, milestoneKindOptions } from '../labels';
import { invalidInput, isConflict, projectMessage, serverFieldErrors } from '../messages';
import { AmountInput, amountEcho, amountRule, amountValue } from './amount-input';

type Values = {
  period: Dayjs;
  disbursed?: string;
  clearanceDone?: string;
  constructionPercent?: number | null;
  milestones?: { kind?: string; actualOn?: Dayjs }[];
  narrative: string;
  evidence?: UploadFile[];
};

const FIELDS = [
  'period',
  'disbursed',
  'clearanceDone',
  'constructionPercent',
  'milestones',
  'narrative',
  'evidence',
] as const;

const FIGURE_REQUIRED =
  'Cần nhập ít nhất một số liệu (giải ngân, GPMB, thi công) hoặc một mốc đã đạt.';

type Props = { project: ProjectDetail; open: boolean; onClose: () => void };

export function UpdateForm({ project, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const send = useSendMonthlyUpdate(project.id);
  const [problems, setProblems] = useState<string[]>([]);
  const disbursed = Form.useWatch('disbursed', form);
  const clearanceDone = Form.useWatch('clearanceDone', form);
  const unit = project.clearance.unit ? CLEARANCE_UNIT_LABELS[project.clearance.unit] : '';

  const submit = (values: Values) => {
    setProblems([]);
    const milestones = (values.milestones ?? []).flatMap((m) =>
      m.kind && m.actualOn ? [{ kind: m.kind, actualOn: m.actualOn.format('YYYY-MM-DD') }] : [],
    );
    const figures = {
      disbursed: amountValue(values.disbursed),
      clearanceDone: amountValue(values.clearanceDone),
      constructionPercent: values.constructionPercent ?? undefined,
    };
    if (
      figures.disbursed === undefined &&
      figures.clearanceDone === undefined &&
      figures.constructionPercent === undefined &&
      milestones.length === 0
    ) {
      form.setFields([{ name: 'disbursed', errors: [FIGURE_REQUIRED] }]);
      return;
    }
    send.mutate(
      {
        version: project.version,
        year: values.period.year(),
        month: values.period.month() + 1,
        ...figures,
        milestones,
        narrative: values.narrative.trim(),
        evidence: (values.evidence ?? []).flatMap((f) =>
          f.originFileObj ? [f.originFileObj] : [],
        ),
      },
      {
        onSuccess: (update) => {
          void message.success(
            update.status === 'pending'
              ? 'Đã gửi báo cáo tháng: chờ lãnh đạo đơn vị duyệt.'
              : 'Đã cập nhật số liệu tháng của dự án.',
          );
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          const { fields, rest } = serverFieldErrors(error, [...FIELDS, 'year', 'month']);
          form.setFields(
            fields.map((f) =>
              f.name[0] === 'year' || f.name[0] === 'month' ? { ...f, name: ['period'] } : f,
            ) as Parameters<typeof form.setFields>[0],
          );
          setProblems(rest);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={`Cập nhật tháng: ${project.name}`}
      onCancel={onClose}
      afterOpenChange={(opened) => opened && send.reset()}
      footer={null}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="project-update-form"
        initialValues={{ period: dayjs().startOf('month'), milestones: [], evidence: [] }}
        onFinish={submit}
        disabled={send.isPending}
      >
        <Form.Item
          name="period"
          label="Tháng báo cáo"
          rules={[{ required: true, message: 'Cần chọn tháng báo cáo' }]}
        >
          <DatePicker
            picker="month"
            format="MM/YYYY"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            data-testid="project-update-month"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="disbursed"
            label="Giải ngân trong tháng"
            rules={[amountRule]}
            extra={
              amountEcho(disbursed, 'tỷ đồng') ??
              'Số giải ngân của riêng tháng này, không phải lũy kế.'
            }
            style={{ flex: '1 1 260px' }}
          >
            <AmountInput
              unit="tỷ đồng"
              testId="project-update-disbursed"
              ariaLabel="Giải ngân trong tháng (tỷ đồng)"
            />
          </Form.Item>
          <Form.Item
            name="clearanceDone"
            label="GPMB đã bàn giao (lũy kế)"
            rules={[amountRule]}
            extra={
              amountEcho(clearanceDone, unit) ??
              (unit
                ? `Tổng khối lượng: ${project.clearance.total === null ? 'chưa có' : formatDecimal(project.clearance.total, 3)} ${unit}`
                : 'Dự án chưa có đơn vị GPMB (ha hoặc hộ): cơ quan tổng hợp khai báo.')
            }
            style={{ flex: '1 1 260px' }}
          >
            <AmountInput
              unit={unit || '—'}
              testId="project-update-clearance"
              ariaLabel="GPMB đã bàn giao"
              placeholder="Ví dụ: 120,5"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="constructionPercent" label="Khối lượng thi công hoàn thành">
          <InputNumber<number>
            min={0}
            max={100}
            precision={0}
            suffix="%"
            style={{ width: 140 }}
            aria-label="Khối lượng thi công hoàn thành (%)"
            data-testid="project-update-construction"
          />
        </Form.Item>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          Mốc đã đạt trong tháng
        </Typography.Text>
        <Form.List name="milestones">
          {(items, { add, remove }) => (
            <Flex vertical gap={0} style={{ marginBottom: 16 }}>
              {items.map((item) => (
                <Flex key={item.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[item.name, 'kind']}
                    rules={[{ required: true, message: 'Cần chọn mốc' }]}
                    style={{ flex: '1 1 220px' }}
                  >
                    <Select
                      placeholder="Mốc"
                      aria-label="Mốc đã đạt"
                      options={milestoneKindOptions}
                      data-testid="project-update-milestone-kind"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'actualOn']}
                    rules={[{ required: true, message: 'Cần chọn ngày đạt' }]}
                  >
                    <DatePicker
                      format="DD/MM/YYYY"
                      placeholder="Ngày đạt"
                      aria-label="Ngày đạt mốc"
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                      data-testid="project-update-milestone-date"
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label="Bỏ mốc này"
                    onClick={() => remove(item.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={items.length >= milestoneKindOptions.length}
                  data-testid="project-update-milestone-add"
                >
                  Thêm mốc đã đạt
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Form.Item
          name="narrative"
          label="Tình hình thực hiện"
          rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung' }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={10_000}
            showCount
            placeholder="Kết quả trong tháng, khó khăn, vướng mắc, đề xuất…"
            data-testid="project-update-narrative"
          />
        </Form.Item>
        <EvidenceField testId="project-update-evidence" />
        {send.isError && (
          <Alert
            type={isConflict(send.error) ? 'warning' : 'error'}
            showIcon
            title={
              problems.length === 0 && invalidInput(send.error)
                ? 'Dữ liệu chưa hợp lệ: xem các ô được đánh dấu đỏ.'
                : projectMessage(send.error)
            }
            description={problems.length > 0 ? problems.join(' ') : undefined}
            action={
              isConflict(send.error) ? (
                <Button size="small" onClick={() => window.location.reload()}>
                  Tải lại trang
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="project-update-error"
          />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          Báo cáo của cán bộ cần được lãnh đạo đơn vị duyệt trước khi số liệu được tính cho dự án.
        </Typography.Paragraph>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={send.isPending}
            data-testid="project-update-submit"
          >
            Gửi báo cáo
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
