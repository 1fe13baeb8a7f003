// A code picked by its Vietnamese name (entities, actions of the audit trail). Codes without a
// name can be typed as they are recorded.
import { Select } from 'antd';
import { useState } from 'react';
import { matchesQuery } from '../search';

const CODE = /^[a-z][a-z0-9_.:-]*$/i;

type Props = {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  labels: Record<string, string>;
  placeholder: string;
  testId: string;
  width?: number;
};

export function CodeSelect({ value, onChange, labels, placeholder, testId, width = 200 }: Props) {
  const [search, setSearch] = useState('');
  const options = Object.entries(labels)
    .map(([code, label]) => ({ value: code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  const typed = search.trim();
  // A code without a name, typed as recorded: offered when no named one matches.
  const named = options.some((o) => o.value === typed || matchesQuery(o.label, typed));
  if (typed && !named && CODE.test(typed)) options.push({ value: typed, label: `Mã “${typed}”` });
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <Select<string>
      allowClear
      value={value}
      onChange={(code) => {
        setSearch('');
        onChange(code || undefined);
      }}
      options={options}
      placeholder={placeholder}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterOption: (input, option) =>
          !!option &&
          (matchesQuery(String(option.label ?? ''), input) || option.value === input.trim()),
      }}
      notFoundContent="Không có"
      style={{ width }}
      data-testid={testId}
      aria-label={placeholder}
    />
  );
}
