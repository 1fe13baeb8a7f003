// Search box and filters of the agency registry. The search is debounced before it reaches the
// address (and the server).
import { SearchOutlined } from '@ant-design/icons';
import type { AgencyKind } from '@features/agencies/schema';
import { Flex, Input, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { AGENCY_KIND_LABELS, AGENCY_STATUS_LABELS, type AgencyStatusFilter } from '../labels';

const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  q: string;
  kind: AgencyKind | undefined;
  status: AgencyStatusFilter;
  onSearch: (q: string) => void;
  onKind: (kind: AgencyKind | undefined) => void;
  onStatus: (status: AgencyStatusFilter) => void;
};

const kindOptions = (Object.keys(AGENCY_KIND_LABELS) as AgencyKind[]).map((k) => ({
  value: k,
  label: AGENCY_KIND_LABELS[k],
}));
const statusOptions = (Object.keys(AGENCY_STATUS_LABELS) as AgencyStatusFilter[]).map((s) => ({
  value: s,
  label: AGENCY_STATUS_LABELS[s],
}));

export function AgencyFilters({ q, kind, status, onSearch, onKind, onStatus }: Props) {
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const lastSent = useRef(q);

  // The address changed from outside (back button, a link): show what it says.
  useEffect(() => {
    if (q !== lastSent.current) {
      lastSent.current = q;
      setText(q);
    }
  }, [q]);

  useEffect(() => {
    if (debounced !== lastSent.current) {
      lastSent.current = debounced;
      onSearch(debounced);
    }
  }, [debounced, onSearch]);

  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="Tìm cơ quan, đơn vị (có thể gõ không dấu)"
        aria-label="Tìm cơ quan, đơn vị"
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ flex: '1 1 320px', maxWidth: 480 }}
        data-testid="agency-search"
      />
      <Select<AgencyKind | 'any'>
        aria-label="Loại"
        value={kind ?? 'any'}
        onChange={(v) => onKind(v === 'any' ? undefined : v)}
        prefix="Loại:"
        options={[{ value: 'any', label: 'Tất cả' }, ...kindOptions]}
        style={{ width: 240 }}
        data-testid="agency-kind-filter"
      />
      <Select<AgencyStatusFilter>
        aria-label="Trạng thái"
        value={status}
        onChange={onStatus}
        prefix="Trạng thái:"
        options={statusOptions}
        style={{ width: 220 }}
        data-testid="agency-status-filter"
      />
    </Flex>
  );
}
