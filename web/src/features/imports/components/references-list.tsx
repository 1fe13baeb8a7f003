// The documents the plan names (read-only): "Quyết định 693/QĐ-TTg ngày 17/07/2024 của Thủ tướng
// Chính phủ".
import type { ExtractionDocument } from '@features/imports/schema';
import { Empty, Typography } from 'antd';
import { citation } from '../../plans/document-types';
import { ReviewItem } from './review-item';

type Reference = ExtractionDocument['references'][number];

type Props = {
  references: Reference[];
  selectedKey: string | null;
  onSelect: (key: string, reference: Reference) => void;
};

export const referenceKey = (index: number) => `reference-${index}`;

export function ReferencesList({ references, selectedKey, onSelect }: Props) {
  if (references.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="Văn bản không viện dẫn văn bản nào."
      />
    );
  }
  return (
    <div>
      {references.map((r, i) => {
        const key = referenceKey(i);
        const { name, rest } = citation({
          type: r.type,
          number: r.number,
          numberAsWritten: null,
          date: r.date,
          issuer: r.issuer,
        });
        return (
          <ReviewItem
            key={key}
            itemKey={key}
            testId="review-reference"
            label={name}
            selected={selectedKey === key}
            onSelect={() => onSelect(key, r)}
          >
            <button type="button" style={{ all: 'unset', fontWeight: 600 }}>
              {name}
            </button>
            <Typography.Text>{rest}</Typography.Text>
            {r.implements.length > 0 && (
              <Typography.Text type="secondary">{` – thực hiện ${r.implements.join(', ')}`}</Typography.Text>
            )}
          </ReviewItem>
        );
      })}
    </div>
  );
}
