// Adding an agency to the registry, or editing one: name, short name, kind, other names (as tags),
// the day it started. Renaming keeps the former name as an other name (so that plans written with
// it still find the agency) unless the user says it was a typo.
import type { AgencyDetail, AgencyKind } from '@features/agencies/schema';
import { App as AntApp, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { FormFooter } from '../../../app/form-footer';
import { useCreateAgency, useUpdateAgency } from '../hooks/use-agency-edits';
import { AGENCY_KIND_LABELS } from '../labels';
import { agencyEditMessage, agencyFieldErrors } from '../messages';

type Values = {
  name: string;
  shortName?: string;
  kind: AgencyKind;
  aliases: string[];
  code?: string;
  inForceFrom: Dayjs | null;
  keepFormerNames: boolean;
};

const FIELDS = ['name', 'shortName', 'kind', 'aliases', 'code', 'inForceFrom'] as const;

const kindOptions = (Object.keys(AGENCY_KIND_LABELS) as AgencyKind[]).map((k) => ({
  value: k,
  label: AGENCY_KIND_LABELS[k],
}));

const key = (s: string | undefined | null) =>
  (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** Other names: each at most 300 characters, at most 50. */
const aliasRule = {
  validator: (_: unknown, value: string[] | undefined) => {
    const list = value ?? [];
    if (list.length > 50) return Promise.reject(new Error('Tối đa 50 tên gọi khác.'));
    if (list.some((a) => a.trim().length > 300))
      return Promise.reject(new Error('Mỗi tên gọi khác tối đa 300 ký tự.'));
    return Promise.resolve();
  },
};

type Props = {
  /** The agency to edit; absent to add one. */
  agency?: AgencyDetail;
  onClose: () => void;
  onSaved?: (agency: AgencyDetail) => void;
};

export function AgencyFormModal({ agency, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateAgency();
  const update = useUpdateAgency(agency?.id ?? '');
  const mutation = agency ? update : create;
  const { message } = AntApp.useApp();
  const name = Form.useWatch('name', form);
  const shortName = Form.useWatch('shortName', form);
  const renamed =
    agency !== undefined &&
    (key(name) !== key(agency.name) ||
      (agency.shortName !== null && key(shortName) !== key(agency.shortName)));

  // The server's complaints about single fields, on those fields.
  useEffect(() => {
    const errors = agencyFieldErrors(mutation.error, FIELDS);
    if (errors.length > 0) form.setFields(errors);
  }, [mutation.error, form]);

  const onFinish = (v: Values) => {
    const common = {
      name: v.name,
      shortName: v.shortName?.trim() ? v.shortName : null,
      kind: v.kind,
      aliases: v.aliases.map((a) => a.trim()).filter(Boolean),
      inForceFrom: v.inForceFrom ? v.inForceFrom.format('YYYY-MM-DD') : null,
    };
    const done = (saved: AgencyDetail) => {
      void message.success(agency ? 'Đã lưu thay đổi.' : `Đã thêm ${saved.name}.`);
      onSaved?.(saved);
      onClose();
    };
    if (agency) {
      update.mutate({ ...common, keepFormerNames: v.keepFormerNames }, { onSuccess: done });
    } else {
      create.mutate(
        { ...common, ...(v.code?.trim() ? { code: v.code } : {}) },
        { onSuccess: done },
      );
    }
  };

  return (
    <Modal
      open
      title={agency ? `Sửa thông tin: ${agency.name}` : 'Thêm cơ quan, đơn vị'}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="agency-form"
        disabled={mutation.isPending}
        initialValues={{
          name: agency?.name ?? '',
          shortName: agency?.shortName ?? '',
          kind: agency?.kind,
          aliases: agency?.otherNames ?? [],
          code: '',
          inForceFrom: agency?.inForceFrom ? dayjs(agency.inForceFrom) : null,
          keepFormerNames: true,
        }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label="Tên cơ quan, đơn vị"
          rules={[
            { required: true, whitespace: true, message: 'Nhập tên cơ quan, đơn vị.' },
            { max: 300, message: 'Tên tối đa 300 ký tự.' },
          ]}
        >
          <Input placeholder="Ví dụ: Sở Ngoại vụ" data-testid="agency-form-name" />
        </Form.Item>
        {renamed && (
          <Form.Item
            name="keepFormerNames"
            valuePropName="checked"
            extra="Kế hoạch ban hành trước đây ghi tên cũ vẫn nhận ra cơ quan này. Bỏ chọn nếu chỉ sửa lỗi chính tả."
          >
            <Checkbox data-testid="agency-form-keep">Giữ tên cũ làm tên gọi khác</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="shortName"
          label="Tên viết tắt"
          rules={[{ max: 100, message: 'Tên viết tắt tối đa 100 ký tự.' }]}
        >
          <Input placeholder="Ví dụ: Sở NgV" data-testid="agency-form-short" />
        </Form.Item>
        <Form.Item
          name="kind"
          label="Loại"
          rules={[{ required: true, message: 'Chọn loại cơ quan.' }]}
        >
          <Select options={kindOptions} placeholder="Chọn loại" data-testid="agency-form-kind" />
        </Form.Item>
        <Form.Item
          name="aliases"
          label="Tên gọi khác"
          extra="Các cách văn bản viết tên cơ quan này. Gõ tên rồi nhấn Enter để thêm."
          rules={[aliasRule]}
        >
          <Select
            mode="tags"
            tokenSeparators={[';']}
            notFoundContent={null}
            open={false}
            placeholder="Ví dụ: Sở Ngoại vụ"
            data-testid="agency-form-aliases"
          />
        </Form.Item>
        {!agency && (
          <Form.Item
            name="code"
            label="Mã"
            extra="Để trống để tự tạo từ tên viết tắt. Mã dùng trong tệp kế hoạch và không đổi được sau khi tạo."
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              {
                pattern: /^([A-Z0-9][A-Z0-9_-]{0,39})?$/,
                message:
                  'Mã chỉ gồm chữ in hoa không dấu, chữ số, dấu gạch ngang (tối đa 40 ký tự).',
              },
            ]}
          >
            <Input placeholder="Ví dụ: SNGV" data-testid="agency-form-code" />
          </Form.Item>
        )}
        <Form.Item
          name="inForceFrom"
          label="Hoạt động từ ngày"
          extra="Để trống nếu cơ quan đã hoạt động từ trước."
          rules={[
            {
              validator: (_, value: Dayjs | null) =>
                value && agency?.inForceTo && value.format('YYYY-MM-DD') >= agency.inForceTo
                  ? Promise.reject(new Error('Phải trước ngày kết thúc hoạt động.'))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker format="DD/MM/YYYY" data-testid="agency-form-from" />
        </Form.Item>
        <FormFooter
          error={mutation.isError ? agencyEditMessage(mutation.error) : null}
          pending={mutation.isPending}
          onCancel={onClose}
          submitLabel={agency ? 'Lưu' : 'Thêm'}
          testId="agency-form-submit"
        />
      </Form>
    </Modal>
  );
}
