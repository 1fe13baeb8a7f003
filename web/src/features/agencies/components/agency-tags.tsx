// Agencies as a row of linked tags (successors, candidates: a former district has ~10–20).
import type { AgencySummary } from '@features/agencies/schema';
import { Flex, Tag } from 'antd';
import { AgencyLink } from './agency-link';

export function AgencyTags({ agencies, testId }: { agencies: AgencySummary[]; testId?: string }) {
  return (
    <Flex wrap gap={6} data-testid={testId} style={{ marginTop: 6 }}>
      {agencies.map((a) => (
        <Tag
          key={a.id}
          color={a.status === 'ended' ? 'default' : 'blue'}
          style={{ marginInlineEnd: 0 }}
        >
          <AgencyLink agency={a} />
        </Tag>
      ))}
    </Flex>
  );
}
