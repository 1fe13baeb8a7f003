// Picking agencies of the registry, searched on the server as the user types. Values carry their
// label ({value: id, label: name}) so that what was picked stays named whatever the search shows.
import type { AgencySummary } from '@features/agencies/schema';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useAgencyOptions } from '../hooks/use-lookups';

const SEARCH_DEBOUNCE_MS = 250;

export type AgencyValue = { value: string; label: string };

function agencyLabel(a: AgencySummary): string {
  const name = a.shortName && a.shortName !== a.name ? `${a.name} (${a.shortName})` : a.name;
  return a.status === 'ended' ? `${name} – đã kết thúc` : name;
}

function useAgencySearch(status: 'active' | 'all') {
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState(false);
  const debounced = useDebouncedValue(q, SEARCH_DEBOUNCE_MS);
  const search = useAgencyOptions(debounced, status, opened);
  const waiting = search.isFetching || q !== debounced;
  return {
    props: {
      showSearch: { filterOption: false, onSearch: setQ, searchValue: q },
      onOpenChange: (open: boolean) => {
        if (open) setOpened(true);
      },
      loading: waiting,
      notFoundContent: waiting ? (
        <Spin size="small" />
      ) : status === 'active' ? (
        'Không tìm thấy cơ quan đang hoạt động'
      ) : (
        'Không tìm thấy cơ quan'
      ),
      options: (search.data?.items ?? []).map((a) => ({ value: a.id, label: agencyLabel(a) })),
    },
    clear: () => setQ(''),
  };
}

type CommonProps = {
  status?: 'active' | 'all';
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
  prefix?: string;
};

/** One agency (or none). */
export function AgencyPicker({
  value,
  onChange,
  status = 'active',
  placeholder,
  testId,
  style,
  prefix,
}: CommonProps & {
  value?: AgencyValue | null;
  onChange?: (value: AgencyValue | null) => void;
}) {
  const search = useAgencySearch(status);
  return (
    <Select<AgencyValue | null>
      {...search.props}
      labelInValue
      allowClear
      value={value ?? null}
      onChange={(v) => {
        search.clear();
        onChange?.(v ? { value: v.value, label: String(v.label) } : null);
      }}
      placeholder={placeholder}
      prefix={prefix}
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}

/** Several agencies. */
export function AgenciesPicker({
  value,
  onChange,
  status = 'active',
  placeholder,
  testId,
  style,
}: CommonProps & {
  value?: AgencyValue[];
  onChange?: (value: AgencyValue[]) => void;
}) {
  const search = useAgencySearch(status);
  return (
    <Select<AgencyValue[]>
      {...search.props}
      mode="multiple"
      labelInValue
      allowClear
      value={value ?? []}
      onChange={(v) => {
        search.clear();
        onChange?.(v.map((x) => ({ value: x.value, label: String(x.label) })));
      }}
      placeholder={placeholder}
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}
