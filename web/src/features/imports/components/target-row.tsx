import type { ExtractedTarget } from '@features/imports/schema';
import { Col, Input, InputNumber, Row, Tag } from 'antd';
import { FieldLabel, RemoveButton, ReviewItem } from './review-item';

type Props = {
  itemKey: string;
  target: ExtractedTarget;
  index: number;
  selected: boolean;
  readOnly: boolean;
  onSelect: () => void;
  onChange: (target: ExtractedTarget) => void;
  onRemove: () => void;
};

export function TargetRow({
  itemKey,
  target,
  index,
  selected,
  readOnly,
  onSelect,
  onChange,
  onRemove,
}: Props) {
  const set = (patch: Partial<ExtractedTarget>) => onChange({ ...target, ...patch });
  const badYear = target.year !== null && (target.year < 1945 || target.year > 2100);
  return (
    <ReviewItem
      testId="review-target"
      itemKey={itemKey}
      label={`Chỉ tiêu ${index + 1}`}
      selected={selected}
      onSelect={onSelect}
      actions={
        readOnly ? null : (
          <RemoveButton testId="review-target-remove" onRemove={onRemove}>
            Bỏ chỉ tiêu
          </RemoveButton>
        )
      }
    >
      {(target.section || target.source === null) && (
        <div style={{ marginBottom: 4 }}>
          {target.section && <Tag>{`Mục ${target.section}`}</Tag>}
          {target.source === null && <Tag color="green">Thêm khi rà soát</Tag>}
        </div>
      )}
      <FieldLabel>Chỉ tiêu</FieldLabel>
      <Input.TextArea
        aria-label="Chỉ tiêu"
        data-testid="review-target-indicator"
        autoSize={{ minRows: 1, maxRows: 4 }}
        value={target.indicator}
        status={target.indicator.trim() ? undefined : 'error'}
        placeholder="Tên chỉ tiêu"
        readOnly={readOnly}
        onChange={(e) => set({ indicator: e.target.value })}
      />
      <Row gutter={8} style={{ marginTop: 6 }}>
        <Col span={8}>
          <FieldLabel>Giá trị</FieldLabel>
          <InputNumber<number>
            aria-label="Giá trị"
            data-testid="review-target-value"
            style={{ width: '100%' }}
            decimalSeparator=","
            value={target.value}
            readOnly={readOnly}
            onChange={(value) => set({ value: value ?? null })}
          />
        </Col>
        <Col span={8}>
          <FieldLabel>Đơn vị</FieldLabel>
          <Input
            aria-label="Đơn vị"
            data-testid="review-target-unit"
            value={target.unit ?? ''}
            placeholder="%, km, đô thị…"
            readOnly={readOnly}
            onChange={(e) => set({ unit: e.target.value || null })}
          />
        </Col>
        <Col span={8}>
          <FieldLabel>Năm</FieldLabel>
          <InputNumber<number>
            aria-label="Năm"
            data-testid="review-target-year"
            style={{ width: '100%' }}
            min={1945}
            max={2100}
            precision={0}
            status={badYear ? 'error' : undefined}
            value={target.year}
            readOnly={readOnly}
            onChange={(year) => set({ year: year ?? null })}
          />
        </Col>
      </Row>
    </ReviewItem>
  );
}
