// A task as read from the document: wording, section, lead and coordinating agencies as written and
// what they resolve to, deadline, output.
import { EditOutlined } from '@ant-design/icons';
import type { ExtractedTask } from '@features/imports/schema';
import { Button, Tag, Typography } from 'antd';
import { Field } from '../../plans/components/field';
import { describeDeadline } from '../labels';
import { MentionTag } from './mention-tag';
import { RemoveButton, ReviewItem } from './review-item';

type Props = {
  itemKey: string;
  task: ExtractedTask;
  index: number;
  selected: boolean;
  readOnly: boolean;
  onSelect: () => void;
  onEdit: () => void;
  onRemove: () => void;
};

export function TaskRow({
  itemKey,
  task,
  index,
  selected,
  readOnly,
  onSelect,
  onEdit,
  onRemove,
}: Props) {
  const { deadline } = task;
  const described = describeDeadline(deadline);
  const hasCoordination = task.coordinators.length > 0 || task.coordination_note;
  return (
    <ReviewItem
      testId="review-task"
      itemKey={itemKey}
      label={`Nhiệm vụ ${index + 1}`}
      selected={selected}
      onSelect={onSelect}
      actions={
        readOnly ? null : (
          <>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={(e) => {
                e.stopPropagation();
                onSelect();
                onEdit();
              }}
              data-testid="review-task-edit"
            >
              Sửa
            </Button>
            <RemoveButton testId="review-task-remove" onRemove={onRemove}>
              Không phải nhiệm vụ
            </RemoveButton>
          </>
        )
      }
    >
      <div style={{ marginBottom: 4 }}>
        {task.section && <Tag>{`Mục ${task.section}`}</Tag>}
        {task.source === null && <Tag color="green">Thêm khi rà soát</Tag>}
        {task.request && (
          // "Đề nghị Ủy ban MTTQ …": asked of a body the province does not direct.
          <Tag color="purple" data-testid="review-task-request">
            Đề nghị
          </Tag>
        )}
        <Typography.Text strong data-testid="review-task-title">
          {task.title}
        </Typography.Text>
      </div>
      <Field label="Chủ trì">
        <span data-testid="review-task-lead">
          {task.lead.length > 0 ? (
            task.lead.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: mentions have no id
              <MentionTag key={`${i}-${m.as_written}`} mention={m} />
            ))
          ) : (
            <Typography.Text type="danger">Chưa có cơ quan chủ trì</Typography.Text>
          )}
        </span>
      </Field>
      {hasCoordination && (
        <Field label="Phối hợp">
          {task.coordinators.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: mentions have no id
            <MentionTag key={`${i}-${m.as_written}`} mention={m} />
          ))}
          {task.coordination_note && <Typography.Text>{task.coordination_note}</Typography.Text>}
        </Field>
      )}
      <Field label="Thời hạn">
        <span data-testid="review-task-deadline">{described}</span>
        {deadline.as_written && deadline.as_written.toLowerCase() !== described.toLowerCase() && (
          <Typography.Text type="secondary">{` (văn bản ghi: “${deadline.as_written}”)`}</Typography.Text>
        )}
      </Field>
      {task.output && <Field label="Sản phẩm">{task.output}</Field>}
    </ReviewItem>
  );
}
