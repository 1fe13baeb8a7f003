// Agencies the plan names that the registry does not know, each once with where it occurs. One
// decision per agency: map it to an agency of the registry (which learns the spelling) or add it to
// the registry; every task naming it follows.
import { AGENCY_KINDS, type AgencyKind } from '@features/agencies/schema';
import type { ImportDraft } from '@features/imports/schema';
import { Button, Card, Flex, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AGENCY_KIND_LABELS } from '../../agencies/labels';
import { AgencySelect } from './agency-select';

type Unknown = ImportDraft['review']['unknownAgencies'][number];
export type AgencyDecision =
  | { action: 'map'; agencyId: string }
  | { action: 'create'; name: string; shortName: string | null; kind: AgencyKind };

type Props = {
  agencies: Unknown[];
  disabled: boolean;
  /** Resolves when the draft has been updated; rejects with the API's error. */
  onDecide: (key: string, decision: AgencyDecision) => Promise<void>;
};

function where(u: Unknown): string {
  const lead = u.occurrences.filter((o) => o.role === 'lead').length;
  const coordinator = u.occurrences.length - lead;
  const tasks = new Set(u.occurrences.map((o) => o.task)).size;
  const parts = [
    lead > 0 ? `chủ trì ${lead}` : null,
    coordinator > 0 ? `phối hợp ${coordinator}` : null,
  ];
  return `${tasks} nhiệm vụ (${parts.filter(Boolean).join(', ')})`;
}

/** "Sở Khoa học và Công nghệ" → kind department; a guess the person can change. */
function guessKind(name: string): AgencyKind {
  if (/^sở\s/iu.test(name)) return 'department';
  if (/^ban\s/iu.test(name)) return 'board';
  if (/^văn phòng\s/iu.test(name)) return 'office';
  if (/^(?:công ty|tổng công ty|tập đoàn|ngân hàng)\s/iu.test(name)) return 'enterprise';
  return 'other';
}

export function UnknownAgencies({ agencies, disabled, onDecide }: Props) {
  const [adding, setAdding] = useState<Unknown | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; shortName?: string; kind: AgencyKind }>();
  if (agencies.length === 0) return null;

  const decide = async (key: string, decision: AgencyDecision) => {
    setBusyKey(key);
    try {
      await onDecide(key, decision);
      return true;
    } catch {
      return false;
    } finally {
      setBusyKey(null);
    }
  };

  return (
    <Card
      size="small"
      data-testid="unknown-agencies"
      title={`Cơ quan chưa có trong danh mục (${agencies.length})`}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        Gán mỗi cơ quan với một cơ quan trong danh mục, hoặc thêm vào danh mục. Mọi nhiệm vụ nêu tên
        cơ quan đó được cập nhật theo.
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={agencies}
        renderItem={(u) => (
          <List.Item data-testid="unknown-agency" data-name={u.asWritten}>
            <Flex vertical gap={6} style={{ width: '100%' }}>
              <Flex justify="space-between" align="baseline" gap={8} wrap>
                <Typography.Text strong>{u.asWritten}</Typography.Text>
                <Tag>{where(u)}</Tag>
              </Flex>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {u.occurrences
                  .slice(0, 3)
                  .map((o) => `${o.task + 1}. ${o.title}`)
                  .join(' · ')}
                {u.occurrences.length > 3 ? ' …' : ''}
              </Typography.Text>
              <Flex gap={8} wrap>
                <div style={{ flex: '1 1 260px' }}>
                  <AgencySelect
                    placeholder="Gán với cơ quan trong danh mục…"
                    testId="unknown-agency-map"
                    disabled={disabled || busyKey !== null}
                    onPick={(agency) => void decide(u.key, { action: 'map', agencyId: agency.id })}
                  />
                </div>
                <Button
                  data-testid="unknown-agency-add"
                  disabled={disabled || busyKey !== null}
                  loading={busyKey === u.key}
                  onClick={() => {
                    form.setFieldsValue({
                      name: u.asWritten,
                      shortName: '',
                      kind: guessKind(u.asWritten),
                    });
                    setAdding(u);
                  }}
                >
                  Thêm vào danh mục
                </Button>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={adding !== null}
        title="Thêm cơ quan vào danh mục"
        okText="Thêm và gán"
        cancelText="Hủy"
        confirmLoading={busyKey !== null}
        okButtonProps={{ 'data-testid': 'unknown-agency-add-ok' } as Record<string, string>}
        onCancel={() => setAdding(null)}
        onOk={async () => {
          if (!adding) return;
          const v = await form.validateFields();
          const ok = await decide(adding.key, {
            action: 'create',
            name: v.name.trim(),
            shortName: v.shortName?.trim() || null,
            kind: v.kind,
          });
          if (ok) setAdding(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph type="secondary">
            Văn bản ghi: “{adding?.asWritten}”. Cách ghi này được lưu làm tên khác của cơ quan.
          </Typography.Paragraph>
          <Form.Item
            name="name"
            label="Tên cơ quan"
            rules={[{ required: true, whitespace: true, min: 2, message: 'Nhập tên cơ quan' }]}
          >
            <Input maxLength={300} data-testid="unknown-agency-name" />
          </Form.Item>
          <Form.Item name="shortName" label="Tên viết tắt">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="Loại" rules={[{ required: true, message: 'Chọn loại' }]}>
            <Select
              options={AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
