// The owner (chủ đầu tư): the registry's agency when known, else the name as the plan writes it.
import type { ProjectSummary } from '@features/projects/schema';
import { Typography } from 'antd';

export function ownerText(owner: ProjectSummary['owner']): string | null {
  return owner.agency?.name ?? owner.name ?? null;
}

export function OwnerName({ owner }: { owner: ProjectSummary['owner'] }) {
  const text = ownerText(owner);
  if (!text) return <Typography.Text type="secondary">Chưa xác định</Typography.Text>;
  return (
    <>
      <Typography.Text>{text}</Typography.Text>
      {owner.agency && owner.name && owner.name !== owner.agency.name && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`Theo văn bản: ${owner.name}`}
          </Typography.Text>
        </div>
      )}
    </>
  );
}
