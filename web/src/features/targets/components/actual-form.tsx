import { isoDateInVietnam } from '@domain/calendar';
import type { TargetDetail } from '@features/targets/schema';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Typography,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { EvidenceField } from '../../tasks/components/evidence-field';
import { actualText, typedValue, unitOf, valueEcho, valueRule } from '../figures';
import { useReportActual } from '../hooks/use-target-mutations';
import { type Assessment, assessmentOptions, isQuantity, KIND_LABELS } from '../labels';
import { isConflict, serverFieldErrors, targetMessage } from '../messages';
import { capitalised, firstReportableYear, reportablePeriods } from '../periods';

type Values = {
  period?: string;
  value?: string;
  achieved?: 'true' | 'false';
  assessment?: Assessment;
  note: string;
  evidence?: UploadFile[];
};

const FIELDS = ['period', 'value', 'achieved', 'assessment', 'note', 'evidence'] as const;

type Props = { target: TargetDetail; open: boolean; onClose: () => void };

export function ActualForm({ target, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const send = useReportActual(target.id);
  const [problems, setProblems] = useState<string[]>([]);
  // The version the form was opened on: a change made meanwhile is refused (409), never overwritten.
  const [version] = useState(target.version);
  const value = Form.useWatch('value', form);
  const period = Form.useWatch('period', form);
  const unit = unitOf(target);
  const quantity = isQuantity(target.kind);

  const periods = useMemo(() => {
    const today = isoDateInVietnam();
    const thisYear = Number(today.slice(0, 4));
    const pending = new Set(
      target.reports.filter((r) => r.status === 'pending').map((r) => r.period),
    );
    const counted = new Map(target.actuals.map((a) => [a.period, a]));
    return reportablePeriods(
      target.reportingFrequency,
      today,
      firstReportableYear(target.baseline?.year ?? null, thisYear),
    ).map((p) => {
      const has = counted.get(p.key);
      const suffix = pending.has(p.key)
        ? ' – đang có báo cáo chờ duyệt'
        : has
          ? ' – đã có số liệu, gửi để đính chính'
          : '';
      return {
        value: p.key,
        label: `${capitalised(p.label)}${suffix}`,
        disabled: pending.has(p.key),
      };
    });
  }, [target]);
  const correcting = period ? target.actuals.find((a) => a.period === period) : undefined;

  const submit = (values: Values) => {
    setProblems([]);
    if (!values.period) return;
    send.mutate(
      {
        version,
        period: values.period,
        ...(quantity ? { value: typedValue(values.value) } : {}),
        ...(target.kind === 'milestone' ? { achieved: values.achieved === 'true' } : {}),
        ...(target.kind === 'qualitative' ? { assessment: values.assessment } : {}),
        note: values.note.trim(),
        evidence: (values.evidence ?? []).flatMap((f) =>
          f.originFileObj ? [f.originFileObj] : [],
        ),
      },
      {
        onSuccess: (report) => {
          void message.success(
            report.status === 'pending'
              ? 'Đã gửi báo cáo số liệu: chờ lãnh đạo đơn vị duyệt.'
              : 'Đã cập nhật số liệu thực hiện của chỉ tiêu.',
          );
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          const { fields, rest } = serverFieldErrors(error, (path) => {
            const top = path[0];
            return typeof top === 'string' && (FIELDS as readonly string[]).includes(top)
              ? [top]
              : undefined;
          });
          form.setFields(fields as Parameters<typeof form.setFields>[0]);
          setProblems(rest);
        },
      },
    );
  };

  const head = user.role === 'agency_head';

  return (
    <Modal
      open={open}
      title={`Báo cáo số liệu: ${target.indicator}`}
      onCancel={onClose}
      afterOpenChange={(opened) => opened && send.reset()}
      footer={null}
      width={680}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="actual-form"
        initialValues={{ period: periods.find((p) => !p.disabled)?.value, evidence: [] }}
        onFinish={submit}
        disabled={send.isPending}
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {`${KIND_LABELS[target.kind]}: ${
            quantity
              ? `nhập giá trị thực hiện${unit ? ` (${unit})` : ''} tính đến hết kỳ`
              : target.kind === 'milestone'
                ? 'chọn đã đạt hay chưa đạt tính đến hết kỳ'
                : 'chọn đánh giá của cơ quan chủ trì'
          }. Số liệu năm được báo cáo từ ngày 01/12; số liệu 6 tháng, quý, tháng sau khi hết kỳ.`}
        </Typography.Paragraph>
        <Form.Item
          name="period"
          label="Kỳ báo cáo"
          rules={[{ required: true, message: 'Cần chọn kỳ báo cáo' }]}
          extra={
            correcting
              ? `Số liệu đang được tính cho kỳ này: ${actualText(target, correcting)}. Báo cáo mới sẽ đính chính số liệu này khi được duyệt.`
              : undefined
          }
        >
          <Select
            options={periods}
            placeholder="Chọn kỳ"
            aria-label="Kỳ báo cáo"
            notFoundContent="Chưa có kỳ nào kết thúc để báo cáo"
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="actual-period"
          />
        </Form.Item>
        {quantity && (
          <Form.Item
            name="value"
            label="Giá trị thực hiện"
            rules={[
              { required: true, whitespace: true, message: 'Cần nhập giá trị thực hiện' },
              valueRule,
            ]}
            extra={valueEcho(value, unit) ?? 'Gõ theo cách viết Việt Nam: 1.234,5'}
          >
            <Input
              inputMode="decimal"
              suffix={unit ?? undefined}
              placeholder="Ví dụ: 12,5"
              aria-label="Giá trị thực hiện"
              style={{ maxWidth: 280 }}
              data-testid="actual-value"
            />
          </Form.Item>
        )}
        {target.kind === 'milestone' && (
          <Form.Item
            name="achieved"
            label="Kết quả"
            rules={[{ required: true, message: 'Cần chọn đã đạt hay chưa đạt' }]}
          >
            <Radio.Group
              aria-label="Kết quả"
              data-testid="actual-value"
              options={[
                { value: 'true', label: 'Đã đạt' },
                { value: 'false', label: 'Chưa đạt' },
              ]}
            />
          </Form.Item>
        )}
        {target.kind === 'qualitative' && (
          <Form.Item
            name="assessment"
            label="Đánh giá của cơ quan chủ trì"
            rules={[{ required: true, message: 'Cần chọn đánh giá' }]}
          >
            <Radio.Group
              aria-label="Đánh giá"
              data-testid="actual-value"
              options={assessmentOptions}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label="Ghi chú, giải trình"
          rules={[{ required: true, whitespace: true, message: 'Cần nhập ghi chú' }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={10_000}
            showCount
            placeholder="Nguồn số liệu, cách tính, khó khăn, vướng mắc…"
            data-testid="actual-note"
          />
        </Form.Item>
        <EvidenceField testId="actual-evidence" />
        {send.isError && (
          <Alert
            type={isConflict(send.error) ? 'warning' : 'error'}
            showIcon
            title={targetMessage(send.error)}
            description={problems.length > 0 ? problems.join(' ') : undefined}
            action={
              isConflict(send.error) ? (
                <Button size="small" onClick={() => window.location.reload()}>
                  Tải lại trang
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="actual-error"
          />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {head
            ? 'Báo cáo của lãnh đạo đơn vị được tính ngay.'
            : 'Báo cáo của cán bộ cần được lãnh đạo đơn vị duyệt trước khi số liệu được tính cho chỉ tiêu.'}
        </Typography.Paragraph>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={send.isPending}
            data-testid="actual-submit"
          >
            Gửi báo cáo
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
