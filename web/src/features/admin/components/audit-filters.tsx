// The audit filter: entity, action, who, the record's id, days (in Vietnam, both included).
import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { AuditFilterValues } from '../hooks/use-audit';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../labels';
import { ActorSelect } from './actor-select';
import { CodeSelect } from './code-select';

const DATE_FORMAT = 'DD/MM/YYYY';
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

type Props = {
  filter: AuditFilterValues;
  onChange: (change: AuditFilterValues) => void;
  onClear: (() => void) | null;
};

export function AuditFilters({ filter, onChange, onClear }: Props) {
  // The record id is applied on Enter (or when cleared), not on every key.
  const [entityId, setEntityId] = useState(filter.entityId ?? '');
  useEffect(() => setEntityId(filter.entityId ?? ''), [filter.entityId]);
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
      <CodeSelect
        value={filter.entity}
        onChange={(entity) => onChange({ entity })}
        labels={AUDIT_ENTITY_LABELS}
        placeholder="Đối tượng"
        testId="audit-entity"
        width={180}
      />
      <CodeSelect
        value={filter.action}
        onChange={(action) => onChange({ action })}
        labels={AUDIT_ACTION_LABELS}
        placeholder="Thao tác"
        testId="audit-action"
        width={160}
      />
      <ActorSelect value={filter.actor} onChange={(actor) => onChange({ actor })} />
      <DatePicker.RangePicker
        format={DATE_FORMAT}
        placeholder={['Từ ngày', 'Đến ngày']}
        value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
        onChange={(range) => onChange({ from: iso(range?.[0]), to: iso(range?.[1]) })}
        allowEmpty={[true, true]}
        style={{ width: 250 }}
        data-testid="audit-dates"
      />
      <Input.Search
        allowClear
        value={entityId}
        onChange={(e) => {
          setEntityId(e.target.value);
          if (!e.target.value) onChange({ entityId: undefined });
        }}
        onSearch={(v) => onChange({ entityId: v.trim() || undefined })}
        placeholder="Mã đối tượng"
        style={{ width: 200 }}
        data-testid="audit-entity-id"
      />
      {onClear && (
        <Button icon={<ClearOutlined />} onClick={onClear} data-testid="audit-clear">
          Xóa bộ lọc
        </Button>
      )}
    </Flex>
  );
}
