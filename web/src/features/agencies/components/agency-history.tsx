// What happened to the agency (merged, split, abolished) and what it took over from others.
import type { AgencyDetail } from '@features/agencies/schema';
import { Typography } from 'antd';
import { formatDate } from '../../../app/format';
import { SUCCESSION_KIND_LABELS } from '../labels';
import { AgencyLink } from './agency-link';
import { AgencyTags } from './agency-tags';

function Succession({ succession }: { succession: NonNullable<AgencyDetail['succession']> }) {
  const on = formatDate(succession.effectiveOn);
  const { successors } = succession;
  switch (succession.kind) {
    case 'merge': {
      const into = successors[0];
      return (
        <div data-testid="agency-succession" data-kind="merge">
          {'Sáp nhập vào '}
          {into ? <AgencyLink agency={into} /> : 'đơn vị khác'}
          {` từ ${on}`}
          {successors.length > 1 && <AgencyTags agencies={successors.slice(1)} />}
        </div>
      );
    }
    case 'split':
      return (
        <div data-testid="agency-succession" data-kind="split">
          {`Chia tách từ ${on} cho:`}
          <AgencyTags agencies={successors} />
        </div>
      );
    case 'abolish':
      return (
        <div data-testid="agency-succession" data-kind="abolish">
          {successors.length > 0 ? (
            <>
              {`Giải thể/chấm dứt từ ${on}; công việc chuyển cho:`}
              <AgencyTags agencies={successors} />
            </>
          ) : (
            `Giải thể/chấm dứt từ ${on}; không có đơn vị tiếp nhận công việc.`
          )}
        </div>
      );
  }
}

export function AgencyHistory({ agency }: { agency: AgencyDetail }) {
  const { succession, predecessors } = agency;
  if (!succession && predecessors.length === 0) {
    return <Typography.Text type="secondary">Chưa ghi nhận thay đổi tổ chức nào.</Typography.Text>;
  }
  return (
    <div data-testid="agency-history">
      {succession && <Succession succession={succession} />}
      {predecessors.length > 0 && (
        <div data-testid="agency-predecessors" style={{ marginTop: succession ? 8 : 0 }}>
          Tiếp nhận từ:
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {predecessors.map((p) => (
              <li key={`${p.agency.id}-${p.kind}`}>
                <AgencyLink agency={p.agency} />
                <Typography.Text type="secondary">
                  {` (${SUCCESSION_KIND_LABELS[p.kind]}, ${formatDate(p.effectiveOn)})`}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
