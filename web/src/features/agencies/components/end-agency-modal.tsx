// Ending an agency ("Kết thúc hoạt động"): from which day it no longer exists and, optionally, who
// takes over — one agency (merge) or several (split), recorded as a succession that the
// administrator then applies to running tasks under Quản trị › Tổ chức lại.
import type { AgencyDetail } from '@features/agencies/schema';
import { Alert, App as AntApp, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormFooter } from '../../../app/form-footer';
import { formatDate } from '../../../app/format';
import {
  AgenciesPicker,
  AgencyPicker,
  type AgencyValue,
} from '../../tasks/components/agency-picker';
import { useEndAgency } from '../hooks/use-agency-edits';
import { agencyEditMessage } from '../messages';

type Mode = 'none' | 'merge' | 'split';

type Values = {
  endsOn: Dayjs | null;
  mode: Mode;
  successor: AgencyValue | null;
  successors: AgencyValue[];
  note?: string;
};

const MODE_HELP: Record<Mode, string> = {
  none: 'Các nhiệm vụ đang giao cho cơ quan này vẫn ghi cho cơ quan này cho đến khi được giao lại.',
  merge:
    'Sau khi ghi nhận, vào Quản trị › Tổ chức lại và bấm “Áp dụng” để chuyển các nhiệm vụ đang thực hiện sang cơ quan kế thừa.',
  split:
    'Sau khi ghi nhận và áp dụng (Quản trị › Tổ chức lại), mỗi nhiệm vụ đang thực hiện chờ người có thẩm quyền chọn cơ quan tiếp nhận trong danh sách này.',
};

export function EndAgencyModal({ agency, onClose }: { agency: AgencyDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const end = useEndAgency(agency.id);
  const { message } = AntApp.useApp();
  const mode = Form.useWatch('mode', form) ?? 'none';

  const onFinish = (v: Values) => {
    const successorIds =
      v.mode === 'merge' ? [v.successor?.value as string] : v.successors.map((s) => s.value);
    end.mutate(
      {
        endsOn: (v.endsOn as Dayjs).format('YYYY-MM-DD'),
        ...(v.mode === 'none' ? {} : { succession: { kind: v.mode, successorIds } }),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(
            v.mode === 'none'
              ? `Đã ghi nhận ${agency.name} kết thúc hoạt động.`
              : 'Đã ghi nhận. Vào Quản trị › Tổ chức lại để áp dụng cho các nhiệm vụ đang thực hiện.',
          );
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`Kết thúc hoạt động: ${agency.name}`}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="agency-end-form"
        disabled={end.isPending}
        initialValues={{ endsOn: null, mode: 'none', successor: null, successors: [] }}
        onFinish={onFinish}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Kế hoạch vẫn giữ tên cơ quan như văn bản đã ghi; từ ngày kết thúc, cơ quan không còn được chọn để giao việc mới."
        />
        <Form.Item
          name="endsOn"
          label="Kết thúc hoạt động từ ngày"
          extra="Ngày đầu tiên cơ quan không còn hoạt động (ngày hiệu lực của quyết định)."
          rules={[
            { required: true, message: 'Chọn ngày kết thúc hoạt động.' },
            {
              validator: (_, value: Dayjs | null) =>
                value && agency.inForceFrom && value.format('YYYY-MM-DD') <= agency.inForceFrom
                  ? Promise.reject(
                      new Error(
                        `Phải sau ngày bắt đầu hoạt động (${formatDate(agency.inForceFrom)}).`,
                      ),
                    )
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker format="DD/MM/YYYY" data-testid="agency-end-date" />
        </Form.Item>
        <Form.Item name="mode" label="Cơ quan kế thừa" extra={MODE_HELP[mode]}>
          <Radio.Group
            data-testid="agency-end-mode"
            options={[
              { value: 'none', label: 'Không có' },
              { value: 'merge', label: 'Hợp nhất vào một cơ quan' },
              { value: 'split', label: 'Chia tách cho nhiều cơ quan' },
            ]}
          />
        </Form.Item>
        {mode === 'merge' && (
          <Form.Item
            name="successor"
            label="Cơ quan tiếp nhận"
            rules={[{ required: true, message: 'Chọn cơ quan kế thừa.' }]}
          >
            <AgencyPicker placeholder="Tìm cơ quan" testId="agency-end-successor" />
          </Form.Item>
        )}
        {mode === 'split' && (
          <Form.Item
            name="successors"
            label="Các cơ quan tiếp nhận"
            rules={[
              {
                validator: (_, value: AgencyValue[] | undefined) =>
                  (value?.length ?? 0) >= 2
                    ? Promise.resolve()
                    : Promise.reject(new Error('Chia tách cần ít nhất hai cơ quan kế thừa.')),
              },
            ]}
          >
            <AgenciesPicker placeholder="Tìm cơ quan" testId="agency-end-successors" />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label="Căn cứ, ghi chú"
          rules={[{ max: 2000, message: 'Tối đa 2000 ký tự.' }]}
        >
          <Input.TextArea rows={2} placeholder="Ví dụ: Quyết định số …/QĐ-UBND" />
        </Form.Item>
        <FormFooter
          error={end.isError ? agencyEditMessage(end.error) : null}
          pending={end.isPending}
          onCancel={onClose}
          submitLabel="Kết thúc hoạt động"
          testId="agency-end-submit"
        />
      </Form>
    </Modal>
  );
}
