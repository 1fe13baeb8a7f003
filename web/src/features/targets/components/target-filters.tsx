// Filters of the targets page: plan, sector (one of the targets' sectors), agency (responsible or
// contributing) and projection.
import { Flex, Grid, Select } from 'antd';
import { useState } from 'react';
import { useAgency } from '../../agencies/hooks/use-agencies';
import { usePlans } from '../../plans/hooks/use-plans';
import { AgencyPicker } from '../../tasks/components/agency-picker';
import { useSectorOptions } from '../hooks/use-targets';
import { type ProjectionState, projectionOptions } from '../labels';
import type { TargetsPageState } from '../search-params';

type Props = {
  state: TargetsPageState;
  onChange: (change: Partial<TargetsPageState>) => void;
};

function SectorFilter({
  planId,
  value,
  onChange,
  narrow,
}: {
  planId: string | undefined;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  narrow: boolean;
}) {
  const [opened, setOpened] = useState(false);
  const sectors = useSectorOptions(planId, opened || Boolean(value));
  const known = sectors.data ?? [];
  const options = (value && !known.includes(value) ? [value, ...known] : known).map((s) => ({
    value: s,
    label: s,
  }));
  return (
    <Select<string>
      aria-label="Lĩnh vực"
      prefix="Lĩnh vực:"
      allowClear
      placeholder="Tất cả"
      value={value}
      showSearch={{ optionFilterProp: 'label' }}
      onOpenChange={(open) => open && setOpened(true)}
      loading={sectors.isFetching}
      notFoundContent="Không có lĩnh vực"
      onChange={(v) => onChange(v || undefined)}
      options={options}
      style={{ flex: '1 1 220px', maxWidth: narrow ? undefined : 300 }}
      popupMatchSelectWidth={false}
      data-testid="targets-sector-filter"
    />
  );
}

export function TargetFilters({ state, onChange }: Props) {
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const plans = usePlans(1, 100);
  const agency = useAgency(state.agencyId ?? null);

  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
      <Select<string>
        aria-label="Kế hoạch"
        prefix="Kế hoạch:"
        allowClear
        placeholder="Tất cả"
        value={state.planId}
        loading={plans.isFetching}
        onChange={(planId) => onChange({ planId: planId || undefined })}
        options={(plans.data?.items ?? []).map((p) => ({
          value: p.id,
          label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
        }))}
        style={{ flex: '1 1 200px', maxWidth: narrow ? undefined : 260 }}
        popupMatchSelectWidth={false}
        data-testid="targets-plan-filter"
      />
      <SectorFilter
        planId={state.planId}
        value={state.sector}
        onChange={(sector) => onChange({ sector })}
        narrow={narrow}
      />
      <AgencyPicker
        status="all"
        prefix="Cơ quan:"
        placeholder="Tất cả (chủ trì hoặc phối hợp)"
        value={state.agencyId ? { value: state.agencyId, label: agency.data?.name ?? '…' } : null}
        onChange={(v) => onChange({ agencyId: v?.value })}
        style={{ flex: '1 1 260px', maxWidth: narrow ? undefined : 340 }}
        testId="targets-agency-filter"
      />
      <Select<ProjectionState | 'any'>
        aria-label="Dự báo"
        prefix="Dự báo:"
        value={state.projection ?? 'any'}
        onChange={(v) => onChange({ projection: v === 'any' ? undefined : v })}
        options={[{ value: 'any', label: 'Tất cả' }, ...projectionOptions]}
        style={{ flex: '1 1 220px', maxWidth: narrow ? undefined : 280 }}
        popupMatchSelectWidth={false}
        data-testid="targets-projection-filter"
      />
    </Flex>
  );
}
