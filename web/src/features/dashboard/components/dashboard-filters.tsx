// The dashboard's filters: plan, reporting period (of the plan), sector and agency; they live in
// the address.
import { Flex, Grid, Select } from 'antd';
import { formatDate } from '../../../app/format';
import { useAgency } from '../../agencies/hooks/use-agencies';
import { usePeriods } from '../../periods/hooks/use-periods';
import { usePlans } from '../../plans/hooks/use-plans';
import { AgencyPicker } from '../../tasks/components/agency-picker';
import type { DashboardPageState } from '../search-params';

export function DashboardFilters({
  state,
  sectors,
  onChange,
}: {
  state: DashboardPageState;
  sectors: readonly string[];
  onChange: (change: Partial<DashboardPageState>) => void;
}) {
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const plans = usePlans(1, 100);
  const periods = usePeriods(state.planId);
  const agency = useAgency(state.agencyId ?? null);
  const width = (px: number) => ({ flex: `1 1 ${px}px`, maxWidth: narrow ? undefined : px + 60 });
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} className="dashboard-no-print">
      <Select<string>
        aria-label="Kế hoạch"
        prefix="Kế hoạch:"
        allowClear
        placeholder="Tất cả"
        value={state.planId}
        loading={plans.isFetching}
        onChange={(planId) => onChange({ planId: planId || undefined, periodId: undefined })}
        options={(plans.data?.items ?? []).map((p) => ({
          value: p.id,
          label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
        }))}
        style={width(200)}
        popupMatchSelectWidth={false}
        data-testid="dashboard-plan-filter"
      />
      <Select<string>
        aria-label="Kỳ báo cáo"
        prefix="Kỳ báo cáo:"
        allowClear
        placeholder="Kỳ gần nhất"
        value={state.periodId}
        loading={periods.isFetching}
        onChange={(periodId) => onChange({ periodId: periodId || undefined })}
        options={(periods.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.label} (hạn ${formatDate(p.submissionDueOn)})${p.openedAt ? '' : ' – chưa mở'}`,
        }))}
        style={width(240)}
        popupMatchSelectWidth={false}
        data-testid="dashboard-period-filter"
      />
      <Select<string>
        aria-label="Lĩnh vực"
        prefix="Lĩnh vực:"
        allowClear
        showSearch
        placeholder="Tất cả"
        value={state.sector}
        onChange={(sector) => onChange({ sector: sector || undefined })}
        options={sectors.map((s) => ({ value: s, label: s }))}
        style={width(200)}
        popupMatchSelectWidth={false}
        data-testid="dashboard-sector-filter"
      />
      <AgencyPicker
        status="all"
        prefix="Cơ quan:"
        placeholder="Tất cả"
        value={state.agencyId ? { value: state.agencyId, label: agency.data?.name ?? '…' } : null}
        onChange={(v) => onChange({ agencyId: v?.value })}
        style={width(240)}
        testId="dashboard-agency-filter"
      />
    </Flex>
  );
}
