// Filters of the projects page: plan, sector (words of it, sent after a pause in typing),
// investment form, owner agency, and the year the figures are for.
import { Flex, Grid, Input, Select, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useAgency } from '../../agencies/hooks/use-agencies';
import { usePlans } from '../../plans/hooks/use-plans';
import { AgencyPicker } from '../../tasks/components/agency-picker';
import { investmentFormOptions } from '../labels';
import type { ProjectsPageState } from '../search-params';

const SEARCH_DEBOUNCE_MS = 300;

/** A plan's number, or its (often very long) title cut to fit a picker. */
const planLabel = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

/** Years a person may look at: from 2020 to five years ahead. */
export function yearOptions(around: number) {
  const first = Math.min(2020, around);
  const last = Math.max(new Date().getFullYear() + 5, around);
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    value: first + i,
    label: `Năm ${first + i}`,
  }));
}

type Props = {
  state: ProjectsPageState;
  /** The year the list's figures are for (the server's current year when none is chosen). */
  shownYear: number;
  /** Stable: called after a pause in typing. */
  onSector: (sector: string | undefined) => void;
  onChange: (change: Partial<ProjectsPageState>) => void;
};

function SectorFilter({
  value,
  onChange,
  narrow,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  narrow: boolean;
}) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const lastSent = useRef(value ?? '');

  useEffect(() => {
    if ((value ?? '') !== lastSent.current) {
      lastSent.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);

  useEffect(() => {
    const trimmed = debounced.trim();
    if (trimmed !== lastSent.current) {
      lastSent.current = trimmed;
      onChange(trimmed || undefined);
    }
  }, [debounced, onChange]);

  return (
    <Input
      allowClear
      prefix="Lĩnh vực:"
      placeholder="Tất cả"
      aria-label="Lĩnh vực"
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ flex: '1 1 200px', maxWidth: narrow ? undefined : 260 }}
      data-testid="projects-sector-filter"
    />
  );
}

export function ProjectFilters({ state, shownYear, onSector, onChange }: Props) {
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const plans = usePlans(1, 100);
  const owner = useAgency(state.ownerAgencyId ?? null);

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
          label: planLabel(p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số'),
        }))}
        style={{ flex: '1 1 200px', maxWidth: narrow ? undefined : 260 }}
        popupMatchSelectWidth={false}
        data-testid="projects-plan-filter"
      />
      <SectorFilter value={state.sector} onChange={onSector} narrow={narrow} />
      <Select<string>
        aria-label="Hình thức đầu tư"
        prefix="Hình thức:"
        allowClear
        placeholder="Tất cả"
        value={state.investmentForm}
        onChange={(v) =>
          onChange({ investmentForm: (v || undefined) as ProjectsPageState['investmentForm'] })
        }
        options={investmentFormOptions}
        style={{ flex: '1 1 200px', maxWidth: narrow ? undefined : 240 }}
        popupMatchSelectWidth={false}
        data-testid="projects-form-filter"
      />
      <AgencyPicker
        status="all"
        prefix="Chủ đầu tư:"
        placeholder="Tất cả"
        value={
          state.ownerAgencyId
            ? { value: state.ownerAgencyId, label: owner.data?.name ?? '…' }
            : null
        }
        onChange={(v) => onChange({ ownerAgencyId: v?.value })}
        style={{ flex: '1 1 240px', maxWidth: narrow ? undefined : 320 }}
        testId="projects-owner-filter"
      />
      <Select<number>
        aria-label="Năm số liệu"
        prefix="Số liệu:"
        value={shownYear}
        onChange={(year) => onChange({ year })}
        options={yearOptions(shownYear)}
        style={{ flex: '0 1 170px' }}
        popupMatchSelectWidth={false}
        data-testid="projects-year-filter"
      />
      {state.slipping && (
        <Tag
          closable
          color="red"
          onClose={() => onChange({ slipping: false })}
          data-testid="projects-slipping-filter"
        >
          Có mốc tiến độ chậm
        </Tag>
      )}
    </Flex>
  );
}
