// The consolidator completes a project: sector, investment form, owner (an agency of the registry
// and/or the name as written), total investment, approval documents, period, communes, site
// clearance unit and total, planned milestone dates, and the tasks and targets it is linked to.
// The project's version goes with it: if someone changed the project meanwhile (409), the form says
// so and asks to reload.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MilestoneKind, ProjectDetail, ProjectEdit } from '@features/projects/schema';
import {
  Alert,
  App,
  Button,
  DatePicker,
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
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDate } from '../../../app/format';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { AgencyPicker, type AgencyValue } from '../../tasks/components/agency-picker';
import {
  useCommuneOptions,
  usePlanTargetOptions,
  usePlanTaskOptions,
} from '../hooks/use-link-options';
import { useEditProject } from '../hooks/use-project-mutations';
import {
  CLEARANCE_UNIT_LABELS,
  CLEARANCE_UNITS,
  investmentFormOptions,
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
} from '../labels';
import { invalidInput, isConflict, projectMessage, serverFieldErrors } from '../messages';
import { AmountInput, amountEcho, amountRule, amountValue } from './amount-input';

type Labelled = { value: string; label: string };

type Values = {
  sector?: string;
  investmentForm?: ProjectEdit['investmentForm'];
  ownerAgency?: AgencyValue | null;
  owner?: string;
  totalInvestment?: string;
  startYear?: number | null;
  endYear?: number | null;
  approvalDocuments: { number?: string; issuedOn?: Dayjs | null; title?: string }[];
  communeCodes: string[];
  clearanceUnit?: ProjectEdit['clearanceUnit'];
  clearanceTotal?: string;
  planned: Partial<Record<MilestoneKind, Dayjs | null>>;
  tasks: Labelled[];
  targets: Labelled[];
};

/** Server field → form field. */
const FIELD_OF: Record<string, string> = {
  ownerAgencyId: 'ownerAgency',
  taskIds: 'tasks',
  targetIds: 'targets',
};
const FORM_FIELDS = [
  'sector',
  'investmentForm',
  'ownerAgency',
  'owner',
  'totalInvestment',
  'startYear',
  'endYear',
  'approvalDocuments',
  'communeCodes',
  'clearanceUnit',
  'clearanceTotal',
  'tasks',
  'targets',
];

const toInput = (value: string | null) => (value ? value.replace('.', ',') : undefined);
const textOrNull = (value: string | undefined) => value?.trim() || null;

function initialValues(project: ProjectDetail): Values {
  const planned: Values['planned'] = {};
  for (const m of project.milestones) planned[m.kind] = m.plannedOn ? dayjs(m.plannedOn) : null;
  return {
    sector: project.sector ?? undefined,
    investmentForm: project.investmentForm,
    ownerAgency: project.owner.agency
      ? { value: project.owner.agency.id, label: project.owner.agency.name }
      : null,
    owner: project.owner.name ?? undefined,
    totalInvestment: toInput(project.totalInvestment),
    startYear: project.startYear,
    endYear: project.endYear,
    approvalDocuments: project.approvalDocuments.map((d) => ({
      number: d.number,
      issuedOn: d.issuedOn ? dayjs(d.issuedOn) : null,
      title: d.title ?? undefined,
    })),
    communeCodes: project.communes.map((c) => c.code),
    clearanceUnit: project.clearance.unit,
    clearanceTotal: toInput(project.clearance.total),
    planned,
    tasks: project.tasks.map((t) => ({ value: t.id, label: t.title })),
    targets: project.targets.map((t) => ({ value: t.id, label: t.indicator })),
  };
}

function bodyOf(project: ProjectDetail, v: Values): ProjectEdit {
  return {
    version: project.version,
    sector: textOrNull(v.sector),
    investmentForm: v.investmentForm ?? null,
    ownerAgencyId: v.ownerAgency?.value ?? null,
    owner: textOrNull(v.owner),
    totalInvestment: amountValue(v.totalInvestment) ?? null,
    approvalDocuments: v.approvalDocuments.flatMap((d) =>
      d.number?.trim()
        ? [
            {
              number: d.number.trim(),
              issuedOn: d.issuedOn ? d.issuedOn.format('YYYY-MM-DD') : null,
              title: textOrNull(d.title),
            },
          ]
        : [],
    ),
    startYear: v.startYear ?? null,
    endYear: v.endYear ?? null,
    communeCodes: v.communeCodes.map((c) => c.trim()).filter(Boolean),
    clearanceUnit: v.clearanceUnit ?? null,
    clearanceTotal: amountValue(v.clearanceTotal) ?? null,
    milestones: MILESTONE_KINDS.map((kind) => ({
      kind,
      plannedOn: v.planned[kind] ? (v.planned[kind] as Dayjs).format('YYYY-MM-DD') : null,
    })),
    taskIds: v.tasks.map((t) => t.value),
    targetIds: v.targets.map((t) => t.value),
  };
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
  const tasks = usePlanTaskOptions(planId, debounced, opened);
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
      placeholder="Gõ để tìm nhiệm vụ của kế hoạch"
      aria-label="Nhiệm vụ liên quan"
      data-testid="project-edit-tasks"
    />
  );
}

