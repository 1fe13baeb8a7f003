import type { ExtractedProject } from '@features/imports/schema';
import { Col, Input, Row, Tag } from 'antd';
import { FieldLabel, RemoveButton, ReviewItem } from './review-item';

type Props = {
  itemKey: string;
  project: ExtractedProject;
  index: number;
  selected: boolean;
  readOnly: boolean;
  onSelect: () => void;
  onChange: (project: ExtractedProject) => void;
  onRemove: () => void;
};

export function ProjectRow({
  itemKey,
  project,
  index,
  selected,
  readOnly,
  onSelect,
  onChange,
  onRemove,
}: Props) {
  const set = (patch: Partial<ExtractedProject>) => onChange({ ...project, ...patch });
  return (
    <ReviewItem
      testId="review-project"
      itemKey={itemKey}
      label={`Dự án ${index + 1}`}
      selected={selected}
      onSelect={onSelect}
      actions={
        readOnly ? null : (
          <RemoveButton testId="review-project-remove" onRemove={onRemove}>
            Bỏ dự án
          </RemoveButton>
        )
      }
    >
      {(project.section || project.source === null) && (
        <div style={{ marginBottom: 4 }}>
          {project.section && <Tag>{`Mục ${project.section}`}</Tag>}
          {project.source === null && <Tag color="green">Thêm khi rà soát</Tag>}
        </div>
      )}
      <Row gutter={8}>
        <Col xs={24} md={16}>
          <FieldLabel>Tên dự án</FieldLabel>
          <Input.TextArea
            aria-label="Tên dự án"
            data-testid="review-project-name"
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={project.name}
            status={project.name.trim() ? undefined : 'error'}
            placeholder="Tên dự án"
            readOnly={readOnly}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Col>
        <Col xs={24} md={8}>
          <FieldLabel>Hình thức đầu tư</FieldLabel>
          <Input
            aria-label="Hình thức đầu tư"
            data-testid="review-project-form"
            value={project.investment_form ?? ''}
            placeholder="BOT, PPP, đầu tư công…"
            readOnly={readOnly}
            onChange={(e) => set({ investment_form: e.target.value || null })}
          />
        </Col>
      </Row>
    </ReviewItem>
  );
}
