// "Hoàn thiện chỉ tiêu": the consolidator completes a target – what it measures and how (kind,
// comparator, unit), the baseline (year and value, when the plan gives none), the milestones, who
// answers for it (responsible and contributing agencies), where its figures come from, how often
// they are reported, and the tasks that deliver it. The target's version as the form was opened goes
// with it: if someone changed the target meanwhile (409), the form says so and asks to reload.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TargetDetail, TargetUpdate } from '@features/targets/schema';
import {
  Alert,
  App,
  Button,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import {
  AgenciesPicker,
  AgencyPicker,
  type AgencyValue,
} from '../../tasks/components/agency-picker';
import { typedValue, valueEcho, valueInput, valueRule } from '../figures';
import { useUpdateTarget } from '../hooks/use-target-mutations';
import { useTaskOptions } from '../hooks/use-task-options';
import {
  type Comparator,
  comparatorOptions,
  frequencyOptions,
  isQuantity,
  KIND_HINTS,
  kindOptions,
  type ReportingFrequency,
  type TargetKind,
} from '../labels';
import { CONFLICT_MESSAGE, isConflict, serverFieldErrors, targetMessage } from '../messages';

type Labelled = { value: string; label: string };

type Values = {
  kind: TargetKind;
  comparator: Comparator;
  unit?: string;
  baselineYear?: number | null;
  baselineValue?: string;
  milestones: { year?: number | null; value?: string }[];
  responsibleAgency?: AgencyValue | null;
  contributors: AgencyValue[];
  dataSource?: string;
  reportingFrequency: ReportingFrequency;
  tasks: Labelled[];
};

const textOrNull = (value: string | undefined) => value?.trim() || null;

function initialValues(target: TargetDetail): Values {
  return {
    kind: target.kind,
    comparator: target.comparator,
    unit: target.unit ?? undefined,
    baselineYear: target.baseline?.year ?? null,
    baselineValue: valueInput(target.baseline?.value ?? target.baselineValueWithoutYear),
    milestones: target.milestones.map((m) => ({ year: m.year, value: valueInput(m.value) })),
    responsibleAgency: target.responsibleAgency
      ? { value: target.responsibleAgency.id, label: target.responsibleAgency.name }
      : null,
    contributors: target.contributors.map((a) => ({ value: a.id, label: a.name })),
    dataSource: target.dataSource ?? undefined,
    reportingFrequency: target.reportingFrequency,
    tasks: target.tasks.map((t) => ({ value: t.id, label: t.title })),
  };
}

function bodyOf(version: number, v: Values): TargetUpdate {
  const quantity = isQuantity(v.kind);
  const baselineValue = typedValue(v.baselineValue);
  return {
    version,
    kind: v.kind,
    comparator: v.comparator,
    unit: textOrNull(v.unit),
    baseline:
      quantity && v.baselineYear && baselineValue !== undefined
        ? { year: v.baselineYear, value: baselineValue }
        : null,
    // In the form's order, so that a refusal's index names the row.
    milestones: v.milestones.map((m) => ({
      year: m.year ?? 0,
      value: quantity ? (typedValue(m.value) ?? null) : null,
    })),
    responsibleAgencyId: v.responsibleAgency?.value ?? null,
    dataSource: textOrNull(v.dataSource),
    reportingFrequency: v.reportingFrequency,
    contributorAgencyIds: v.contributors.map((a) => a.value),
    taskIds: v.tasks.map((t) => t.value),
  };
}

/** The form's field for a field of the API's body (undefined: none; the reason goes above the buttons). */
function fieldOf(path: (string | number)[]): (string | number)[] | undefined {
  const [top, index, leaf] = path;
  switch (top) {
    case 'kind':
    case 'comparator':
    case 'unit':
    case 'dataSource':
    case 'reportingFrequency':
      return [top];
    case 'baseline':
      return [index === 'value' ? 'baselineValue' : 'baselineYear'];
    case 'milestones':
      return typeof index === 'number' && (leaf === 'year' || leaf === 'value')
        ? ['milestones', index, leaf]
        : undefined;
    case 'responsibleAgencyId':
      return ['responsibleAgency'];
    case 'contributorAgencyIds':
      return ['contributors'];
    case 'taskIds':
      return ['tasks'];
    default:
      return undefined;
  }
}

function TasksSelect({
  planId,
  value,
  onChange,
}: {
  planId: string;
  value?: Labelled[];
  onChange?: (value: Labelled[]) => void;
}) {
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState(false);
  const debounced = useDebouncedValue(q, 250);
  const tasks = useTaskOptions(planId, debounced, opened);
  const waiting = tasks.isFetching || q !== debounced;
  return (
    <Select<Labelled[]>
      mode="multiple"
      labelInValue
      allowClear
      value={value ?? []}
      onChange={(v) => {
        setQ('');
        onChange?.(v.map((x) => ({ value: x.value, label: String(x.label) })));
      }}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      onOpenChange={(open) => open && setOpened(true)}
      loading={waiting}
      notFoundContent={waiting ? <Spin size="small" /> : 'Không tìm thấy nhiệm vụ'}
      options={(tasks.data?.items ?? []).map((t) => ({
        value: t.id,
        label: t.code ? `${t.code}. ${t.title}` : t.title,
      }))}
      placeholder="Gõ để tìm nhiệm vụ của kế hoạch (có thể gõ không dấu)"
      aria-label="Nhiệm vụ thực hiện chỉ tiêu"
      data-testid="target-edit-tasks"
    />
  );
}

type Props = { target: TargetDetail; open: boolean; onClose: () => void };

export function EditForm({ target, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const update = useUpdateTarget(target.id);
  const [problems, setProblems] = useState<string[]>([]);
  // The version the form was opened on: a change made meanwhile is refused (409), never overwritten.
  const [version] = useState(target.version);
  const kind = Form.useWatch('kind', form) ?? target.kind;
  const unit = Form.useWatch('unit', form);
  const baselineValue = Form.useWatch('baselineValue', form);
  const quantity = isQuantity(kind);
  const shownUnit = unit?.trim() || (kind === 'percentage' ? '%' : null);

  const submit = (values: Values) => {
    setProblems([]);
    update.mutate(bodyOf(version, values), {
      onSuccess: () => {
        void message.success('Đã lưu chỉ tiêu.');
        onClose();
      },
      onError: (error) => {
        const { fields, rest } = serverFieldErrors(error, fieldOf);
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setProblems(rest);
      },
    });
  };

  return (
    <Modal
      open={open}
      title="Hoàn thiện chỉ tiêu"
      onCancel={onClose}
      afterOpenChange={(opened) => opened && update.reset()}
      footer={null}
      width={820}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{target.indicator}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="target-edit-form"
        initialValues={initialValues(target)}
        onFinish={submit}
        disabled={update.isPending}
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="kind"
            label="Loại chỉ tiêu"
            extra={`Cơ quan chủ trì ${KIND_HINTS[kind]}.`}
            rules={[{ required: true, message: 'Cần chọn loại chỉ tiêu' }]}
            style={{ flex: '1 1 220px' }}
          >
            <Select
              options={kindOptions}
              data-testid="target-edit-kind"
              aria-label="Loại chỉ tiêu"
            />
          </Form.Item>
          <Form.Item
            name="comparator"
            label="Yêu cầu"
            rules={[{ required: true, message: 'Cần chọn yêu cầu' }]}
            style={{ flex: '1 1 180px' }}
          >
            <Select
              options={comparatorOptions}
              aria-label="Yêu cầu"
              data-testid="target-edit-comparator"
            />
          </Form.Item>
          <Form.Item name="unit" label="Đơn vị tính" style={{ flex: '1 1 180px' }}>
            <Input
              maxLength={100}
              placeholder="Ví dụ: đô thị, %, km"
              data-testid="target-edit-unit"
            />
          </Form.Item>
        </Flex>

        {quantity && (
          <>
            <Divider titlePlacement="start" plain>
              Giá trị gốc
            </Divider>
            <Flex gap={16} wrap>
              <Form.Item
                name="baselineYear"
                label="Năm gốc"
                dependencies={['baselineValue']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, year: number | null | undefined) =>
                      !year && (getFieldValue('baselineValue') as string | undefined)?.trim()
                        ? Promise.reject(new Error('Cần nhập năm của giá trị gốc'))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <InputNumber<number>
                  min={1945}
                  max={2100}
                  precision={0}
                  style={{ width: 140 }}
                  aria-label="Năm gốc"
                  data-testid="target-edit-baseline-year"
                />
              </Form.Item>
              <Form.Item
                name="baselineValue"
                label="Giá trị gốc"
                dependencies={['baselineYear']}
                rules={[
                  valueRule,
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      getFieldValue('baselineYear') && !value?.trim()
                        ? Promise.reject(new Error('Cần nhập giá trị gốc của năm đã chọn'))
                        : Promise.resolve(),
                  }),
                ]}
                extra={
                  valueEcho(baselineValue, shownUnit) ??
                  'Số liệu ban đầu mà lộ trình bắt đầu từ đó; bỏ trống cả hai ô khi chưa có.'
                }
                style={{ flex: '1 1 260px' }}
              >
                <Input
                  inputMode="decimal"
                  suffix={shownUnit ?? undefined}
                  placeholder="Ví dụ: 12"
                  aria-label="Giá trị gốc"
                  style={{ maxWidth: 280 }}
                  data-testid="target-edit-baseline-value"
                />
              </Form.Item>
            </Flex>
          </>
        )}

        <Divider titlePlacement="start" plain>
          {kind === 'milestone' ? 'Năm phải hoàn thành' : 'Các mốc'}
        </Divider>
        <Form.List name="milestones">
          {(items, { add, remove }) => (
            <Flex vertical style={{ marginBottom: 16 }}>
              {items.map((item) => (
                <Flex
                  key={item.key}
                  gap={8}
                  align="flex-start"
                  wrap
                  data-testid="target-edit-milestone"
                >
                  <Form.Item
                    name={[item.name, 'year']}
                    rules={[{ required: true, message: 'Cần nhập năm' }]}
                    style={{ width: 160 }}
                  >
                    <InputNumber<number>
                      min={1945}
                      max={2100}
                      precision={0}
                      placeholder="Năm"
                      aria-label="Năm của mốc"
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  {quantity && (
                    <Form.Item
                      name={[item.name, 'value']}
                      rules={[
                        { required: true, whitespace: true, message: 'Cần nhập giá trị' },
                        valueRule,
                      ]}
                      style={{ flex: '1 1 220px' }}
                    >
                      <Input
                        inputMode="decimal"
                        suffix={shownUnit ?? undefined}
                        placeholder="Giá trị phải đạt, ví dụ 12,5"
                        aria-label="Giá trị phải đạt"
                        style={{ maxWidth: 280 }}
                      />
                    </Form.Item>
                  )}
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label="Bỏ mốc này"
                    title="Bỏ mốc này"
                    onClick={() => remove(item.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={items.length >= 30}
                  data-testid="target-edit-milestone-add"
                >
                  Thêm mốc
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain>
          Trách nhiệm và số liệu
        </Divider>
        <Flex gap={16} wrap>
          <Form.Item name="responsibleAgency" label="Cơ quan chủ trì" style={{ flex: '1 1 300px' }}>
            <AgencyPicker
              status="active"
              placeholder="Gõ để tìm cơ quan"
              testId="target-edit-responsible"
            />
          </Form.Item>
          <Form.Item
            name="reportingFrequency"
            label="Tần suất báo cáo"
            extra="Ngoài số liệu năm, cơ quan chủ trì báo cáo theo kỳ này."
            style={{ flex: '0 1 220px' }}
          >
            <Select
              options={frequencyOptions}
              aria-label="Tần suất báo cáo"
              data-testid="target-edit-frequency"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="contributors" label="Cơ quan phối hợp">
          <AgenciesPicker
            status="active"
            placeholder="Gõ để tìm cơ quan"
            testId="target-edit-contributors"
          />
        </Form.Item>
        <Form.Item name="dataSource" label="Nguồn số liệu">
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder="Ví dụ: Niên giám thống kê tỉnh; báo cáo của Sở Xây dựng"
            data-testid="target-edit-source"
          />
        </Form.Item>
        <Form.Item name="tasks" label="Nhiệm vụ thực hiện chỉ tiêu">
          <TasksSelect planId={target.plan.id} />
        </Form.Item>

        {update.isError && (
          <Alert
            type={isConflict(update.error) ? 'warning' : 'error'}
            showIcon
            title={isConflict(update.error) ? CONFLICT_MESSAGE : targetMessage(update.error)}
            description={problems.length > 0 ? problems.join(' ') : undefined}
            action={
              isConflict(update.error) ? (
                <Button size="small" onClick={() => window.location.reload()}>
                  Tải lại trang
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="target-edit-error"
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={update.isPending}
            data-testid="target-edit-submit"
          >
            Lưu
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
