// The agency of an account, searched on the server as the administrator types (active agencies
// only). A form control: value is the agency's id.
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useAgencySearch } from '../../imports/hooks/use-agency-lookup';

const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The agency the account has now, so that its name shows before any search. */
  current?: { id: string; name: string } | null;
  disabled?: boolean;
};

export function AgencyPicker({ value, onChange, current, disabled }: Props) {
  const [q, setQ] = useState('');
  // What was picked keeps its name once the search moves on.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const debounced = useDebouncedValue(q, SEARCH_DEBOUNCE_MS);
  const search = useAgencySearch(debounced);
  const waiting = search.isFetching || q !== debounced;
  const options = (search.data?.items ?? []).map((a) => ({
    value: a.id,
    label: a.shortName && a.shortName !== a.name ? `${a.name} (${a.shortName})` : a.name,
  }));
  for (const known of [picked, current ? { value: current.id, label: current.name } : null]) {
    if (known && known.value === value && !options.some((o) => o.value === known.value)) {
      options.unshift(known);
    }
  }

  return (
    <Select<string | null>
      data-testid="user-agency"
      style={{ width: '100%' }}
      value={value ?? null}
      placeholder="Gõ tên cơ quan để tìm"
      allowClear
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      loading={waiting}
      notFoundContent={waiting ? <Spin size="small" /> : 'Không tìm thấy cơ quan đang hoạt động'}
      options={options}
      onChange={(id) => {
        setPicked(options.find((o) => o.value === id) ?? null);
        onChange?.(id ?? null);
        setQ('');
      }}
    />
  );
}
