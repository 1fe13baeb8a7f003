// Picking an agency of the registry by name, searched on the server as the user types
// (GET /api/agencies?q=…&status=active). The select empties after each pick: what was picked is
// shown by the caller.
import type { AgencySummary } from '@features/agencies/schema';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useAgencySearch } from '../hooks/use-agency-lookup';

const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  placeholder: string;
  onPick: (agency: AgencySummary) => void;
  testId?: string;
  disabled?: boolean;
};

export function AgencySelect({ placeholder, onPick, testId, disabled }: Props) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, SEARCH_DEBOUNCE_MS);
  const search = useAgencySearch(debounced);
  const agencies = search.data?.items ?? [];
  const waiting = search.isFetching || q !== debounced;

  return (
    <Select<string | null>
      data-testid={testId}
      style={{ width: '100%' }}
      value={null}
      placeholder={placeholder}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      loading={waiting}
      notFoundContent={waiting ? <Spin size="small" /> : 'Không tìm thấy cơ quan đang hoạt động'}
      options={agencies.map((a) => ({
        value: a.code,
        label: a.shortName && a.shortName !== a.name ? `${a.name} (${a.shortName})` : a.name,
      }))}
      onSelect={(code) => {
        const agency = agencies.find((a) => a.code === code);
        if (agency) onPick(agency);
        setQ('');
      }}
    />
  );
}
