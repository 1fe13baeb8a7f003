// "Who is responsible today for what this agency was given?"
import type { AgencyDetail } from '@features/agencies/schema';
import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate } from '../../../app/format';
import { AgencyLink } from './agency-link';
import { AgencyTags } from './agency-tags';

type Answer = { type: 'success' | 'info' | 'warning' | 'error'; body: ReactNode };

function answer(agency: AgencyDetail): Answer {
  const { responsible } = agency;
  switch (responsible.kind) {
    case 'self':
      // Ended without a recorded successor: its work stays with it until someone reassigns it.
      return agency.status === 'ended'
        ? {
            type: 'warning',
            body: 'Đơn vị đã kết thúc hoạt động, chưa ghi nhận đơn vị kế thừa: nhiệm vụ vẫn ghi cho đơn vị này cho đến khi được giao lại.',
          }
        : { type: 'success', body: 'Đơn vị đang hoạt động, tự chịu trách nhiệm.' };
    case 'successor': {
      const successor = responsible.agencies[0];
      const since = responsible.since ? ` từ ${formatDate(responsible.since)}` : '';
      return {
        type: 'info',
        body: successor ? (
          <>
            <AgencyLink agency={successor} />
            {` chịu trách nhiệm${since}.`}
          </>
        ) : (
          'Đã có đơn vị kế nhiệm nhưng không tìm thấy trong danh mục.'
        ),
      };
    }
    case 'choose':
      return {
        type: 'warning',
        body: (
          <>
            Cần người có thẩm quyền chọn đơn vị tiếp nhận cho từng nhiệm vụ, trong số:
            <AgencyTags agencies={responsible.agencies} testId="responsible-candidates" />
          </>
        ),
      };
    case 'none':
      return {
        type: 'error',
        body: 'Không còn đơn vị kế nhiệm: công việc của đơn vị này chưa được giao cho đơn vị nào.',
      };
  }
}

export function ResponsibleToday({ agency }: { agency: AgencyDetail }) {
  const { type, body } = answer(agency);
  return (
    <Alert
      type={type}
      data-testid="responsible-today"
      data-kind={agency.responsible.kind}
      title={
        <>
          <Typography.Text strong>Trách nhiệm hiện nay</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {` (tính đến ngày ${formatDate(agency.responsible.on)})`}
          </Typography.Text>
        </>
      }
      description={body}
    />
  );
}
