// An amount typed the Vietnamese way ("1.234,5"), kept as the text typed; the form reads it with
// parseAmount and shows what it understood, so that "1.500" (một nghìn năm trăm) is not mistaken.
import { Input } from 'antd';
import { formatDecimal } from '../../../app/format';
import { parseAmount } from '../figures';

export function AmountInput({
  value,
  onChange,
  unit,
  testId,
  ariaLabel,
  placeholder,
}: {
  value?: string;
  onChange?: (value: string) => void;
  unit: string;
  testId?: string;
  ariaLabel?: string;
  placeholder?: string;
}) {
  return (
    <Input
      value={value ?? ''}
      onChange={(e) => onChange?.(e.target.value)}
      suffix={unit}
      inputMode="decimal"
      placeholder={placeholder ?? 'Ví dụ: 12,5'}
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ maxWidth: 280 }}
    />
  );
}

/** A Form.Item rule: empty, or an amount with at most 3 decimals. */
export const amountRule = {
  validator: (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const parsed = parseAmount(value);
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
};

/** What the form understood of an amount typed ("= 1.500 tỷ đồng"), or nothing. */
export function amountEcho(value: string | undefined, unit: string): string | null {
  if (!value?.trim()) return null;
  const parsed = parseAmount(value);
  return parsed.ok ? `Ghi nhận: ${formatDecimal(parsed.value, 3)} ${unit}` : null;
}

/** The API's form of an amount typed, or undefined when empty. */
export function amountValue(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const parsed = parseAmount(value);
  return parsed.ok ? parsed.value : undefined;
}
