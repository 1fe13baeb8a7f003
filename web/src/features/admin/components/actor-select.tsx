// Who acted, for the audit filter: a user picked by name or login (searched without diacritics),
// the system, or any actor typed as recorded ("cli:nam"). The value is what the API filters on:
// a user's id or the raw actor.
import { Select } from 'antd';
import { useState } from 'react';
import { useUsers } from '../../users/hooks/use-users';
import { matchesQuery } from '../search';

type Option = { value: string; label: string };

const RAW_ACTOR = /^(?:(?:cli|user):\S+|anonymous|system|[0-9a-f]{8}-[0-9a-f-]{27})$/i;

const SYSTEM: Option = { value: 'system', label: 'Hệ thống (tự động)' };

export function ActorSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (actor: string | undefined) => void;
}) {
  const users = useUsers();
  const [search, setSearch] = useState('');
  const options: Option[] = (users.data?.items ?? [])
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  options.push(SYSTEM);
  // An actor typed as recorded: "cli:nam", "anonymous", a user's id.
  const typed = search.trim();
  if (RAW_ACTOR.test(typed) && !options.some((o) => o.value === typed)) {
    options.push({ value: typed, label: typed });
  }
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <Select<string>
      allowClear
      value={value}
      onChange={(actor) => {
        setSearch('');
        onChange(actor || undefined);
      }}
      options={options}
      placeholder="Người thực hiện"
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterOption: (input, option) =>
          !!option &&
          (option.value === input.trim() || matchesQuery(String(option.label ?? ''), input)),
      }}
      loading={users.isFetching}
      notFoundContent="Không có"
      style={{ width: 230 }}
      data-testid="audit-actor"
      aria-label="Người thực hiện"
    />
  );
}
