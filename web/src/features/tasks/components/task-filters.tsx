// Search box and filters of the tasks page: words of the task, state, lead agency, plan, "not done
// yet", "no lead yet", and the order (the plan's, or by deadline). The search is debounced before
// it reaches the address (and the server).
import { SearchOutlined } from '@ant-design/icons';
import { Flex, Grid, Input, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useAgency } from '../../agencies/hooks/use-agencies';
import { usePlans } from '../../plans/hooks/use-plans';
import { OVERDUE_AGE_LABELS, TASK_STATE_LABELS } from '../labels';
import type { TaskSort, TaskState, TasksPageState } from '../search-params';
import { AgencyPicker } from './agency-picker';

const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  state: TasksPageState;
  onSearch: (q: string) => void;
  onChange: (change: Partial<TasksPageState>) => void;
};

const stateOptions = (Object.keys(TASK_STATE_LABELS) as TaskState[]).map((s) => ({
  value: s,
  label: TASK_STATE_LABELS[s],
}));

function PlanFilter({
  value,
  onChange,
  narrow,
}: {
  narrow: boolean;
  value: string | undefined;
  onChange: (v?: string) => void;
}) {
  const plans = usePlans(1, 100);
  const options = (plans.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
  }));
  return (
    <Select<string>
      aria-label="Kế hoạch"
      prefix="Kế hoạch:"
      allowClear
      placeholder="Tất cả"
      value={value}
      loading={plans.isFetching}
      onChange={(v) => onChange(v || undefined)}
      options={options}
      style={{ flex: '1 1 200px', maxWidth: narrow ? undefined : 260 }}
      popupMatchSelectWidth={false}
      data-testid="tasks-plan-filter"
    />
  );
}

function AgencyFilter({
  value,
  onChange,
  narrow,
}: {
  narrow: boolean;
  value: string | undefined;
  onChange: (v?: string) => void;
}) {
  const agency = useAgency(value ?? null);
  return (
    <AgencyPicker
      status="all"
      prefix="Chủ trì:"
      placeholder="Tất cả"
      value={value ? { value, label: agency.data?.name ?? '…' } : null}
      onChange={(v) => onChange(v?.value)}
      style={{ flex: '1 1 240px', maxWidth: narrow ? undefined : 320 }}
      testId="tasks-agency-filter"
    />
  );
}

export function TaskFilters({ state, onSearch, onChange }: Props) {
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const [text, setText] = useState(state.q);
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const lastSent = useRef(state.q);

  // The address changed from outside (back button, a link): show what it says.
  useEffect(() => {
    if (state.q !== lastSent.current) {
      lastSent.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  useEffect(() => {
    if (debounced !== lastSent.current) {
      lastSent.current = debounced;
      onSearch(debounced);
    }
  }, [debounced, onSearch]);

  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="Tìm nhiệm vụ (có thể gõ không dấu)"
        aria-label="Tìm nhiệm vụ"
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ flex: '1 1 280px', maxWidth: narrow ? undefined : 420 }}
        data-testid="tasks-search"
      />
      <Select<TaskState | 'any'>
        aria-label="Trạng thái"
        prefix="Trạng thái:"
        value={state.state ?? 'any'}
        onChange={(v) => onChange({ state: v === 'any' ? undefined : v })}
        options={[{ value: 'any', label: 'Tất cả' }, ...stateOptions]}
        style={{ flex: '1 1 220px', maxWidth: narrow ? undefined : 260 }}
        popupMatchSelectWidth={false}
        data-testid="tasks-state-filter"
      />
      <AgencyFilter
        narrow={narrow}
        value={state.agencyId}
        onChange={(agencyId) => onChange({ agencyId })}
      />
      <PlanFilter
        narrow={narrow}
        value={state.planId}
        onChange={(planId) => onChange({ planId })}
      />
      <Select<TaskSort>
        aria-label="Sắp xếp"
        prefix="Sắp xếp:"
        value={state.sort}
        onChange={(sort) => onChange({ sort })}
        options={[
          { value: 'plan', label: 'Theo thứ tự kế hoạch' },
          { value: 'due', label: 'Theo thời hạn (sớm nhất trước)' },
        ]}
        style={{ flex: '1 1 240px', maxWidth: narrow ? undefined : 300 }}
        popupMatchSelectWidth={false}
        data-testid="tasks-sort"
      />
      <Flex align="center" gap={8} component="label">
        <Switch
          checked={state.open}
          onChange={(open) => onChange({ open })}
          data-testid="tasks-open-filter"
        />
        <Typography.Text>Chưa hoàn thành</Typography.Text>
      </Flex>
      <Flex align="center" gap={8} component="label">
        <Switch
          checked={state.unassigned}
          onChange={(unassigned) => onChange({ unassigned })}
          data-testid="tasks-unassigned-filter"
        />
        <Typography.Text>Chưa có cơ quan chủ trì</Typography.Text>
      </Flex>
      {/* Filters a dashboard figure links with: shown while set, removed by their close button. */}
      {state.sector && (
        <Tag
          closable
          onClose={() => onChange({ sector: undefined })}
          data-testid="tasks-sector-filter"
        >
          Lĩnh vực: {state.sector}
        </Tag>
      )}
      {state.overdueAge && (
        <Tag
          closable
          color="red"
          onClose={() => onChange({ overdueAge: undefined })}
          data-testid="tasks-age-filter"
        >
          Quá hạn {OVERDUE_AGE_LABELS[state.overdueAge]}
        </Tag>
      )}
    </Flex>
  );
}
