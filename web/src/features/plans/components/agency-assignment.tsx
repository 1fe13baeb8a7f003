// An agency a task names, and who carries the work today when that agency has ended:
// "Sở Kế hoạch và Đầu tư (đã kết thúc 01/03/2025) → nay: Sở Tài chính".
import type { AgencyAssignment as Assignment } from '@features/plans/schema';
import { Typography } from 'antd';
import { Fragment } from 'react';
import { formatDate } from '../../../app/format';
import { AgencyLink } from '../../agencies/components/agency-link';

const MAX_CANDIDATES = 5;

function Today({ assignment }: { assignment: Assignment }) {
  const { responsible, agency } = assignment;
  switch (responsible.kind) {
    case 'self':
      return null;
    case 'successor': {
      const successor = responsible.agencies[0];
      return successor ? (
        <Typography.Text>
          {' → nay: '}
          <AgencyLink agency={successor} />
        </Typography.Text>
      ) : null;
    }
    case 'choose': {
      const shown = responsible.agencies.slice(0, MAX_CANDIDATES);
      const more = responsible.agencies.length - shown.length;
      return (
        <Typography.Text>
          <Typography.Text type="warning">{' → cần chọn: '}</Typography.Text>
          {shown.map((a, i) => (
            <Fragment key={a.id}>
              {i > 0 && ' / '}
              <AgencyLink agency={a} />
            </Fragment>
          ))}
          {more > 0 && (
            <>
              {' và '}
              <AgencyLink agency={agency}>{`${more} đơn vị khác`}</AgencyLink>
            </>
          )}
        </Typography.Text>
      );
    }
    case 'none':
      return <Typography.Text type="danger">{' → không còn đơn vị kế nhiệm'}</Typography.Text>;
  }
}

export function AgencyAssignment({ assignment }: { assignment: Assignment }) {
  const { agency, asWritten } = assignment;
  const name = asWritten ?? agency.name;
  return (
    <span data-testid="agency-assignment" data-status={agency.status}>
      <AgencyLink agency={agency}>{name}</AgencyLink>
      {asWritten && asWritten !== agency.name && (
        <Typography.Text type="secondary">{` (${agency.name})`}</Typography.Text>
      )}
      {agency.status === 'ended' && (
        <Typography.Text type="secondary">
          {agency.inForceTo ? ` (đã kết thúc ${formatDate(agency.inForceTo)})` : ' (đã kết thúc)'}
        </Typography.Text>
      )}
      <Today assignment={assignment} />
    </span>
  );
}