function TargetsSelect({
  planId,
  value,
  onChange,
}: {
  planId: string;
  value?: Labelled[];
  onChange?: (value: Labelled[]) => void;
}) {
  const [opened, setOpened] = useState(false);
  const targets = usePlanTargetOptions(planId, opened);
  return (
    <Select<Labelled[]>
      mode="multiple"
      labelInValue
      allowClear
      value={value ?? []}
      onChange={(v) => onChange?.(v.map((x) => ({ value: x.value, label: String(x.label) })))}
      showSearch={{ optionFilterProp: 'label' }}
      onOpenChange={(open) => open && setOpened(true)}
      loading={targets.isFetching}
      options={(targets.data?.items ?? []).map((t) => ({ value: t.id, label: t.indicator }))}
      placeholder="Chọn chỉ tiêu của kế hoạch"
      aria-label="Chỉ tiêu liên quan"
      data-testid="project-edit-targets"
    />
  );
}

type Props = { project: ProjectDetail; open: boolean; onClose: () => void };

export function EditForm({ project, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const edit = useEditProject(project.id);
  const communes = useCommuneOptions(open);
  const [problems, setProblems] = useState<string[]>([]);
  const totalInvestment = Form.useWatch('totalInvestment', form);
  const clearanceTotal = Form.useWatch('clearanceTotal', form);
  const clearanceUnit = Form.useWatch('clearanceUnit', form);
  const actual = new Map(project.milestones.map((m) => [m.kind, m.actualOn]));

  const submit = (values: Values) => {
    setProblems([]);
    edit.mutate(bodyOf(project, values), {
      onSuccess: () => {
        void message.success('Đã lưu thông tin dự án.');
        onClose();
      },
      onError: (error) => {
        const { fields, rest } = serverFieldErrors(error, [
          ...FORM_FIELDS,
          ...Object.keys(FIELD_OF),
        ]);
        form.setFields(
          fields.map((f) => {
            const top = String(f.name[0]);
            return FIELD_OF[top] ? { ...f, name: [FIELD_OF[top]] } : f;
          }) as Parameters<typeof form.setFields>[0],
        );
        setProblems(rest);
      },
    });
  };

  return (
    <Modal
      open={open}
      title="Sửa thông tin dự án"
      onCancel={onClose}
      afterOpenChange={(opened) => opened && edit.reset()}
      footer={null}
      width={820}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="project-edit-form"
        initialValues={initialValues(project)}
        onFinish={submit}
        disabled={edit.isPending}
      >
        <Flex gap={16} wrap>
          <Form.Item name="investmentForm" label="Hình thức đầu tư" style={{ flex: '1 1 220px' }}>
            <Select
              allowClear
              placeholder="Chưa rõ"
              options={investmentFormOptions}
              data-testid="project-edit-form-select"
            />
          </Form.Item>
          <Form.Item name="sector" label="Lĩnh vực" style={{ flex: '1 1 220px' }}>
            <Input maxLength={200} placeholder="Ví dụ: Giao thông" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="ownerAgency"
            label="Chủ đầu tư (cơ quan trong danh mục)"
            style={{ flex: '1 1 300px' }}
          >
            <AgencyPicker
              status="active"
              placeholder="Gõ để tìm cơ quan"
              testId="project-edit-owner-agency"
            />
          </Form.Item>
          <Form.Item
            name="owner"
            label="Chủ đầu tư theo văn bản"
            extra="Khi chủ đầu tư không thuộc danh mục cơ quan (doanh nghiệp, nhà đầu tư…)."
            style={{ flex: '1 1 300px' }}
          >
            <Input maxLength={500} data-testid="project-edit-owner" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="totalInvestment"
            label="Tổng mức đầu tư"
            rules={[amountRule]}
            extra={amountEcho(totalInvestment, 'tỷ đồng')}
            style={{ flex: '1 1 260px' }}
          >
            <AmountInput
              unit="tỷ đồng"
              testId="project-edit-total"
              ariaLabel="Tổng mức đầu tư (tỷ đồng)"
            />
          </Form.Item>
          <Form.Item name="startYear" label="Năm bắt đầu">
            <InputNumber<number> min={1945} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="endYear"
            label="Năm hoàn thành"
            dependencies={['startYear']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, end: number | null | undefined) => {
                  const start = getFieldValue('startYear') as number | null | undefined;
                  return end && start && end < start
                    ? Promise.reject(new Error('Năm hoàn thành phải từ năm bắt đầu trở đi'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber<number> min={1945} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Flex>

        <Divider titlePlacement="start" plain>
          Văn bản phê duyệt
        </Divider>
        <Form.List name="approvalDocuments">
          {(items, { add, remove }) => (
            <Flex vertical style={{ marginBottom: 16 }}>
              {items.map((item) => (
                <Flex key={item.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[item.name, 'number']}
                    rules={[{ required: true, whitespace: true, message: 'Cần nhập số, ký hiệu' }]}
                    style={{ flex: '0 1 200px' }}
                  >
                    <Input placeholder="Số, ký hiệu (vd: 123/QĐ-UBND)" aria-label="Số, ký hiệu" />
                  </Form.Item>
                  <Form.Item name={[item.name, 'issuedOn']}>
                    <DatePicker
                      format="DD/MM/YYYY"
                      placeholder="Ngày ban hành"
                      aria-label="Ngày ban hành"
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'title']} style={{ flex: '1 1 220px' }}>
                    <Input placeholder="Trích yếu" aria-label="Trích yếu" maxLength={1000} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label="Bỏ văn bản này"
                    onClick={() => remove(item.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={items.length >= 30}
                >
                  Thêm văn bản
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain>
          Địa điểm và giải phóng mặt bằng
        </Divider>
        <Form.Item
          name="communeCodes"
          label="Xã, phường nơi có dự án"
          extra="Xã, phường theo danh mục đơn vị hành chính từ 01/7/2025; gõ tên để tìm."
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={communes.isPending}
            options={(communes.data?.items ?? project.communes).map((c) => ({
              value: c.code,
              label: `${c.name} (${c.code})`,
            }))}
            placeholder="Chưa có"
            aria-label="Xã, phường nơi có dự án"
            data-testid="project-edit-communes"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="clearanceUnit" label="Đơn vị GPMB" style={{ flex: '0 1 200px' }}>
            <Select
              allowClear
              placeholder="Chưa có"
              options={CLEARANCE_UNITS.map((u) => ({
                value: u,
                label: u === 'ha' ? 'Diện tích (ha)' : 'Số hộ (hộ)',
              }))}
            />
          </Form.Item>
          <Form.Item
            name="clearanceTotal"
            label="Tổng khối lượng GPMB"
            rules={[amountRule]}
            extra={amountEcho(
              clearanceTotal,
              clearanceUnit ? CLEARANCE_UNIT_LABELS[clearanceUnit] : '',
            )}
            style={{ flex: '1 1 260px' }}
          >
            <AmountInput
              unit={clearanceUnit ? CLEARANCE_UNIT_LABELS[clearanceUnit] : '—'}
              ariaLabel="Tổng khối lượng GPMB"
              placeholder="Ví dụ: 120,5"
            />
          </Form.Item>
        </Flex>

        <Divider titlePlacement="start" plain>
          Ngày kế hoạch của các mốc
        </Divider>
        <Flex gap={16} wrap>
          {MILESTONE_KINDS.map((kind) => (
            <Form.Item
              key={kind}
              name={['planned', kind]}
              label={MILESTONE_KIND_LABELS[kind]}
              extra={actual.get(kind) ? `Thực tế: ${formatDate(actual.get(kind))}` : undefined}
              style={{ flex: '0 1 200px' }}
            >
              <DatePicker
                format="DD/MM/YYYY"
                placeholder="Chưa có"
                aria-label={`Ngày kế hoạch: ${MILESTONE_KIND_LABELS[kind]}`}
                data-testid={`project-edit-planned-${kind}`}
              />
            </Form.Item>
          ))}
        </Flex>

        <Divider titlePlacement="start" plain>
          Liên kết
        </Divider>
        <Form.Item name="tasks" label="Nhiệm vụ liên quan">
          <TasksSelect planId={project.plan.id} />
        </Form.Item>
        <Form.Item name="targets" label="Chỉ tiêu liên quan">
          <TargetsSelect planId={project.plan.id} />
        </Form.Item>

        {edit.isError && (
          <Alert
            type={isConflict(edit.error) ? 'warning' : 'error'}
            showIcon
            title={
              problems.length === 0 && invalidInput(edit.error)
                ? 'Dữ liệu chưa hợp lệ: xem các ô được đánh dấu đỏ.'
                : projectMessage(edit.error)
            }
            description={problems.length > 0 ? problems.join(' ') : undefined}
            action={
              isConflict(edit.error) ? (
                <Button size="small" onClick={() => window.location.reload()}>
                  Tải lại trang
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="project-edit-error"
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            Hủy
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={edit.isPending}
            data-testid="project-edit-submit"
          >
            Lưu
          </Button>
        </Flex>
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 13, marginTop: 12, marginBottom: 0 }}
        >
          Ngày thực tế của các mốc, số giải ngân, GPMB và thi công do chủ đầu tư báo cáo hằng tháng.
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
