import type { AgencySummary } from '@features/agencies/schema';
import { Tag } from 'antd';
import { formatDate } from '../../../app/format';

export function AgencyStatusTag({
  agency,
}: {
  agency: Pick<AgencySummary, 'status' | 'inForceTo'>;
}) {
  if (agency.status === 'ended') {
    return (
      <Tag color="red" data-testid="agency-status">
        {agency.inForceTo ? `Đã kết thúc từ ${formatDate(agency.inForceTo)}` : 'Đã kết thúc'}
      </Tag>
    );
  }
  return (
    <Tag color={agency.inForceTo ? 'orange' : 'green'} data-testid="agency-status">
      {agency.inForceTo
        ? `Đang hoạt động, kết thúc từ ${formatDate(agency.inForceTo)}`
        : 'Đang hoạt động'}
    </Tag>
  );
}

/** "Từ 01/03/2025", or nothing when the start is unknown. */
export function inForceSince(agency: Pick<AgencySummary, 'inForceFrom'>): string | null {
  return agency.inForceFrom ? `Từ ${formatDate(agency.inForceFrom)}` : null;
}
