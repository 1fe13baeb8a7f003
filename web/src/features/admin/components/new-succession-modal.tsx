// Recording a reorganisation decided after the registry was loaded: which agency ends, how
// (merge, split, abolition), from when, and who succeeds it. Applying it to running tasks stays a
// separate, explicit step in the table.
import type { CreateSuccessionBody } from '@features/reorganisation/schema';
import { App as AntApp, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../../app/api';
import { FormFooter } from '../../../app/form-footer';
import {
  AgenciesPicker,
  AgencyPicker,
  type AgencyValue,
} from '../../tasks/components/agency-picker';
import { useCreateSuccession } from '../hooks/use-reorganisation';
import { SUCCESSION_KIND_LABELS } from '../labels';

type Values = {
  predecessor: AgencyValue | null;
  kind: CreateSuccessionBody['kind'];
  effectiveOn: Dayjs | null;
  successors: AgencyValue[];
  note?: string;
};

const MESSAGES: Record<string, string> = {
  merge_needs_one: 'Hợp nhất cần đúng một cơ quan kế thừa.',
  split_needs_several: 'Chia tách cần ít nhất hai cơ quan kế thừa.',
  successor_is_predecessor: 'Cơ quan kế thừa không thể là chính cơ quan kết thúc.',
  succession_exists: 'Cơ quan này đã có một sắp xếp được ghi nhận.',
  agency_ended: 'Cơ quan đã kết thúc hoạt động trước ngày hiệu lực.',
};

export function NewSuccessionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSuccession();
  const { message } = AntApp.useApp();
  const kind = Form.useWatch('kind', form);
  const error = create.error as { code?: string } | null;
  return (
    <Modal open title="Ghi nhận sắp xếp cơ quan" onCancel={onClose} footer={null} width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="succession-form"
        initialValues={{ kind: 'merge', successors: [], predecessor: null, effectiveOn: null }}
        disabled={create.isPending}
        onFinish={(v) =>
          create.mutate(
            {
              predecessorId: v.predecessor?.value as string,
              kind: v.kind,
              effectiveOn: (v.effectiveOn as Dayjs).format('YYYY-MM-DD'),
              successorIds: v.successors.map((s) => s.value),
              ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            },
            {
              onSuccess: () => {
                void message.success(
                  'Đã ghi nhận. Bấm “Áp dụng” để chuyển các nhiệm vụ đang thực hiện.',
                );
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="predecessor"
          label="Cơ quan kết thúc hoạt động"
          rules={[{ required: true, message: 'Chọn cơ quan' }]}
        >
          <AgencyPicker placeholder="Tìm cơ quan" testId="succession-predecessor" />
        </Form.Item>
        <Form.Item name="kind" label="Hình thức">
          <Radio.Group
            options={(['merge', 'split', 'abolish'] as const).map((k) => ({
              value: k,
              label: SUCCESSION_KIND_LABELS[k],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label="Ngày hiệu lực"
          rules={[{ required: true, message: 'Chọn ngày hiệu lực' }]}
        >
          <DatePicker format="DD/MM/YYYY" data-testid="succession-date" />
        </Form.Item>
        <Form.Item
          name="successors"
          label={kind === 'abolish' ? 'Cơ quan có thể tiếp nhận nhiệm vụ' : 'Cơ quan kế thừa'}
          extra={
            kind === 'merge'
              ? 'Hợp nhất: đúng một cơ quan; nhiệm vụ chuyển tự động khi áp dụng.'
              : 'Nhiệm vụ sẽ chờ người có thẩm quyền chọn cơ quan tiếp nhận trong danh sách này.'
          }
        >
          <AgenciesPicker placeholder="Tìm cơ quan" testId="succession-successors" />
        </Form.Item>
        <Form.Item name="note" label="Căn cứ, ghi chú">
          <Input.TextArea rows={2} maxLength={2000} placeholder="Ví dụ: Nghị quyết số …/NQ-HĐND" />
        </Form.Item>
        <FormFooter
          error={
            create.isError
              ? (error?.code && MESSAGES[error.code]) || errorMessage(create.error)
              : null
          }
          pending={create.isPending}
          onCancel={onClose}
          submitLabel="Ghi nhận"
          testId="succession-submit"
        />
      </Form>
    </Modal>
  );
}
