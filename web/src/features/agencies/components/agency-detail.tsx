// One agency: its names, kind, validity, area, history, and who carries its work today.
import type { AgencyDetail as Detail } from '@features/agencies/schema';
import { Descriptions, type DescriptionsProps, Flex, Tag, Typography } from 'antd';
import { AGENCY_KIND_LABELS } from '../labels';
import { AgencyHistory } from './agency-history';
import { AgencyStatusTag, inForceSince } from './agency-status-tag';
import { ResponsibleToday } from './responsible-today';

export function AgencyDetail({ agency }: { agency: Detail }) {
  // The other names as edited: the name and short name (and their "UBND" forms) are not repeated.
  const aliases = agency.otherNames;
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: 'Mã', children: agency.code },
    { key: 'short', label: 'Tên viết tắt', children: agency.shortName ?? '—' },
    {
      key: 'aliases',
      label: 'Tên gọi khác',
      children:
        aliases.length > 0 ? (
          <Flex wrap gap={4} data-testid="agency-aliases">
            {aliases.map((a) => (
              <Tag key={a} style={{ marginInlineEnd: 0 }}>
                {a}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    { key: 'kind', label: 'Loại', children: AGENCY_KIND_LABELS[agency.kind] },
    {
      key: 'inForce',
      label: 'Hiệu lực',
      children: (
        <Flex wrap gap={8} align="center">
          {inForceSince(agency) ?? 'Chưa rõ ngày bắt đầu'}
          <AgencyStatusTag agency={agency} />
        </Flex>
      ),
    },
    ...(agency.commune
      ? [{ key: 'commune', label: 'Địa bàn', children: agency.commune.name }]
      : []),
    { key: 'history', label: 'Lịch sử', children: <AgencyHistory agency={agency} /> },
  ];

  return (
    <Flex vertical gap={16} data-testid="agency-detail">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="agency-detail-name">
          {agency.name}
        </Typography.Title>
        {agency.shortName && <Typography.Text type="secondary">{agency.shortName}</Typography.Text>}
      </div>
      <ResponsibleToday agency={agency} />
      <Descriptions
        items={items}
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 130, verticalAlign: 'top' } }}
      />
    </Flex>
  );
}
