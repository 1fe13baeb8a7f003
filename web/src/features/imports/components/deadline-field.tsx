// Editing a task's deadline: its kind, then the fields that kind needs. The fields are kept while
// incomplete; `toDeadline` says whether they make a deadline.
import { DatePicker, Flex, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import {
  type CoreDeadline,
  DEADLINE_KIND_LABELS,
  type Deadline,
  type DeadlineKind,
} from '../labels';

export type DeadlineInput = {
  kind: DeadlineKind;
  date?: string | undefined;
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  day?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export function inputOf(d: Deadline): DeadlineInput {
  switch (d.kind) {
    case 'date':
      return { kind: d.kind, date: d.date };
    case 'quarter':
      return { kind: d.kind, year: d.year, quarter: d.quarter };
    case 'month':
      return { kind: d.kind, year: d.year, month: d.month };
    case 'year':
      return { kind: d.kind, year: d.year };
    case 'annual':
      return { kind: d.kind, day: d.day, month: d.month };
    case 'range':
      return { kind: d.kind, from: d.from, to: d.to };
    case 'continuous':
    case 'none':
      return { kind: d.kind };
  }
}

const validYear = (y: number | undefined): y is number =>
  y !== undefined && Number.isInteger(y) && y >= 1945 && y <= 2100;

/** The deadline the fields give, or what is missing (in Vietnamese). */
export function toDeadline(input: DeadlineInput): { deadline: CoreDeadline } | { error: string } {
  const { kind, year, month, day, quarter, date, from, to } = input;
  switch (kind) {
    case 'date':
      return date ? { deadline: { kind, date } } : { error: 'Hãy chọn ngày.' };
    case 'quarter':
      if (!validYear(year)) return { error: 'Hãy nhập năm (1945–2100).' };
      return quarter ? { deadline: { kind, year, quarter } } : { error: 'Hãy chọn quý.' };
    case 'month':
      if (!validYear(year)) return { error: 'Hãy nhập năm (1945–2100).' };
      return month ? { deadline: { kind, year, month } } : { error: 'Hãy chọn tháng.' };
    case 'year':
      return validYear(year)
        ? { deadline: { kind, year } }
        : { error: 'Hãy nhập năm (1945–2100).' };
    case 'annual': {
      if (!month) return { error: 'Hãy chọn tháng.' };
      if (!day) return { error: 'Hãy nhập ngày.' };
      // 29/02 is allowed: the deadline recurs every year, leap or not.
      const last = new Date(Date.UTC(2024, month, 0)).getUTCDate();
      return day <= last
        ? { deadline: { kind, day, month } }
        : { error: `Tháng ${month} chỉ có ${last} ngày.` };
    }
    case 'range':
      if (!from || !to) return { error: 'Hãy chọn ngày bắt đầu và ngày kết thúc.' };
      return from <= to
        ? { deadline: { kind, from, to } }
        : { error: 'Ngày bắt đầu phải trước ngày kết thúc.' };
    case 'continuous':
    case 'none':
      return { deadline: { kind } };
  }
}

const KIND_OPTIONS = (Object.keys(DEADLINE_KIND_LABELS) as DeadlineKind[]).map((k) => ({
  value: k,
  label: DEADLINE_KIND_LABELS[k],
}));
const QUARTER_OPTIONS = ['I', 'II', 'III', 'IV'].map((label, i) => ({
  value: i + 1,
  label: `Quý ${label}`,
}));
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, i) => ({
  value: i + 1,
  label: `Tháng ${i + 1}`,
}));
const FORMAT = 'DD/MM/YYYY';
const iso = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

type Props = {
  value: DeadlineInput;
  onChange: (value: DeadlineInput) => void;
  defaultYear: number;
};

export function DeadlineField({ value, onChange, defaultYear }: Props) {
  const set = (patch: Partial<DeadlineInput>) => onChange({ ...value, ...patch });
  const yearInput = (
    <InputNumber<number>
      aria-label="Năm"
      placeholder="Năm"
      min={1945}
      max={2100}
      precision={0}
      value={value.year ?? null}
      onChange={(year) => set({ year: year ?? undefined })}
      style={{ width: 110 }}
      data-testid="deadline-year"
    />
  );
  return (
    <Flex gap={8} wrap align="center">
      <Select<DeadlineKind>
        aria-label="Loại thời hạn"
        data-testid="deadline-kind"
        style={{ width: 170 }}
        value={value.kind}
        options={KIND_OPTIONS}
        onChange={(kind) => onChange({ ...value, kind, year: value.year ?? defaultYear })}
      />
      {value.kind === 'date' && (
        <DatePicker
          aria-label="Ngày"
          format={FORMAT}
          placeholder="dd/mm/yyyy"
          value={value.date ? dayjs(value.date) : null}
          onChange={(d) => set({ date: iso(d) })}
          data-testid="deadline-date"
        />
      )}
      {value.kind === 'quarter' && (
        <>
          <Select<number>
            aria-label="Quý"
            style={{ width: 110 }}
            placeholder="Quý"
            value={value.quarter}
            options={QUARTER_OPTIONS}
            onChange={(quarter) => set({ quarter })}
          />
          {yearInput}
        </>
      )}
      {value.kind === 'month' && (
        <>
          <Select<number>
            aria-label="Tháng"
            style={{ width: 120 }}
            placeholder="Tháng"
            value={value.month}
            options={MONTH_OPTIONS}
            onChange={(month) => set({ month })}
          />
          {yearInput}
        </>
      )}
      {value.kind === 'year' && yearInput}
      {value.kind === 'annual' && (
        <>
          <InputNumber<number>
            aria-label="Ngày"
            placeholder="Ngày"
            min={1}
            max={31}
            precision={0}
            value={value.day ?? null}
            onChange={(day) => set({ day: day ?? undefined })}
            style={{ width: 90 }}
          />
          <Select<number>
            aria-label="Tháng"
            style={{ width: 120 }}
            placeholder="Tháng"
            value={value.month}
            options={MONTH_OPTIONS}
            onChange={(month) => set({ month })}
          />
          <span>hằng năm</span>
        </>
      )}
      {value.kind === 'range' && (
        <DatePicker.RangePicker
          format={FORMAT}
          placeholder={['Từ ngày', 'Đến ngày']}
          value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
          onChange={(range) => set({ from: iso(range?.[0]), to: iso(range?.[1]) })}
        />
      )}
    </Flex>
  );
}
