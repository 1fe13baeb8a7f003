// The consolidating department (cơ quan tổng hợp) as a form control: the agency chosen from the
// registry, or none to let the server derive it from the consolidator accounts.
import type { AgencySummary } from '@features/agencies/schema';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { AgencySelect } from '../../imports/components/agency-select';

export type AgencyRef = { id: string; name: string; code: string };

type Props = {
  /** The chosen agency's id; null: derived. */
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The agency saved in the settings (its name, for the id the form starts with). */
  saved: AgencyRef | null;
  /** The agency derived when none is chosen; undefined when not known (one is chosen now). */
  derived: AgencyRef | null | undefined;
  /** The agency picked on this page before saving. */
  onPicked?: (agency: AgencyRef | null) => void;
  disabled?: boolean;
};

export function ConsolidatingAgencyField({
  value = null,
  onChange,
  saved,
  derived,
  onPicked,
  disabled,
}: Props) {
  const [picked, setPicked] = useState<AgencyRef | null>(null);
  const chosen = value ? ([picked, saved].find((a) => a?.id === value) ?? null) : null;

  return (
    <Flex vertical gap={8} data-testid="settings-consolidating-agency">
      {value ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong data-testid="settings-agency-chosen">
            {chosen ? chosen.name : 'Cơ quan đã chọn'}
          </Typography.Text>
          {!disabled && (
            <Button
              size="small"
              onClick={() => {
                onChange?.(null);
                onPicked?.(null);
              }}
            >
              Dùng mặc định
            </Button>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="settings-agency-default">
          {derived
            ? `Mặc định: ${derived.name} (cơ quan của tài khoản tổng hợp)`
            : derived === null
              ? 'Chưa xác định: chưa có tài khoản "Cơ quan tổng hợp" nào gắn với một cơ quan. Hãy chọn cơ quan.'
              : 'Mặc định: cơ quan của tài khoản "Cơ quan tổng hợp" đầu tiên.'}
        </Typography.Text>
      )}
      {!disabled && (
        <AgencySelect
          placeholder={value ? 'Chọn cơ quan khác…' : 'Chọn cơ quan tổng hợp trong danh mục…'}
          testId="settings-agency-select"
          onPick={(a: AgencySummary) => {
            const ref = { id: a.id, name: a.name, code: a.code };
            setPicked(ref);
            onChange?.(a.id);
            onPicked?.(ref);
          }}
        />
      )}
    </Flex>
  );
}
