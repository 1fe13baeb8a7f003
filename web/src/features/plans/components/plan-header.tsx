// The plan's document header: what, who, when, signed by whom, sent to whom.
import type { PlanDetail } from '@features/plans/schema';
import { Card, Descriptions, type DescriptionsProps, Grid, Tag, Typography } from 'antd';
import { formatDate } from '../../../app/format';
import { documentTypeName } from '../document-types';

function signerText(signer: NonNullable<PlanDetail['signer']>) {
  // The authority line may hold several lines of the signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH").
  const roles = [...(signer.authority ?? '').split('/'), signer.position ?? '']
    .map((r) => r.trim())
    .filter(Boolean)
    .join(' – ');
  return (
    <span data-testid="plan-signer">
      {roles && `${roles} `}
      <Typography.Text strong>{signer.name}</Typography.Text>
    </span>
  );
}

export function PlanHeader({ plan }: { plan: PlanDetail }) {
  const screens = Grid.useBreakpoint();
  const { document: doc } = plan;
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: 'Loại văn bản', children: documentTypeName(doc.type) },
    {
      key: 'number',
      label: 'Số, ký hiệu',
      children: doc.number ?? (
        <Tag color="warning" data-testid="plan-no-number">
          Chưa có số
        </Tag>
      ),
    },
    { key: 'issuer', label: 'Cơ quan ban hành', children: doc.issuer ?? '—' },
    { key: 'place', label: 'Nơi ban hành', children: doc.place ?? '—' },
    { key: 'date', label: 'Ngày ban hành', span: 'filled', children: formatDate(doc.date) },
    {
      key: 'title',
      label: 'Trích yếu',
      span: 'filled',
      children: doc.title ?? '—',
    },
    {
      key: 'signer',
      label: 'Người ký',
      span: 'filled',
      children: plan.signer ? signerText(plan.signer) : '—',
    },
    {
      key: 'recipients',
      label: 'Nơi nhận',
      span: 'filled',
      children:
        plan.recipients.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="plan-recipients">
            {plan.recipients.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: recipients are plain text and may repeat
              <li key={i}>{r}</li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card data-testid="plan-header">
      <Descriptions
        items={items}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        layout={screens.sm ? 'horizontal' : 'vertical'}
        size="small"
        bordered
        styles={{ label: { width: screens.sm ? 150 : undefined } }}
      />
    </Card>
  );
}
